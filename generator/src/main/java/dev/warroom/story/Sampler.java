package dev.warroom.story;

import dev.warroom.sim.Trace;
import java.util.ArrayList;
import java.util.List;

/** Samples a trace into keyframes at a fixed simulated step and judges each service's health. */
final class Sampler {
    private Sampler() {
    }

    static List<Keyframe> keyframes(SceneSpec scene, Trace trace, long stepMs) {
        double[][] base = new double[scene.nodes().size()][];
        for (int i = 0; i < base.length; i++) {
            base[i] = baseline(trace, scene.nodes().get(i).id());
        }
        List<Keyframe> out = new ArrayList<>();
        for (long t = 0; t <= scene.durationMs(); t += stepMs) {
            out.add(keyframe(scene, trace, t, stepMs, base));
        }
        return out;
    }

    /** Bucket range [lo, hi) the keyframe at {@code t} aggregates. */
    private static int[] window(Trace trace, long t, long stepMs, int size) {
        int bucket = trace.bucketMs();
        int hi = (int) Math.min(size, Math.max(1, t / bucket));
        int lo = (int) Math.max(0, Math.min(hi - 1, (t - stepMs) / bucket));
        return new int[] {lo, hi};
    }

    static Keyframe keyframe(SceneSpec scene, Trace trace, long t, long stepMs, double[][] base) {
        List<NodeState> nodes = new ArrayList<>();
        for (int i = 0; i < scene.nodes().size(); i++) {
            SceneSpec.Node node = scene.nodes().get(i);
            Trace.ServiceSeries s = trace.services().get(node.id());
            if (s == null || s.series().isEmpty()) {
                nodes.add(new NodeState(node.id(), Health.OK, Health.OK, 1, "no data", 0, node.threads(), 0, -1, 0, 0, "none"));
                continue;
            }
            nodes.add(node(node, s, window(trace, t, stepMs, s.series().size()), trace.bucketMs(), base[i]));
        }
        List<EdgeState> edges = new ArrayList<>();
        for (SceneSpec.Edge e : scene.edges()) {
            Trace.EdgeSeries s = trace.edges().get(e.key());
            if (s == null || s.series().isEmpty()) {
                edges.add(new EdgeState(e.key(), 0, 0, 0, 0, 0, 0, 0, "none"));
                continue;
            }
            edges.add(edge(e.key(), s, window(trace, t, stepMs, s.series().size()), trace.bucketMs()));
        }
        return new Keyframe(t, nodes, edges);
    }

    private static NodeState node(SceneSpec.Node node, Trace.ServiceSeries s, int[] w, int bucketMs, double[] base) {
        long arrivals = 0;
        long ok = 0;
        long fallback = 0;
        long failures = 0;
        long completed = 0;
        long p99 = -1;
        long p50 = -1;
        for (Trace.Bucket b : s.series().subList(w[0], w[1])) {
            arrivals += b.arrivals();
            ok += b.ok();
            fallback += b.fallback();
            failures += b.failures();
            completed += b.completed();
            if (b.completed() > 0) {
                p99 = Math.max(p99, b.p99Ms());
                p50 = Math.max(p50, b.p50Ms());
            }
        }
        Trace.Bucket last = s.series().get(w[1] - 1);
        double seconds = (w[1] - w[0]) * bucketMs / 1000.0;
        double errorRate = completed == 0 ? 0 : (double) failures / completed;
        int threads = s.threads();
        String[] reason = new String[1];
        Health h = judge(threads, last.active(), last.queued(), arrivals, completed, errorRate,
                completed == 0 ? 0 : (double) fallback / completed, p50, p99, base[0], base[1], reason);
        return new NodeState(node.id(), h, h, 1, reason[0], last.active(), threads, last.queued(), p99, errorRate,
                arrivals / seconds, last.breaker() == null ? "none" : last.breaker());
    }

