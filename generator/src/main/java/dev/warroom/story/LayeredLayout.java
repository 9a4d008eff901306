package dev.warroom.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Sugiyama-style layout: layer = longest call path from an entry (externals go to
 * the bottom layer unless they say otherwise), order within a layer by the mean x of the
 * callers (barycentre), then a sweep that keeps boxes a minimum gap apart. Overrides of
 * layer and order from the problem win.
 */
final class LayeredLayout {
    /** Minimum distance between box centres, in scene widths. */
    static final double GAP = 0.235;

    private LayeredLayout() {
    }

    record Item(String id, String name, boolean external, int threads, int layer, int order) {
    }

    record Result(int layers, List<SceneSpec.Node> nodes) {
    }

    static Result place(List<Item> items, List<SceneSpec.Edge> edges) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            index.put(items.get(i).id(), i);
        }
        int n = items.size();
        int[] depth = new int[n];
        // longest path by relaxation; the bank rejects cycles, n rounds bound it anyway
        for (int round = 0; round < n; round++) {
            boolean changed = false;
            for (SceneSpec.Edge e : edges) {
                Integer a = index.get(e.from());
                Integer b = index.get(e.to());
                if (a != null && b != null && depth[b] < depth[a] + 1) {
                    depth[b] = depth[a] + 1;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int maxDepth = 0;
        for (int d : depth) {
            maxDepth = Math.max(maxDepth, d);
        }
        for (int i = 0; i < n; i++) {
            Item it = items.get(i);
            if (it.layer() >= 0) {
                depth[i] = it.layer();
            } else if (it.external()) {
                depth[i] = Math.max(depth[i], maxDepth);
            }
        }
        int layers = 1;
        for (int d : depth) {
            layers = Math.max(layers, d + 1);
        }
        double[] x = new double[n];
        boolean[] placed = new boolean[n];
        for (int layer = 0; layer < layers; layer++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (depth[i] == layer) {
                    members.add(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            double[] want = new double[n];
            for (int k = 0; k < members.size(); k++) {
                int i = members.get(k);
                double sum = 0;
                int count = 0;
                for (SceneSpec.Edge e : edges) {
                    Integer a = index.get(e.from());
                    if (a != null && placed[a] && e.to().equals(items.get(i).id())) {
                        sum += x[a];
                        count++;
                    }
                }
                want[i] = count == 0 ? (k + 0.5) / members.size() : sum / count;
            }
            members.sort(Comparator.<Integer>comparingInt(i -> items.get(i).order() < 0 ? Integer.MAX_VALUE : items.get(i).order())
                    .thenComparingDouble(i -> want[i]).thenComparingInt(i -> i));
            // siblings that want the same spot spread around it
            for (int k = 0; k < members.size(); ) {
                int j = k;
                while (j < members.size() && Math.abs(want[members.get(j)] - want[members.get(k)]) < 1e-9) {
                    j++;
                }
                for (int m = k; m < j; m++) {
                    want[members.get(m)] += (m - k - (j - k - 1) / 2.0) * GAP;
                }
                k = j;
            }
            double gap = Math.min(GAP, 1.0 / members.size());
            double lo = gap / 2;
            double hi = 1 - gap / 2;
            double prev = Double.NEGATIVE_INFINITY;
            for (int i : members) {
                x[i] = Math.max(Math.max(want[i], lo), prev + gap);
                prev = x[i];
            }
            double next = Double.POSITIVE_INFINITY;
            for (int k = members.size() - 1; k >= 0; k--) {
                int i = members.get(k);
                x[i] = Math.min(Math.min(x[i], hi), next - gap);
                next = x[i];
            }
            for (int i : members) {
                placed[i] = true;
            }
        }
        List<SceneSpec.Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Item it = items.get(i);
            nodes.add(new SceneSpec.Node(it.id(), it.name(), it.external(), it.threads(), depth[i],
                    round(x[i]), round((depth[i] + 0.5) / layers)));
        }
        return new Result(layers, nodes);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
