package dev.loophole.ipc;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping.Shape;
import dev.loophole.model.ExpressionMapping.Target;

/**
 * One route of an expression mapping (see the model's {@code ExpressionMapping.Route}): a per-note
 * dimension drives one parameter of that note's voices, {@code min + (max - min) · shape(v)}.
 */
public record ExpressionRoute(ExpressionDimension source,
                              @Opt @Range(min = 0, max = 511) Integer sourceCc,
                              Target target,
                              @Opt @Range(min = 0, max = 127) Integer targetCc,
                              @Range(min = -1e6, max = 1e6) double min,
                              @Range(min = -1e6, max = 1e6) double max,
                              @Opt Shape shape,
                              @Opt @Range(min = 0, max = 10000) Double smoothMs,
                              @Opt Boolean relative) {
}
