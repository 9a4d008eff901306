package dev.warroom.sim;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front door of the simulation: {@code Simulation.run(problem, "baseline")} runs one
 * variant of a problem and returns its {@link Trace}. Same problem, variant and seed give the
 * same trace, byte for byte once written (only {@code stats.wall_ms} differs).
 */
public final class Simulation {
    private Simulation() {
    }

    /** Runs a variant with the problem's own seed. */
    public static Trace run(Problem problem, String variant) {
        return run(problem, variant, problem.seed());
    }

    /** Runs a variant with an explicit seed. */
    public static Trace run(Problem problem, String variant, long seed) {
        Problem.Branch b = Problem.BASELINE.equals(variant) ? null : problem.variant(variant).branch();
        if (b == null) {
            return run(problem.id(), variant, problem.scenario(variant), seed);
        }
        long start = System.nanoTime();
        Engine engine = branching(problem, seed).start(variant);
        engine.run();
        Trace t = finish(problem.id(), variant, engine.scenario, seed, engine, (System.nanoTime() - start) / 1_000_000);
        return t.withBranch(new Trace.Branch(b.decision(), b.from(), b.atMs(),
                problem.baseline().entry(), Outcomes.firstFaultMs(problem.baseline())));
    }

    /** A problem (by identity) and a seed: whose paused parents a branch may continue. */
    private record Key(Problem problem, long seed) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.problem == problem && k.seed == seed;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(problem) * 31 + Long.hashCode(seed);
        }
    }

    /** The last few problems' paused parents: a build runs one problem's branches together. */
    private static final Map<Key, Branching> BRANCHINGS = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Branching> eldest) {
                    return size() > 3;
                }
            });

    private static Branching branching(Problem p, long seed) {
        return BRANCHINGS.computeIfAbsent(new Key(p, seed), k -> new Branching(p, seed));
    }

    /** Runs a scenario that is not part of a problem (tests, benchmarks). */
    public static Trace run(String problemId, String variant, Scenario scenario, long seed) {
        long start = System.nanoTime();
        Engine engine = new Engine(scenario, seed);
        engine.run();
        return finish(problemId, variant, scenario, seed, engine, (System.nanoTime() - start) / 1_000_000);
    }

    private static Trace finish(String problemId, String variant, Scenario scenario, long seed, Engine engine,
                                long wallMs) {
        List<Detector.Transition> transitions = new ArrayList<>();
        for (Edge edge : engine.edges) {
            for (long[] t : edge.transitions) {
                transitions.add(new Detector.Transition(t[0], edge.from.id, edge.to.id, CircuitBreaker.NAMES[(int) t[1]]));
            }
        }
        return Detector.detect(trace(problemId, variant, scenario, seed, engine, wallMs), scenario, transitions);
    }

    /** The engine after a run, for the tests of the model's internals. */
    static Engine engine(Scenario scenario, long seed) {
        Engine engine = new Engine(scenario, seed);
        engine.run();
        for (Node n : engine.nodes) {
            n.touch(engine.duration);
        }
        return engine;
    }

    private static Trace trace(String problemId, String variant, Scenario s, long seed, Engine e, long wallMs) {
        int n = e.buckets;
        Map<String, Trace.ServiceSeries> services = new LinkedHashMap<>();
        for (Node node : e.nodes) {
            List<Trace.Bucket> series = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                int br = node.breakerAt[b];
                series.add(new Trace.Bucket((long) b * Engine.BUCKET_MS, node.arrivals[b], node.ok[b], node.fallback[b],
                        node.rejected[b], node.timedOut[b], node.failed[b], node.fastFailed[b], node.retries[b],
                        node.abandoned[b], node.activeAt[b], node.queuedAt[b], node.p50[b], node.p99[b],
                        br < 0 ? "none" : CircuitBreaker.NAMES[br]));
            }
            // as configured before any intervention
            int threads = node.isExternal()
                    ? (s.externals().get(node.id).concurrency() == Scenario.UNBOUNDED ? 0
                       : s.externals().get(node.id).concurrency())
                    : s.services().get(node.id).threads();
            services.put(node.id, new Trace.ServiceSeries(node.name, node.isExternal() ? "external" : "service",
                    threads, series, counts(node.readyAt, n), counts(node.ejectedAt, n), node.heapAt == null ? null
                    : new Trace.HeapSeries(counts(node.heapAt, n), counts(node.gcAt, n), counts(node.oomAt, n)),
                    node.shards == null ? null : new Trace.ShardSeries(counts(node.shards.busyMax, n),
                            counts(node.shards.queuedMax, n)),
                    node.broker == null ? null : queueSeries(node.broker, n)));
        }
        Map<String, Trace.EdgeSeries> edges = new LinkedHashMap<>();
        for (Edge edge : e.edges) {
            List<Trace.EdgeBucket> series = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                int br = edge.breakerAt[b];
                series.add(new Trace.EdgeBucket((long) b * Engine.BUCKET_MS, edge.attempts[b], edge.retries[b],
                        edge.ok[b], edge.failed[b], edge.timedOut[b], edge.shortCircuited[b], edge.inFlightAt[b],
                        br < 0 ? "none" : CircuitBreaker.NAMES[br]));
            }
            Connections c = edge.conn;
            Trace.ConnectionSeries conns = c == null ? null : new Trace.ConnectionSeries(counts(c.handshakes, n),
                    counts(c.wasted, n), counts(c.connectTimeouts, n), counts(c.upAt, n));
            edges.put(edge.from.id + "->" + edge.to.id, new Trace.EdgeSeries(edge.from.id, edge.to.id, series,
                    edge.sideEffects ? counts(edge.effects, n) : null, edge.sideEffects ? counts(edge.duplicates, n) : null,
                    edge.cache != null ? counts(edge.cache.hits, n) : null,
                    edge.cache != null ? counts(edge.cache.misses, n) : null,
                    edge.dns == null ? null : new Trace.DnsSeries(counts(edge.dns.lookups, n),
                            counts(edge.dns.failed, n), counts(edge.dns.stale, n), counts(edge.dns.negative, n)),
                    conns));
        }
        Trace raw = new Trace(problemId, variant, seed, Engine.BUCKET_MS, s.clockAt(0), (long) n * Engine.BUCKET_MS,
                services, edges, List.of(), new Trace.TraceStats(e.events, wallMs));
        return raw;
    }

    private static Trace.QueueSeries queueSeries(Broker q, int n) {
        return new Trace.QueueSeries(counts(q.published, n), counts(q.deletedPer, n), counts(q.visibleAt, n),
                counts(q.inFlightAt, n), counts(q.oldestAgeAt, n), counts(q.deadAt, n));
    }

    /** The first {@code n} per-second counts of an optional series (null when the run kept none). */
    private static List<Integer> counts(int[] perSecond, int n) {
        if (perSecond == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            out.add(perSecond[b]);
        }
        return out;
    }
}
