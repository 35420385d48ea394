package dev.loophole.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written RegionInfo writer says exactly what Jackson's record serializer says, for seeded random regions. */
class RegionInfoWriterTest {
    private static final String[] TEXT = {"r1", "g-1", "/samples/Piano C4.wav", "quote \" and \\ back", "tab\tnew\nline", "ünïcødé ♪", "\u0001"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void writesWhatJacksonsRecordSerializerWrites(long seed) throws Exception {
        Random rnd = new Random(seed);
        List<RegionInfo> regions = new ArrayList<>();
        for (int i = 0; i < 500; i++)
            regions.add(new RegionInfo(TEXT[rnd.nextInt(TEXT.length)] + i, TEXT[rnd.nextInt(TEXT.length)],
                    rnd.nextBoolean() ? null : TEXT[rnd.nextInt(TEXT.length)], rnd.nextInt(128), rnd.nextInt(128), rnd.nextInt(128), rnd.nextInt(128),
                    rnd.nextInt(255) - 127, rnd.nextBoolean() ? 0.0 : rnd.nextGaussian() * 20, rnd.nextInt(201) - 100.0,
                    rnd.nextBoolean() ? -0.0 : rnd.nextDouble() * 1e-7, rnd.nextInt(49) - 24, rnd.nextBoolean() ? null : TEXT[rnd.nextInt(TEXT.length)]));
        ObjectMapper plain = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
        var list = new SamplerNotification.RegionList("p", List.of(new GroupInfo("g", "G")), regions, 7);
        String ours = new JsonRpc(10).notification(list);
        String jackson = "{\"jsonrpc\":\"2.0\",\"method\":\"sampler.regionList\",\"params\":" + plain.writeValueAsString(list) + "}";
        assertThat(ours).isEqualTo(jackson);
    }
}
