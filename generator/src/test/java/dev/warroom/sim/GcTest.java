package dev.warroom.sim;

import static dev.warroom.sim.Scn.fifo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Dist;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory pressure, garbage collection and OOM kills (docs/simulation.md, "Memory and garbage
 * collection"), each against a reference computed here, independently of the engine: the
 * tracing collector's cost curve 1 + c·L/(H − L) (Appel; Jones and Lins), M/M/1's mean number
 * in system ρ/(1 − ρ), Little's law L = λW, and the kubelet's documented crash-loop back-off.
 */
class GcTest {
    private static final long SEED = 5;

    /** A service "api" of {@code pods} pods with {@code memory}, no probes, a 3 s restart, fed by {@code traffic}. */
    private static Scn api(int pods, int threads, Dist work, Scenario.Memory memory, Scenario.Traffic traffic,
                           long durationMs, Scenario.Call... calls) {
        Scn s = Scn.of(durationMs).service("api", threads, fifo(Scenario.UNBOUNDED), work, calls);
        s.services.put("api", s.services.get("api").withHealth(new Scenario.Health(pods, null, null, 1, 3_000))
                .withMemory(memory));
        s.traffic(traffic);
        return s;
    }

    private static Scenario.Traffic constant(double rate) {
        return new Scenario.Traffic("api", Scenario.Traffic.Arrival.CONSTANT, rate, List.of(), null);
    }

    private static Scenario.Traffic poisson(double rate) {
        return new Scenario.Traffic("api", Scenario.Traffic.Arrival.POISSON, rate, List.of(), null);
    }

    /**
     * One request at a time on one worker: each finds its pod empty, so it starts with
     * L = base + per_request live and its 100 ms of work take 100 × (1 + c·L/(H − L)) ms.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 300, 600, 800, 900, 950})
    void aLoneRequestTakesTheCollectorsCostCurve(double base) {
        double heap = 1_000;
        double per = 20;
        double c = 0.1;
        Scenario.Memory m = new Scenario.Memory(heap, base, per, c);
        Trace t = api(1, 1, Dist.fixed(100), m, constant(2), 30_000).run(SEED);
        double live = base + per;
        long expected = Math.round(100 * (1 + c * live / (heap - live)));
        for (Trace.Bucket b : t.service("api").series().subList(1, 29)) {
            assertThat(b.p50Ms()).isEqualTo(expected);
            assertThat(b.p99Ms()).isEqualTo(expected);
        }
        // at the end of each second the pod is empty: base live, base's share of collector time
        double g = c * base / (heap - base);
        assertThat(t.service("api").heap().heapMb().get(10)).isEqualTo((int) Math.round(base));
        assertThat(t.service("api").heap().gcPercent().get(10)).isEqualTo((int) Math.round(100 * g / (1 + g)));
    }

    /** Without collector cost the pod is M/M/1 (ρ = 0.5): the heap sampled each second averages base + per × ρ/(1 − ρ). */
    @Test
    void liveMemoryIsBasePlusPerRequestTimesTheMm1MeanInSystem() {
        double base = 200;
        double per = 10;
        Scenario.Memory m = new Scenario.Memory(1e6, base, per, 0);
        Trace t = api(1, 1, Scn.exp(100), m, poisson(5), 4_000_000).run(SEED);
        List<Integer> heap = t.service("api").heap().heapMb();
        double mean = heap.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double rho = 0.5;
        assertThat((mean - base) / per).isCloseTo(rho / (1 - rho), within(0.1));
    }

    /**
     * With the collector slowing work (c = 0.2, near the knee), live memory still tracks the
     * requests in the pod: the heap sampled each second averages base + per × λW (Little's law,
     * W the measured mean time in system), and the mean work is stretched beyond 100 ms.
     */
    @Test
    void liveMemoryFollowsLittlesLawUnderCollectorSlowdown() {
        double base = 300;
        double per = 20;
        Scenario.Memory m = new Scenario.Memory(1_000, base, per, 0.2);
        Scenario s = api(1, 4, Scn.exp(100), m, poisson(20), 2_000_000).build();
        Engine e = Simulation.engine(s, SEED);
        Node n = e.byId.get("api");
        long completed = 0;
        for (int b = 0; b < e.buckets; b++) {
            completed += n.ok[b] + n.failed[b] + n.rejected[b] + n.timedOut[b];
        }
        assertThat(sum(n.oomAt)).as("no OOM at this load").isZero();
        double lambda = completed / (e.duration / 1000.0);
        double w = n.sojournMs / 1000.0 / completed;
        double mean = java.util.Arrays.stream(n.heapAt).average().orElseThrow();
        assertThat((mean - base) / per).isCloseTo(lambda * w, within(0.05 * lambda * w));
        assertThat(w).as("work stretched by the collector").isGreaterThan(0.100 * 1.1);
    }

    /**
     * Requests that hold their memory (a 60 s call) fill the heap one by one: with H = 100,
     * base 50 and 1 MB each, the 50th admission after a start is the one that cannot be
     * allocated (50 + 50 = H), so the container dies then, every time, its 49 requests and the
     * 50th failing with it. It comes back after the kubelet's crash-loop back-off (none, 10 s,
     * 20 s, 40 s ...) plus its 3 s start, empty, into the same load: the restart loop.
     */
    @Test
    void theOomKillComesExactlyWhenLiveReachesTheHeapAndRestartsWithBackOff() {
        Scenario.Memory m = new Scenario.Memory(100, 50, 1, 0.05);
        Scn s = api(1, 200, Dist.fixed(1), m, constant(10), 120_000,
                Scn.call("db", Scenario.NO_TIMEOUT));
        s.externals.put("db", new Scenario.External("db", "db", Dist.fixed(60_000), 0, Scenario.UNBOUNDED,
                Scenario.Layout.AUTO));
        Engine e = Simulation.engine(s.build(), SEED);
        Node n = e.byId.get("api");
        List<long[]> kills = new ArrayList<>();
        List<long[]> ups = new ArrayList<>();
        for (long[] c : n.health.changes) {
            (c[2] == Health.CHANGE_KILLED ? kills : ups).add(c);
        }
        // the reference: arrivals every 100 ms from 100 ms; the 50th after a start kills; back-off per Kubernetes
        List<Long> expectedKills = new ArrayList<>();
        List<Long> expectedUps = new ArrayList<>();
        long startedAt = 0; // the first arrival comes at 100 ms
        long backoff = 0;
        while (true) {
            long kill = startedAt + 50 * 100;
            if (kill >= 120_000) {
                break;
            }
            expectedKills.add(kill);
            long up = kill + backoff + 3_000;
            if (up < 120_000) {
                expectedUps.add(up);
            }
            startedAt = up - 100; // an arrival at the very millisecond it is back is its first
            backoff = backoff == 0 ? 10_000 : backoff * 2;
        }
        assertThat(kills.stream().map(c -> c[0]).toList()).containsExactlyElementsOf(expectedKills);
        assertThat(ups.stream().map(c -> c[0]).toList()).containsExactlyElementsOf(expectedUps);
        // the second before the first kill ends with 49 requests held: 50 + 49 MB, 83 % of the time collecting
        assertThat(n.heapAt[4]).isEqualTo(99);
        double g = 0.05 * 99 / (100 - 99);
        assertThat(n.gcAt[4]).isEqualTo((int) Math.round(100 * g / (1 + g)));
        assertThat(n.oomAt[5]).isEqualTo(1);
        assertThat(n.failed[5]).as("the 49 held and the 50th").isEqualTo(50);
        assertThat(sum(n.oomAt)).isEqualTo(expectedKills.size());
        for (int b = 0; b < e.buckets; b++) {
            assertThat(n.heapAt[b]).isLessThan(100);
        }
    }

    /** The same load spread over twice the pods halves each pod's held requests: no OOM. */
    @Test
    void moreSmallerPodsHoldLessEach() {
        Scenario.Memory m = new Scenario.Memory(100, 50, 1, 0.05);
        Scn s = api(2, 200, Dist.fixed(1), m, constant(10), 120_000, Scn.call("db", Scenario.NO_TIMEOUT));
        s.externals.put("db", new Scenario.External("db", "db", Dist.fixed(8_000), 0, Scenario.UNBOUNDED,
                Scenario.Layout.AUTO));
        Engine two = Simulation.engine(s.build(), SEED);
        assertThat(sum(two.byId.get("api").oomAt)).isZero(); // 80 in flight, 40 a pod: 90 MB
        Scn one = api(1, 200, Dist.fixed(1), m, constant(10), 120_000, Scn.call("db", Scenario.NO_TIMEOUT));
        one.externals.putAll(s.externals);
        assertThat(sum(Simulation.engine(one.build(), SEED).byId.get("api").oomAt)).isPositive(); // 80 in one pod: 130 MB
    }

    /** A fork of a paused run mid restart loop continues exactly as a run from the start (a bigger heap, rolled out). */
    @Test
    void aForkOfARestartLoopEqualsARunFromTheStart() {
        Scenario.Memory m = new Scenario.Memory(400, 100, 2, 0.05);
        Scenario base = api(4, 40, Scn.exp(100), m, poisson(500), 120_000).build(); // 400/s of capacity
        Scenario.Service svc = base.services().get("api");
        List<List<Scenario.Action>> branches = List.of(
                List.of(new Scenario.Change(50_000, Map.of("api", svc.withMemory(new Scenario.Memory(800, 100, 2, 0.05))),
                        Map.of())),
                List.of(new Scenario.Restart(50_000, "api", 5_000, 1, 0, 1)));
        for (List<Scenario.Action> acts : branches) {
            ForkPair run = ForkPair.of(base, acts, 50_000, SEED);
            Node a = run.fork().byId.get("api");
            Node b = run.direct().byId.get("api");
            assertThat(sum(b.oomAt)).as("the parent is in a restart loop").isPositive();
            assertThat(a.ok).isEqualTo(b.ok);
            assertThat(a.failed).isEqualTo(b.failed);
            assertThat(a.heapAt).isEqualTo(b.heapAt);
            assertThat(a.gcAt).isEqualTo(b.gcAt);
            assertThat(a.oomAt).isEqualTo(b.oomAt);
            assertThat(a.p99).isEqualTo(b.p99);
            assertThat(run.fork().events).isEqualTo(run.direct().events);
        }
    }

    /**
     * A scenario with pods but no {@code memory} gives the trace it gave before the memory model
     * existed, byte for byte: the SHA-256 of its JSON (wall time zeroed) as computed by the
     * engine of main before this change; and it has no heap series.
     */
    @Test
    void aServiceWithoutMemoryGivesTheSameTraceAsBefore() throws Exception {
        Scn s = Scn.of(60_000).service("web", 500, Scenario.Queue.DEFAULT, Scn.exp(2), Scn.call("api", 500))
                .service("api", 40, fifo(400), Scn.exp(20), Scn.call("db", 300))
                .external("db", Scn.exp(20), 0.01)
                .poisson("web", 800);
        s.services.put("api", s.services.get("api").withHealth(new Scenario.Health(4,
                new Scenario.Probe(10_000, 1_000, 3, 1, 0), new Scenario.Probe(10_000, 1_000, 3, 1, 0), 1, 10_000)));
        s.fault(new Scenario.Fault("db", Scenario.Fault.Kind.STEP, 20_000, 0, Scenario.Fault.Shape.LINEAR,
                Dist.fixed(400), 0.5, 0));
        Trace t = s.run(3);
        assertThat(t.service("api").heap()).isNull();
        t = new Trace(t.problem(), t.variant(), t.seed(), t.bucketMs(), t.startClock(), t.durationMs(), t.services(),
                t.edges(), t.events(), new Trace.TraceStats(t.stats().eventsProcessed(), 0));
        String json = TraceJson.toJson(t);
        assertThat(json).doesNotContain("heap_mb");
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : d) {
            hex.append(String.format("%02x", b));
        }
        assertThat(hex.toString()).isEqualTo(GOLDEN);
    }

    private static final String GOLDEN = "2c61d287d8a052604e17adedd372bdc3fd5b6bfd827b7f35f1843ae90d91fa67";

    private static long sum(int[] xs) {
        long s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }
}
