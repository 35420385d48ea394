package dev.loophole.formats.xml;

import dev.loophole.formats.drumgizmo.DrumGizmoImporter;
import dev.loophole.formats.hydrogen.HydrogenImporter;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Opens an XML instrument file by its root element: several formats share the name {@code drumkit.xml}. */
public final class XmlInstruments {
    private XmlInstruments() {}

    /** A format recognised by its root element. */
    private record Kind(String root, String format, Reader reader) {}

    @FunctionalInterface
    private interface Reader { Program read(Dom dom) throws IOException; }

    private static final List<Kind> KINDS = List.of(
            new Kind("drumkit_info", "Hydrogen drumkit.xml", HydrogenImporter::read),
            new Kind("drumkit", "DrumGizmo drumkit.xml", DrumGizmoImporter::read));

    public static Program load(Path file) throws IOException {
        Dom dom = Dom.parse(file);
        String root = Dom.local(dom.root());
        for (Kind k : KINDS) if (k.root().equals(root)) return k.reader().read(dom);
        throw dom.error(dom.root(), "expected " + String.join(" or ", KINDS.stream().map(k -> "<" + k.root() + "> (" + k.format() + ")").toList())
                + ", found <" + root + ">");
    }
}
