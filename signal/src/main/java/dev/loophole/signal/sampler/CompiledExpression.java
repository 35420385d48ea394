package dev.loophole.signal.sampler;

import dev.loophole.model.ExpressionMapping;
import dev.loophole.signal.expression.NoteExpression;
import java.util.List;

/**
 * A program's {@link ExpressionMapping} flattened for the audio thread: per route its source as a
 * {@link NoteExpression} code and its target as an index; per target the slowest smoothing of the
 * routes that reach it. Routes past {@link #MAX_ROUTES} are dropped with a warning.
 */
final class CompiledExpression {
    static final int MAX_ROUTES = 32;
    static final int PITCH = 0, CUTOFF = 1, AMPLITUDE = 2, SFZ_CC = 3, EG_DEPTH = 4, LFO_DEPTH = 5, TARGETS = 6;

    final ExpressionMapping.Route[] routes;
    final int[] source, target, targetCc;
    /** Per target: the smoothing time constant in seconds (0: jumps). */
    final double[] smoothSeconds = new double[TARGETS];
    final boolean movesCutoff;

    CompiledExpression(ExpressionMapping mapping, List<String> warnings) {
        List<ExpressionMapping.Route> rs = mapping.routes();
        if (rs.size() > MAX_ROUTES) {
            warnings.add("expression mapping has " + rs.size() + " routes; the first " + MAX_ROUTES + " are used");
            rs = rs.subList(0, MAX_ROUTES);
        }
        routes = rs.toArray(ExpressionMapping.Route[]::new);
        source = new int[routes.length];
        target = new int[routes.length];
        targetCc = new int[routes.length];
        boolean cutoff = false;
        for (int i = 0; i < routes.length; i++) {
            ExpressionMapping.Route r = routes[i];
            source[i] = NoteExpression.code(r.source(), r.sourceCc());
            target[i] = r.target().ordinal(); // the Target enum's order is the index order above
            targetCc[i] = r.targetCc();
            smoothSeconds[target[i]] = Math.max(smoothSeconds[target[i]], r.smoothMs() / 1000);
            cutoff |= r.target() == ExpressionMapping.Target.CUTOFF || r.target() == ExpressionMapping.Target.EG_DEPTH;
        }
        movesCutoff = cutoff;
    }

    static {
        if (ExpressionMapping.Target.values().length != TARGETS || ExpressionMapping.Target.LFO_DEPTH.ordinal() != LFO_DEPTH
                || ExpressionMapping.Target.SFZ_CC.ordinal() != SFZ_CC)
            throw new AssertionError("ExpressionMapping.Target changed: update CompiledExpression's indexes");
    }
}
