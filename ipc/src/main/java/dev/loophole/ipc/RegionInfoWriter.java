package dev.loophole.ipc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a {@link RegionInfo} field by field, as Jackson's record serializer would (same names, same
 * order, nulls left out) but without its per-property dispatch: a 20,000-region {@code sampler.regionList}
 * is 260,000 fields, and writing them was the server's share of listing one. {@code RegionInfoWriterTest}
 * holds it to Jackson's own output.
 */
final class RegionInfoWriter extends StdSerializer<RegionInfo> {
    // Names quoted once, not per field written.
    private static final SerializableString REGION_ID = new SerializedString("regionId"), GROUP_ID = new SerializedString("groupId"),
            SAMPLE = new SerializedString("sample"), LO_KEY = new SerializedString("loKey"), HI_KEY = new SerializedString("hiKey"),
            LO_VEL = new SerializedString("loVel"), HI_VEL = new SerializedString("hiVel"), KEYCENTER = new SerializedString("pitchKeycenter"),
            VOLUME = new SerializedString("volume"), PAN = new SerializedString("pan"), TUNE = new SerializedString("tune"),
            TRANSPOSE = new SerializedString("transpose"), LABEL = new SerializedString("label");

    RegionInfoWriter() {
        super(RegionInfo.class);
    }

    @Override
    public void serialize(RegionInfo r, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject(r);
        string(g, REGION_ID, r.regionId());
        string(g, GROUP_ID, r.groupId());
        if (r.sample() != null) string(g, SAMPLE, r.sample());
        number(g, LO_KEY, r.loKey());
        number(g, HI_KEY, r.hiKey());
        number(g, LO_VEL, r.loVel());
        number(g, HI_VEL, r.hiVel());
        number(g, KEYCENTER, r.pitchKeycenter());
        number(g, VOLUME, r.volume());
        number(g, PAN, r.pan());
        number(g, TUNE, r.tune());
        number(g, TRANSPOSE, r.transpose());
        if (r.label() != null) string(g, LABEL, r.label());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void number(JsonGenerator g, SerializableString name, int value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void number(JsonGenerator g, SerializableString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }
}
