package dev.loophole.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.command.Applied;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.NodeCommand;
import dev.loophole.pulse.testing.Fixtures;
import dev.loophole.pulse.testing.RandomEdits;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandJsonTest {
    @TempDir Path dir;

    @Test
    void everyCommandAndItsInverseRoundTripThroughJson() throws Exception {
        Fixtures.Programs programs = Fixtures.programs(dir);
        Project p = Fixtures.rich(programs);
        RandomEdits edits = new RandomEdits(7, List.of(programs.keys(), programs.drums(), programs.modulated()));
        Set<String> names = new HashSet<>();
        for (int applied = 0; applied < 300; ) {
            Command c = edits.next(p);
            if (c == null) continue;
            Applied a;
            try {
                a = c.apply(p);
            } catch (RuntimeException refused) {
                continue;
            }
            for (Command x : List.of(c, a.inverse())) {
                String json = CommandJson.write(x);
                assertThat(CommandJson.read(json, "command")).isEqualTo(x);
                names.add(json.substring(json.indexOf(':') + 2, json.indexOf('"', json.indexOf(':') + 2)));
            }
            p = a.project();
            applied++;
        }
        assertThat(names).isSubsetOf(CommandJson.TYPES.keySet()).hasSizeGreaterThan(40);
    }

    @Test
    void aCommandReadsByNameAndBadOnesAreNamed() {
        String json = "{\"command\":\"SetParameter\",\"nodeId\":\"eq\",\"parameterId\":\"band1_gain\",\"value\":3.5}";
        assertThat(CommandJson.read(json, "msg")).isEqualTo(new NodeCommand.SetParameter("eq", "band1_gain", 3.5));
        assertThat(CommandJson.write(new NodeCommand.SetParameter("eq", "band1_gain", null))).isEqualTo(
                "{\"command\":\"SetParameter\",\"nodeId\":\"eq\",\"parameterId\":\"band1_gain\",\"value\":null}");
        assertThatThrownBy(() -> CommandJson.read("{\"command\":\"Explode\"}", "msg")).hasMessageStartingWith("msg:1:").hasMessageContaining("Explode");
    }
}
