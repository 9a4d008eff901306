package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Breaker;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * DESIGN §3 item 14 and Little's law, over random topologies with every policy switched on
 * at random: at every second of every service, arrivals = answered + in flight, and the
 * time-average number in system agrees with the time spent in it.
 */
class ConservationProperties {
    /** A random DAG of 2–5 services and an external, each policy drawn from a seed. */
    static Scenario randomScenario(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(4);
        Map<String, Scenario.Service> services = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Map<String, Call> calls = new LinkedHashMap<>();
            for (int j = i + 1; j <= n; j++) {
                if (j == i + 1 || r.nextDouble() < 0.3) {
                    String to = j == n ? "ext" : "s" + j;
                    calls.put(to, randomCall(r, to));
                }
            }
            Scenario.Queue q = new Scenario.Queue(pick(r, 0, 5, 50, Scenario.UNBOUNDED),
                    r.nextBoolean() ? Scenario.Queue.Order.FIFO : Scenario.Queue.Order.LIFO, pick(r, 0, 0, 200, 1_000),
                    r.nextInt(4) == 0 ? Scenario.Queue.Overflow.DROP : Scenario.Queue.Overflow.REJECT);
            Scenario.Shed shed = r.nextInt(4) == 0 ? new Scenario.Shed(pick(r, 0, 10), pick(r, 100, 500)) : null;
            Scenario.RateLimit rl = r.nextInt(5) == 0 ? new Scenario.RateLimit(50 + r.nextInt(200), 1 + r.nextInt(20)) : null;
            services.put("s" + i, new Scenario.Service("s" + i, "S" + i, 1 + r.nextInt(30), q,
                    Scn.exp(1 + r.nextInt(50)), shed, rl, r.nextBoolean(), Scenario.Layout.AUTO, calls));
        }
        Map<String, Scenario.External> ext = Map.of("ext", new Scenario.External("ext", "Ext",
                new Dist(Dist.Kind.LOGNORMAL, 0, 20, 200), r.nextDouble() * 0.3, pick(r, 5, 50, Scenario.UNBOUNDED),
                Scenario.Layout.AUTO));
        List<Scenario.Fault> faults = new ArrayList<>();
        if (r.nextBoolean()) {
            faults.add(new Scenario.Fault("ext", Scenario.Fault.Kind.RAMP, 3_000, 4_000,
                    r.nextBoolean() ? Scenario.Fault.Shape.LINEAR : Scenario.Fault.Shape.EXPONENTIAL,
                    Dist.fixed(2_000), 1.0, 0));
        }
        if (r.nextBoolean()) {
            faults.add(new Scenario.Fault("s0", Scenario.Fault.Kind.CAPACITY, 5_000, 0, Scenario.Fault.Shape.LINEAR,
                    null, 0, 1 + r.nextInt(3)));
        }
        if (r.nextBoolean()) {
            faults.add(new Scenario.Fault("ext", Scenario.Fault.Kind.OUTAGE, 8_000, 0, Scenario.Fault.Shape.LINEAR,
                    Dist.fixed(5), 0.5, 0));
        }
        Scenario.UserRetry ur = r.nextBoolean() ? new Scenario.UserRetry(0.5, 300, 2) : null;
        List<Scenario.Traffic> traffic = List.of(new Scenario.Traffic("s0",
                r.nextBoolean() ? Scenario.Traffic.Arrival.POISSON : Scenario.Traffic.Arrival.CONSTANT, 50 + r.nextInt(250),
                List.of(new Scenario.RateChange(6_000, 300, 2_000)), ur));
        return new Scenario(0, 12_000, services, new LinkedHashMap<>(ext), traffic, faults,
                new Scenario.Detections(Map.of(), List.of()));
    }

    static Call randomCall(Random r, String to) {
        Retry retry = r.nextBoolean() ? Retry.NONE : new Retry(2 + r.nextInt(3),
                Retry.Backoff.values()[r.nextInt(3)], 10, 500, Retry.Jitter.values()[r.nextInt(4)],
                List.of(Retry.RetryOn.TIMEOUT, Retry.RetryOn.ERROR, Retry.RetryOn.REJECTED));
        Breaker breaker = switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> new Breaker(Breaker.Style.CONSECUTIVE, 1 + r.nextInt(5), 500 + r.nextInt(2_000), 1 + r.nextInt(2),
                    0, Breaker.WindowType.COUNT, 0, 0, 0, 0, 0, 0);
            default -> new Breaker(Breaker.Style.RATE, 0, 0, 0, 5 + r.nextInt(20),
                    r.nextBoolean() ? Breaker.WindowType.COUNT : Breaker.WindowType.TIME, 1 + r.nextInt(10), 50, 80,
                    100, 1_000, 1 + r.nextInt(5));
        };
        long timeout = pick(r, 0, 50, 300, 2_000);
        long deadline = r.nextInt(4) == 0 ? Math.max(timeout, 100) * 3 : 0;
        return new Call(to, r.nextDouble() < 0.3 ? 0.5 : 1.0, timeout, retry, breaker,
                r.nextInt(3) == 0 ? new Scenario.Bulkhead(1 + r.nextInt(10), pick(r, 0, 100)) : null,
                r.nextInt(3) == 0 ? new Scenario.RetryBudget(20, 3) : null, deadline,
                r.nextInt(4) == 0 ? new Scenario.Fallback(r.nextInt(5)) : null);
    }

    static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    @Property(tries = 60)
    void everyRequestIsAccountedForAtEverySecond(@ForAll long seed) {
        Trace t = Simulation.run("random", "baseline", randomScenario(seed), seed);
        for (var e : t.services().entrySet()) {
            long in = 0;
            long out = 0;
            for (Trace.Bucket b : e.getValue().series()) {
                in += b.arrivals();
                out += b.completed();
                assertThat(in).as(e.getKey() + " at " + b.tMs() + " (seed " + seed + ")")
                        .isEqualTo(out + b.active() + b.queued());
                assertThat(b.retries()).isLessThanOrEqualTo(b.arrivals());
                assertThat(b.active()).isGreaterThanOrEqualTo(0);
                assertThat(b.queued()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Property(tries = 40)
    void littlesLawBooksBalance(@ForAll long seed) {
        Engine e = Simulation.engine(randomScenario(seed), seed);
        for (Node n : e.nodes) {
            // ∫ L dt = Σ time in system of the completed + Σ time so far of those still in: bounded by the books
            long inSystem = n.active + n.queued;
            assertThat(n.areaMs).as(n.id).isGreaterThanOrEqualTo(n.sojournMs)
                    .isLessThanOrEqualTo(n.sojournMs + inSystem * e.duration);
            if (!n.isExternal()) {
                assertThat(n.active).as(n.id + " workers").isLessThanOrEqualTo(Math.max(n.threads,
                        n.service.threads()));
            }
        }
    }

    @Property(tries = 15)
    void sameSeedSameTrace(@ForAll long seed) {
        Scenario s = randomScenario(seed);
        String a = TraceJson.toJson(SimulationTest.zeroWall(Simulation.run("random", "baseline", s, seed)));
        String b = TraceJson.toJson(SimulationTest.zeroWall(Simulation.run("random", "baseline", s, seed)));
        assertThat(a).isEqualTo(b);
    }
}
