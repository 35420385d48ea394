package dev.loophole.signal.graph;

/**
 * A compiled graph's effect nodes split into chains that share no buffer: an effect joins the chain of every effect
 * whose pair it mixes in (instrument pairs are only read here: the engine wrote them before). A project's track — its
 * sends and channel strip — is one chain. Each effect writes only its own pair, so chains may run in any order, or
 * side by side, and every pair holds the same bits; within a chain the graph's run order is kept. Control side.
 */
final class EffectChains {
    private EffectChains() { }

    /** The chains, each its effects' run-order indices ascending; chains ordered by their first effect. */
    static int[][] of(float[][] effectPairs, CompiledGraph.Mix[] inputs) {
        int n = inputs.length;
        int[] parent = new int[n];
        for (int e = 0; e < n; e++) parent[e] = e;
        for (int e = 0; e < n; e++)
            for (float[] source : inputs[e].left())
                for (int j = 0; j < n; j++)
                    if (effectPairs[2 * j] == source) parent[root(parent, e)] = root(parent, j);
        int[] chainOf = new int[n], size = new int[n];
        int chains = 0;
        int[] chainOfRoot = new int[n];
        java.util.Arrays.fill(chainOfRoot, -1);
        for (int e = 0; e < n; e++) {
            int r = root(parent, e);
            if (chainOfRoot[r] < 0) chainOfRoot[r] = chains++;
            chainOf[e] = chainOfRoot[r];
            size[chainOf[e]]++;
        }
        int[][] out = new int[chains][];
        for (int c = 0; c < chains; c++) out[c] = new int[size[c]];
        int[] filled = new int[chains];
        for (int e = 0; e < n; e++) out[chainOf[e]][filled[chainOf[e]]++] = e;
        return out;
    }

    private static int root(int[] parent, int e) {
        while (parent[e] != e) e = parent[e] = parent[parent[e]];
        return e;
    }
}
