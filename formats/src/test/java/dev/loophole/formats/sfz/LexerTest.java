package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Token> lex(String text) throws SfzException {
        return Lexer.tokens("f.sfz", text);
    }

    private static List<String> shown(String text) throws SfzException {
        return lex(text).stream().map(t -> switch (t) {
            case Token.Header h -> "<" + h.section().sfzName + ">@" + h.at().line() + ":" + h.at().column();
            case Token.Opcode o -> o.name() + "=[" + o.value() + "]@" + o.at().line() + ":" + o.at().column();
            case Token.Define d -> "define " + d.name() + "=[" + d.value() + "]";
            case Token.Include i -> "include [" + i.path() + "]";
            case Token.SampleData d -> "data [" + d.encoded() + "]";
        }).toList();
    }

    @Test
    void headersAndOpcodesWithPositions() throws SfzException {
        assertThat(shown("<region> lokey=60 hikey=62\n  <group>volume=-3"))
                .containsExactly("<region>@1:1", "lokey=[60]@1:10", "hikey=[62]@1:19", "<group>@2:3", "volume=[-3]@2:10");
    }

    @Test
    void valuesKeepSpacesAndEqualsSignsUntilTheNextOpcode() throws SfzException {
        assertThat(shown("<region>sample=My Piano\\C 4 ff.wav lokey=60 label_cc1=a=b\nsample=x y.wav<region>"))
                .containsExactly("<region>@1:1", "sample=[My Piano\\C 4 ff.wav]@1:9", "lokey=[60]@1:36",
                        "label_cc1=[a=b]@1:45", "sample=[x y.wav]@2:1", "<region>@2:15");
    }

    @Test
    void commentsEndValuesAndAreSkipped() throws SfzException {
        assertThat(shown("// intro\n<region> /* a\nmulti-line */ sample=a b.wav // trailing\nkey=c4/*x*/hikey=5"))
                .containsExactly("<region>@2:1", "sample=[a b.wav]@3:15", "key=[c4]@4:1", "hikey=[5]@4:12");
    }

    @Test
    void spacesAroundTheEqualsSignAreTolerated() throws SfzException {
        assertThat(shown("<region> lokey = 60 hikey= 62")).containsExactly("<region>@1:1", "lokey=[60]@1:10", "hikey=[62]@1:21");
    }

    @Test
    void preprocessorLines() throws SfzException {
        assertThat(shown("#define $KEY 60 // c4\n#include \"sub dir/x.sfz\"\n#include other.sfz"))
                .containsExactly("define $KEY=[60]", "include [sub dir/x.sfz]", "include [other.sfz]");
    }

    @Test
    void crlfAndLoneCrCountAsLineBreaks() throws SfzException {
        assertThat(shown("<region>\r\nkey=1\rkey=2\nkey=3"))
                .containsExactly("<region>@1:1", "key=[1]@2:1", "key=[2]@3:1", "key=[3]@4:1");
    }

    @Test
    void anOpcodeWithoutEqualsSign() {
        assertThatThrownBy(() -> lex("<region>\n  lokey60 hikey=3")).isInstanceOf(SfzException.class)
                .hasMessage("f.sfz:2:3: expected opcode=value, found 'lokey60' without '='");
    }

    @Test
    void anUnknownHeader() {
        assertThatThrownBy(() -> lex("<group>\n<regin> key=1")).hasMessageStartingWith("f.sfz:2:1: expected a header (<control> <global>")
                .hasMessageEndingWith("found <regin>");
    }

    @Test
    void anUnclosedHeader() {
        assertThatThrownBy(() -> lex("<region key=1")).hasMessage("f.sfz:1:1: expected '>' to close the header '<region key=1'");
    }

    @Test
    void anUnterminatedBlockComment() {
        assertThatThrownBy(() -> lex("<region> key=1\n /* never closed\n")).hasMessage("f.sfz:2:2: expected '*/' to close the comment opened here");
    }

    @Test
    void strayCharactersAndBadDirectives() {
        assertThatThrownBy(() -> lex("<region> %")).hasMessageStartingWith("f.sfz:1:10: expected a <header>, an opcode=value");
        assertThatThrownBy(() -> lex("<region>\n=5")).hasMessage("f.sfz:2:1: expected an opcode name before '='");
        assertThatThrownBy(() -> lex("#defin $A 1")).hasMessage("f.sfz:1:1: expected #define or #include, found '#defin'");
        assertThatThrownBy(() -> lex("#define A 1")).hasMessage("f.sfz:1:9: expected a $NAME after #define");
        assertThatThrownBy(() -> lex("#define $A")).hasMessage("f.sfz:1:11: expected a value after #define $A");
        assertThatThrownBy(() -> lex("#include \"x.sfz")).hasMessage("f.sfz:1:10: expected a closing '\"' after the #include path");
    }

    @Test
    void emptyValueIsAnEmptyString() throws SfzException {
        assertThat(shown("<region> sample=\nkey=1")).containsExactly("<region>@1:1", "sample=[]@1:10", "key=[1]@2:1");
    }
    @Test
    void messagesQuoteAtMostSixtyCharactersOfTheInput() throws SfzException {
        String huge = "x".repeat(1 << 20);
        assertThatThrownBy(() -> Lexer.tokens("f.sfz", "<" + huge + ">")).hasMessage(
                "f.sfz:1:1: expected a header (" + Section.list() + "), found <" + "x".repeat(60) + "… (1048576 characters)>");
        var p = SfzImporter.parse("<region> sample=*sine key=" + huge, java.nio.file.Path.of("/tmp/none/q.sfz"));
        assertThat(Sfz.warnings(p)).singleElement().asString().hasSizeLessThan(300).contains("… (1048576 characters)");
    }
}
