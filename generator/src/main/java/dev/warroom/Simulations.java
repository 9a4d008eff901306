package dev.warroom;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The simulation stage of a build: every variant of every problem, on all cores. */
final class Simulations {
    /** A problem's variants on their way: remembered or being simulated. */
    private record Pending(Problem problem, Map<String, Future<Trace>> byVariant, AtomicInteger simulated) {
    }

    private Simulations() {
    }

    /**
     * Traces by problem id, then variant id (in file order).
     *
     * @param memo     traces of the previous build to reuse, or null to simulate everything
     * @param progress one line per problem
     */
    /** "5 variants" or "5 variants and 14 decision branches". */
    private static String runs(Problem p) {
        int v = p.variantIds().size();
        int b = p.branches().size();
        return v + " variant" + (v == 1 ? "" : "s") + (b == 0 ? "" : " and " + b + " decision branch" + (b == 1 ? "" : "es"));
    }

    static Map<String, Map<String, Trace>> runAll(Bank bank, TraceMemo memo, Consumer<String> progress)
            throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "warroom-sim");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Pending> pending = new ArrayList<>();
            for (Problem p : bank.problems()) {
                Map<String, Future<Trace>> byVariant = new LinkedHashMap<>();
                AtomicInteger simulated = new AtomicInteger();
                for (String v : p.traceIds()) {
                    Trace known = memo == null ? null : memo.recall(p, v);
                    if (known != null) {
                        byVariant.put(v, CompletableFuture.completedFuture(known));
                    } else {
                        byVariant.put(v, pool.submit(() -> {
                            Trace kept = memo == null ? null : memo.load(p, v);
                            if (kept != null) {
                                return kept;
                            }
                            simulated.incrementAndGet();
                            Trace t = Simulation.run(p, v);
                            if (memo != null) {
                                memo.store(p, v, t);
                            }
                            return t;
                        }));
                    }
                }
                pending.add(new Pending(p, byVariant, simulated));
            }
            Map<String, Map<String, Trace>> traces = new LinkedHashMap<>();
            for (Pending problem : pending) {
                String id = problem.problem().id();
                Map<String, Trace> byVariant = new LinkedHashMap<>();
                long events = 0;
                for (var v : problem.byVariant().entrySet()) {
                    Trace t = get(v.getValue(), id + "/" + v.getKey());
                    events += t.stats().eventsProcessed();
                    byVariant.put(v.getKey(), t);
                    if (memo != null) {
                        memo.remember(problem.problem(), v.getKey(), t);
                    }
                }
                traces.put(id, byVariant);
                int runs = problem.simulated().get();
                int total = byVariant.size();
                String what = runs(problem.problem());
                progress.accept(runs == total
                        ? String.format(Locale.ROOT, "simulated %s: %s, %,d events", id, what, events)
                        : runs == 0
                        ? String.format(Locale.ROOT, "unchanged %s: %s, not simulated again", id, what)
                        : String.format(Locale.ROOT, "simulated %s: %d of %s (the others unchanged), %,d events",
                        id, runs, what, events));
            }
            if (memo != null) {
                memo.endBuild();
            }
            return traces;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Trace get(Future<Trace> f, String what) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulating " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Every trace's event count, summed. */
    static long events(Map<String, Map<String, Trace>> traces) {
        List<Trace> all = new ArrayList<>();
        traces.values().forEach(m -> all.addAll(m.values()));
        return all.stream().mapToLong(t -> t.stats().eventsProcessed()).sum();
    }
}
