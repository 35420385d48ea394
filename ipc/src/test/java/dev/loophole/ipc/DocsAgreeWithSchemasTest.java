package dev.loophole.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The docs document exactly the protocol's messages, and every example conforms to its generated schema and decodes into its record. */
class DocsAgreeWithSchemasTest {
    private final Map<String, List<DocExamples.Example>> docs = DocExamples.read();
    private final JsonRpc rpc = new JsonRpc(100);

    @Test
    void everyMethodIsDocumentedOnceAndNothingElse() {
        TreeSet<String> expected = new TreeSet<>(Protocol.all().keySet());
        expected.add("error");
        assertThat(new TreeSet<>(docs.keySet())).isEqualTo(expected);
    }

    @Test
    void theSpecificationsMessagesAreAllThere() {
        for (String r : List.of("instrument.loadProgram", "instrument.saveProgram", "sampler.addSampleRegion", "sampler.updateRegion",
                "sampler.removeRegion", "sampler.assignSample", "sampler.requestProgramList", "instrument.setExpressionMapping"))
            assertThat(Protocol.method(r)).as(r).isNotNull().extracting(Protocol.Method::request).isEqualTo(true);
        for (String n : List.of("instrument.programList", "sampler.regionUpdated", "sampler.regionList", "sampler.sampleStatus", "instrument.capabilities"))
            assertThat(Protocol.method(n)).as(n).isNotNull().extracting(Protocol.Method::request).isEqualTo(false);
    }

    @Test
    void everyExampleConformsToItsSchemaAndDecodesIntoItsRecord() {
        List<String> problems = new ArrayList<>();
        for (var section : docs.entrySet()) {
            Protocol.Method m = Protocol.method(section.getKey());
            boolean sawRequest = false, sawResult = false;
            assertThat(section.getValue()).as(section.getKey() + " has examples").isNotEmpty();
            for (DocExamples.Example ex : section.getValue()) {
                JsonNode j = ex.json();
                JsonNode schema;
                if (j.has("error")) schema = SchemaGenerator.errorMessage();
                else if (m == null) { problems.add(ex.where() + ": not a message of the protocol"); continue; }
                else if (j.has("result")) { schema = SchemaGenerator.resultMessage(m); sawResult = true; }
                else if (m.request()) { schema = SchemaGenerator.requestMessage(m); sawRequest = true; }
                else schema = SchemaGenerator.notificationMessage(m);
                String v = SchemaValidator.violation(schema, j, "$");
                if (v != null) { problems.add(ex.where() + ": " + v); continue; }
                String roundTrip = roundTrip(m, j);
                if (roundTrip != null) problems.add(ex.where() + ": " + roundTrip);
            }
            if (m != null && m.request() && !(sawRequest && sawResult)) problems.add(section.getKey() + ": needs a request and a response example");
        }
        assertThat(problems).isEmpty();
    }

    /** The example read into its record and written back says the same (numbers compared by value). */
    private String roundTrip(Protocol.Method m, JsonNode j) {
        if (j.has("error")) return null;
        if (j.has("result")) return JsonSame.diff(j.get("result"), rpc.objectMapper().valueToTree(rpc.read(j.get("result"), m.result())), "result");
        if (m.request()) {
            Incoming in = rpc.decode(j.toString());
            if (!(in instanceof Incoming.Single(Incoming.Call call))) return "does not decode as a call: " + in;
            if (call.params().getClass() != m.params()) return "decodes as " + call.params().getClass();
            return JsonSame.diff(j.path("params"), rpc.objectMapper().valueToTree(call.params()), "params");
        }
        return JsonSame.diff(j.get("params"), rpc.objectMapper().valueToTree(rpc.read(j.get("params"), m.params())), "params");
    }
}
