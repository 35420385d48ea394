package dev.loophole.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.ExpressionMapping.Route;
import dev.loophole.model.ExpressionMapping.Shape;
import dev.loophole.model.ExpressionMapping.Target;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpressionMappingTest {
    @Test
    void amountsFollowRangeShapeAndCentre() {
        Route amp = new Route(ExpressionDimension.PRESSURE, Target.AMPLITUDE, 0, 6, 10);
        assertThat(amp.amount(0)).isZero();
        assertThat(amp.amount(1)).isEqualTo(6);
        assertThat(amp.amount(2)).as("clamped").isEqualTo(6);
        Route sq = new Route(ExpressionDimension.PRESSURE, -1, Target.AMPLITUDE, -1, 0, 6, Shape.SQUARE, 0, false);
        assertThat(sq.amount(0.5)).isEqualTo(1.5);
        Route rel = new Route(ExpressionDimension.TIMBRE, -1, Target.CUTOFF, -1, -2400, 2400, Shape.LINEAR, 0, true);
        assertThat(rel.amount(0.5)).as("relative: centre is neutral").isZero();
        assertThat(rel.amount(1)).isEqualTo(2400);
        Route pitch = new Route(ExpressionDimension.PITCH, Target.PITCH, -100, 100, 0);
        assertThat(pitch.amount(-12.5)).as("100 cents per semitone, beyond ±1 too").isEqualTo(-1250);
    }

    /** Seeded property: a relative route's amount is odd around the centre for a linear shape. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void relativeLinearRoutesAreSymmetricAroundTheCentre(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 100; i++) {
            double lo = -r.nextDouble() * 5000, hi = r.nextDouble() * 5000, d = r.nextDouble() * 0.5;
            Route x = new Route(ExpressionDimension.TIMBRE, -1, Target.CUTOFF, -1, lo, hi, Shape.LINEAR, 0, true);
            assertThat(x.amount(0.5 + d)).isCloseTo(-x.amount(0.5 - d), within(1e-9));
        }
    }

    @Test
    void badRoutesAreRefused() {
        assertThatThrownBy(() -> new Route(ExpressionDimension.PER_NOTE_CC, 512, Target.PITCH, -1, 0, 1, Shape.LINEAR, 0, false))
                .hasMessageContaining("512");
        assertThatThrownBy(() -> new Route(ExpressionDimension.PRESSURE, -1, Target.SFZ_CC, 128, 0, 1, Shape.LINEAR, 0, false))
                .hasMessageContaining("128");
        assertThatThrownBy(() -> new Route(ExpressionDimension.PRESSURE, Target.AMPLITUDE, 0, Double.NaN, 0)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Route(ExpressionDimension.PRESSURE, Target.AMPLITUDE, 0, 1, -1)).hasMessageContaining("smoothing");
    }

    @Test
    void programsCarryAMappingAndOldConstructorsGetTheDefault() {
        Program p = new Program("p", "p", List.of(), null, Map.of(), Map.of(), List.of());
        assertThat(p.expression()).isEqualTo(ExpressionMapping.SAMPLER_DEFAULT);
        assertThat(p.withExpression(ExpressionMapping.NONE).expression().routes()).isEmpty();
    }

    @Test
    void capabilitiesFollowTheMapping() {
        ExpressionCapabilities c = ExpressionCapabilities.of(ExpressionMapping.SAMPLER_DEFAULT);
        assertThat(c.dimensions()).containsExactlyInAnyOrder(ExpressionDimension.PITCH, ExpressionDimension.PRESSURE,
                ExpressionDimension.TIMBRE, ExpressionDimension.POLY_AFTERTOUCH);
        assertThat(c.bendRange()).isEqualTo(48);
        assertThatThrownBy(() -> new ExpressionCapabilities(Set.of(), Set.of(), List.of(), 97)).hasMessageContaining("97");
        assertThatThrownBy(() -> new ExpressionCapabilities.MpeZone(true, 16)).hasMessageContaining("16");
        assertThat(new ExpressionCapabilities.MpeZone(false, 3).managerChannel()).isEqualTo(16);
    }
}
