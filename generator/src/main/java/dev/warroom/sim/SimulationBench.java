package dev.warroom.sim;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Scenario;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JMH-free benchmark: every variant of a problem, then a synthetic topology ten times as
 * large (ten copies of the baseline side by side, each with its own traffic and faults), at
 * the full request rate. Prints events, wall and CPU time of the best of a few runs after a
 * warm-up, and events per second of CPU (the figure that does not depend on what else the
 * machine is doing). {@code java -cp ... dev.warroom.sim.SimulationBench [problems] [id]}.
 */
public final class SimulationBench {
    private SimulationBench() {
    }

    public static void main(String[] args) throws Exception {
        Bank bank = Bank.load(Path.of(args.length > 0 ? args[0] : "problems"));
        Problem p = args.length > 1 ? bank.problem(args[1]) : bank.problems().get(0);
        PrintWriter out = new PrintWriter(System.out, true);
        run(out, p, p.seed(), 3);
    }

    /** One row per variant and one for the 10x topology. */
    public static void run(PrintWriter out, Problem p, long seed, int repeats) {
        out.printf(Locale.ROOT, "%-22s %13s %9s %9s %13s %13s%n", "run", "events", "wall ms", "cpu ms", "events/s",
                "events/cpu-s");
        for (String v : p.variantIds()) {
            row(out, v, p.id(), p.scenario(v), seed, repeats);
        }
        row(out, "baseline x10 topology", p.id(), tenfold(p.baseline(), 10), seed, Math.max(1, repeats - 1));
        if (!p.branches().isEmpty()) {
            branches(out, p, seed);
        }
    }

    /**
     * Every decision branch once, as the build runs them (each parent paused once at its
     * decision, each option a fork of it): what the drill's options cost in all, prefixes
     * included. Events are those simulated here, not the forks' inherited counts.
     */
    private static void branches(PrintWriter out, Problem p, long seed) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long events = 0;
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        Branching branching = new Branching(p, seed);
        for (String b : p.branches().keySet()) {
            Engine e = branching.start(b);
            long inherited = e.events;
            e.run();
            events += e.events - inherited;
        }
        events += branching.pausedEvents();
        long wall = Math.max(1, (System.nanoTime() - w0) / 1_000_000);
        long cpu = Math.max(1, (mx.getCurrentThreadCpuTime() - c0) / 1_000_000);
        out.printf(Locale.ROOT, "%-22s %,13d %,9d %,9d %,13.0f %,13.0f%n", p.branches().size() + " branches, in all",
                events, wall, cpu, events * 1000.0 / wall, events * 1000.0 / cpu);
        out.flush();
    }

    private static void row(PrintWriter out, String label, String id, Scenario s, long seed, int repeats) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Simulation.run(id, label, s, seed); // warm-up
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long events = 0;
        for (int i = 0; i < repeats; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            Trace t = Simulation.run(id, label, s, seed);
            bestWall = Math.min(bestWall, Math.max(1, (System.nanoTime() - w0) / 1_000_000));
            bestCpu = Math.min(bestCpu, Math.max(1, (mx.getCurrentThreadCpuTime() - c0) / 1_000_000));
            events = t.stats().eventsProcessed();
        }
        out.printf(Locale.ROOT, "%-22s %,13d %,9d %,9d %,13.0f %,13.0f%n", label, events, bestWall, bestCpu,
                events * 1000.0 / bestWall, events * 1000.0 / bestCpu);
        out.flush();
    }

    /** A call's name resolution in copy {@code k}: its nameservers are that copy's externals. */
    private static Scenario.Dns suffixed(Scenario.Dns d, String k) {
        return d == null ? null : new Scenario.Dns(d.nameservers().stream().map(n -> n + k).toList(), d.ttlMs(),
                d.negativeTtlMs(), d.staleTtlMs(), d.staleTimeoutMs(), d.timeoutMs(), d.attempts(), d.coalesce());
    }

    /** {@code copies} copies of a scenario side by side: ids get a suffix, everything else is the same. */
    public static Scenario tenfold(Scenario s, int copies) {
        Map<String, Scenario.Service> services = new LinkedHashMap<>();
        Map<String, Scenario.External> externals = new LinkedHashMap<>();
        List<Scenario.Traffic> traffic = new ArrayList<>();
        List<Scenario.Fault> faults = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            String k = "-" + i;
            for (Scenario.Service v : s.services().values()) {
                Map<String, Scenario.Call> calls = new LinkedHashMap<>();
                v.calls().forEach((to, c) -> calls.put(to + k, new Scenario.Call(to + k, c.probability(), c.timeoutMs(),
                        c.retry(), c.breaker(), c.bulkhead(), c.retryBudget(), c.deadlineMs(), c.fallback(),
                        c.outlier(), c.sideEffect(), c.idempotencyKey(), c.cache(), suffixed(c.dns(), k), c.connections())));
                services.put(v.id() + k, new Scenario.Service(v.id() + k, v.name() + k, v.threads(), v.queue(),
                        v.processing(), v.shed(), v.rateLimit(), v.propagateDeadline(), v.layout(), calls));
            }
            for (Scenario.External e : s.externals().values()) {
                externals.put(e.id() + k, new Scenario.External(e.id() + k, e.name() + k, e.latency(), e.errorRate(),
                        e.concurrency(), e.layout()));
            }
            for (Scenario.Traffic t : s.traffic()) {
                traffic.add(new Scenario.Traffic(t.entry() + k, t.arrival(), t.rate(), t.changes(), t.userRetry()));
            }
            for (Scenario.Fault f : s.faults()) {
                faults.add(new Scenario.Fault(f.target() + k, f.kind(), f.atMs(), f.overMs(), f.shape(), f.latency(),
                        f.fraction(), f.threads()));
            }
        }
        return new Scenario(s.startClock(), s.durationMs(), services, externals, traffic, faults,
                new Scenario.Detections(s.detections().thresholds(), List.of()));
    }
}
