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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The simulation stage of a build: every variant of every problem, on all cores. */
final class Simulations {
    private Simulations() {
    }

    /**
     * Traces by problem id, then variant id (in file order).
     *
     * @param memo     traces of the previous build to reuse, or null to simulate everything
     * @param progress one line per problem
     */
    static Map<String, Map<String, Trace>> runAll(Bank bank, TraceMemo memo, Consumer<String> progress)
            throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "warroom-sim");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Map<String, Future<Trace>>> futures = new LinkedHashMap<>();
            Map<String, AtomicInteger> simulated = new LinkedHashMap<>();
            for (Problem p : bank.problems()) {
                Map<String, Future<Trace>> byVariant = new LinkedHashMap<>();
                AtomicInteger runs = new AtomicInteger();
                for (String v : p.variantIds()) {
                    Supplier<Trace> simulate = () -> {
                        runs.incrementAndGet();
                        return Simulation.run(p, v);
                    };
                    byVariant.put(v, pool.submit(() -> memo == null ? simulate.get()
                            : memo.get(p.id(), v, p.scenario(v), p.seed(), simulate)));
                }
                futures.put(p.id(), byVariant);
                simulated.put(p.id(), runs);
            }
            Map<String, Map<String, Trace>> traces = new LinkedHashMap<>();
            for (var problem : futures.entrySet()) {
                Map<String, Trace> byVariant = new LinkedHashMap<>();
                long events = 0;
                for (var v : problem.getValue().entrySet()) {
                    Trace t = get(v.getValue(), problem.getKey() + "/" + v.getKey());
                    events += t.stats().eventsProcessed();
                    byVariant.put(v.getKey(), t);
                }
                traces.put(problem.getKey(), byVariant);
                int runs = simulated.get(problem.getKey()).get();
                int total = byVariant.size();
                progress.accept(runs == total
                        ? String.format(Locale.ROOT, "simulated %s: %d variants, %,d events", problem.getKey(), total, events)
                        : runs == 0
                        ? String.format(Locale.ROOT, "unchanged %s: %d variants, not simulated again", problem.getKey(), total)
                        : String.format(Locale.ROOT, "simulated %s: %d of %d variants (the others unchanged), %,d events",
                        problem.getKey(), runs, total, events));
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