    /**
     * The health rules, in order: most requests failing, a full pool with a queue, nothing
     * completing while work is in flight, the median latency far above the service's own
     * normal → DOWN; some errors or fallbacks, a nearly full pool, the tail (p99) well above
     * normal → WARN. A slow tail alone never makes a service DOWN: most requests are fine.
     */
    static Health judge(int threads, int active, int queued, long arrivals, long completed, double errorRate,
                        double fallbackRate, long p50, long p99, double baseP50, double baseP99, String[] reason) {
        if (errorRate >= 0.5) {
            reason[0] = "failing";
            return Health.DOWN;
        }
        if (threads > 0 && active >= threads && queued > 0) {
            reason[0] = "pool full";
            return Health.DOWN;
        }
        // in flight and nothing answered in the whole window: stalled, even with no new calls
        // (a breaker's half-open trial into a dependency that still hangs)
        if (completed == 0 && active > 0) {
            reason[0] = "stalled";
            return Health.DOWN;
        }
        if (baseP50 > 0 && p50 >= Math.max(10 * baseP50, baseP50 + 1_000)) {
            reason[0] = "very slow";
            return Health.DOWN;
        }
        if (errorRate >= 0.05) {
            reason[0] = "errors";
            return Health.WARN;
        }
        if (fallbackRate >= 0.05) {
            reason[0] = "degraded";
            return Health.WARN;
        }
        if (threads > 0 && active >= 0.8 * threads) {
            reason[0] = "pool busy";
            return Health.WARN;
        }
        if (baseP99 > 0 && p99 >= Math.max(3 * baseP99, baseP99 + 200)) {
            reason[0] = "slow tail";
            return Health.WARN;
        }
        reason[0] = arrivals == 0 && active == 0 ? "idle" : "healthy";
        return Health.OK;
    }

    private static EdgeState edge(String key, Trace.EdgeSeries s, int[] w, int bucketMs) {
        long attempts = 0;
        long retries = 0;
        long ok = 0;
        long failed = 0;
        long timedOut = 0;
        long shorted = 0;
        for (Trace.EdgeBucket b : s.series().subList(w[0], w[1])) {
            attempts += b.attempts();
            retries += b.retries();
            ok += b.ok();
            failed += b.failed();
            timedOut += b.timedOut();
            shorted += b.shortCircuited();
        }
        Trace.EdgeBucket last = s.series().get(w[1] - 1);
        double seconds = (w[1] - w[0]) * bucketMs / 1000.0;
        long calls = attempts + shorted;
        if (calls == 0) {
            return new EdgeState(key, 0, 0, 0, 0, 0, 0, 0, last.breaker());
        }
        long answered = ok + failed + timedOut;
        long pending = Math.max(0, attempts - answered);
        double total = Math.max(calls, answered + shorted + pending);
        return new EdgeState(key, calls / seconds, attempts == 0 ? 0 : (double) retries / attempts, ok / total,
                failed / total, timedOut / total, shorted / total, pending / total,
                last.breaker() == null ? "none" : last.breaker());
    }

    /** The service's normal {p50, p99}: the medians of its first minute's bucket percentiles. */
    static double[] baseline(Trace trace, String id) {
        Trace.ServiceSeries s = trace.services().get(id);
        if (s == null) {
            return new double[] {0, 0};
        }
        int n = Math.min(s.series().size(), Math.max(1, 60_000 / trace.bucketMs()));
        List<Trace.Bucket> first = s.series().subList(0, n).stream().filter(b -> b.completed() > 0).toList();
        if (first.isEmpty()) {
            return new double[] {0, 0};
        }
        double[] p50 = first.stream().mapToDouble(Trace.Bucket::p50Ms).sorted().toArray();
        double[] p99 = first.stream().mapToDouble(Trace.Bucket::p99Ms).sorted().toArray();
        return new double[] {p50[p50.length / 2], p99[p99.length / 2]};
    }
}
