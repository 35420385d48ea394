package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Compares JSON trees with numbers by value (1 and 1.0 are the same); names the first difference. */
final class JsonSame {
    private JsonSame() {
    }

    static String diff(JsonNode a, JsonNode b, String at) {
        if (a.isMissingNode() && b.isObject() && b.isEmpty()) return null;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0 ? null : at + ": " + a + " ≠ " + b;
        if (a.getNodeType() != b.getNodeType()) return at + ": " + a + " ≠ " + b;
        if (a.isObject()) {
            if (a.size() != b.size()) return at + ": fields " + names(a) + " ≠ " + names(b);
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k)) return at + "." + k + " is missing";
                String d = diff(a.get(k), b.get(k), at + "." + k);
                if (d != null) return d;
            }
            return null;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) return at + ": " + a.size() + " items ≠ " + b.size();
            for (int i = 0; i < a.size(); i++) {
                String d = diff(a.get(i), b.get(i), at + "[" + i + "]");
                if (d != null) return d;
            }
            return null;
        }
        return a.equals(b) ? null : at + ": " + a + " ≠ " + b;
    }

    private static String names(JsonNode o) {
        StringBuilder s = new StringBuilder();
        o.fieldNames().forEachRemaining(n -> s.append(s.isEmpty() ? "" : ",").append(n));
        return "{" + s + "}";
    }
}
