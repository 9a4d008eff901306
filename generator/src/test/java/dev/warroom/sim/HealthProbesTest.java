package dev.warroom.sim;

import static dev.warroom.sim.Scn.fifo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Dist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes-style readiness and liveness probes on a service of pods (docs/simulation.md,
 * "Health probes"), on small scenarios whose answer is known to the millisecond.
 */
class HealthProbesTest {
    private static final long SEED = 11;
    private static final long P = 10_000; // periodSeconds 10
    private static final long T = 1_000; // timeoutSeconds 1

    private static Scenario.Probe probe(int failures, int successes) {
        return new Scenario.Probe(P, T, failures, successes, 0);
    }

    /** A service "api" of {@code pods} pods with the given health, fed at a constant rate. */
    private static Scn api(int pods, int threads, Dist work, double rate, Scenario.Health h) {
        Scn s = Scn.of(120_000).service("api", threads, fifo(Scenario.UNBOUNDED), work);
        s.services.put("api", s.services.get("api").withHealth(h));
        s.traffic(new Scenario.Traffic("api", Scenario.Traffic.Arrival.CONSTANT, rate, List.of(), null));
        return s;
    }

    private static Engine run(Scn s, long untilMs) {
        Engine e = new Engine(s.build(), SEED);
        e.runUntil(untilMs);
        return e;
    }

    private static List<long[]> changes(Engine e, int kind) {
        List<long[]> out = new ArrayList<>();
        for (long[] c : e.byId.get("api").health.changes) {
            if (c[2] == kind) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void aPodWhoseProbesTimeOutLeavesAfterExactlyFailureThresholdPeriods() {
        // the probe handler takes 2 s, the timeout is 1 s: every probe fails, with or without load
        Scenario.Health h = new Scenario.Health(4, probe(3, 1), null, 2_000, 10_000);
        Engine e = run(api(4, 40, Dist.fixed(1), 100, h), 60_000);
        List<long[]> left = changes(e, Health.CHANGE_UNREADY);
        assertThat(left).hasSize(4);
        for (long[] c : left) {
            long firstProbe = P * c[1] / 4; // pod k's probe worker ticks at k/4 of a period
            assertThat(c[0]).as("pod %d leaves at its third failure", c[1]).isEqualTo(firstProbe + 2 * P + T);
        }
        assertThat(e.byId.get("api").health.readyCount()).isZero();
    }

    @Test
    void aFailureThresholdOfFiveTakesFivePeriods() {
        Scenario.Health h = new Scenario.Health(1, probe(5, 1), null, 2_000, 10_000);
        Engine e = run(api(1, 10, Dist.fixed(1), 10, h), 60_000);
        assertThat(changes(e, Health.CHANGE_UNREADY)).singleElement().satisfies(c -> assertThat(c[0]).isEqualTo(4 * P + T));
    }

    @Test
    void overloadMakesTheProbesFailBecauseTheyQueueBehindRequests() {
        // 4 pods x 1 worker, 1 s of work each: 4 req/s is capacity. At 2 req/s the probe finds a free
        // worker or waits < 1 s; at 8 req/s the queue grows by 4 a second and the probe waits for it.
        Scenario.Health h = new Scenario.Health(4, probe(3, 1), null, 1, 10_000);
        Engine light = run(api(4, 4, Dist.fixed(500), 2, h), 60_000);
        assertThat(changes(light, Health.CHANGE_UNREADY)).isEmpty();
        Engine heavy = run(api(4, 4, Dist.fixed(1_000), 8, h), 60_000);
        assertThat(changes(heavy, Health.CHANGE_UNREADY)).hasSize(4);
        // with no pod ready the load balancer has nothing to send to: 503 at once
        Node n = heavy.byId.get("api");
        int seconds = 0;
        for (int b = 1; b < 59; b++) {
            if (n.readyAt[b - 1] == 0 && n.readyAt[b] == 0) {
                seconds++;
                assertThat(n.rejected[b]).as("second %d", b).isEqualTo(n.arrivals[b]);
            }
        }
        assertThat(seconds).as("seconds with no pod ready").isPositive();
    }

    @Test
    void trafficSpreadsOverTheReadyPodsOnly() {
        Scenario.Health h = new Scenario.Health(4, probe(3, 1), null, 2_000, 10_000);
        Scn s = api(4, 400, Dist.fixed(1), 400, h);
        // pods leave at 21.0, 23.5, 26.0 and 28.5 s
        Engine a = run(s, 21_500);
        Engine b = run(s, 23_000);
        List<Pod> pa = a.byId.get("api").health.pods;
        List<Pod> pb = b.byId.get("api").health.pods;
        // 1.5 s at 400 req/s: 600 arrivals, none to pod 0, 200 to each of the three others
        assertThat(pb.get(0).arrivals - pa.get(0).arrivals).isZero();
        for (int k = 1; k < 4; k++) {
            assertThat((double) (pb.get(k).arrivals - pa.get(k).arrivals)).isCloseTo(200, within(1.0));
        }
        // before any left, a quarter each
        Engine c = run(s, 20_000);
        for (Pod p : c.byId.get("api").health.pods) {
            assertThat((double) p.arrivals).isCloseTo(20_000 * 0.4 / 4, within(2.0));
        }
    }

    /** Pods with no worker (a capacity fault) fail their probes; the workers come back at 40 s. */
    private static Scn starved(Scenario.Health h, double rate) {
        Scn s = api(2, 20, Dist.fixed(1), rate, h);
        s.fault(new Scenario.Fault("api", Scenario.Fault.Kind.CAPACITY, 5_000, 0, Scenario.Fault.Shape.LINEAR,
                null, 0, 0));
        s.fault(new Scenario.Fault("api", Scenario.Fault.Kind.CAPACITY, 40_000, 0, Scenario.Fault.Shape.LINEAR,
                null, 0, 20));
        return s;
    }

    @Test
    void aPodComesBackAfterSuccessThresholdSuccessesAndTakesAllTheTraffic() {
        Scenario.Health h = new Scenario.Health(2, probe(3, 2), null, 1, 10_000);
        Engine e = run(starved(h, 100), 80_000);
        List<long[]> back = changes(e, Health.CHANGE_READY);
        assertThat(changes(e, Health.CHANGE_UNREADY)).hasSize(2);
        assertThat(back).hasSize(2);
        for (long[] c : back) {
            long phase = P * c[1] / 2;
            // ticks after 40 s: the first passes, the second passes too: ready at the second
            long first = phase + P * (long) Math.ceil((40_000 - phase) / (double) P);
            assertThat(c[0]).as("pod %d", c[1]).isEqualTo(first + P + 1);
        }
        // pod 0 is back at 50.001 s, pod 1 at 55.001 s: in between, pod 0 takes every arrival
        Engine at50 = run(starved(h, 100), 50_100);
        Engine at55 = run(starved(h, 100), 55_000);
        Pod p0a = at50.byId.get("api").health.pods.get(0);
        Pod p0b = at55.byId.get("api").health.pods.get(0);
        Pod p1a = at50.byId.get("api").health.pods.get(1);
        Pod p1b = at55.byId.get("api").health.pods.get(1);
        assertThat(p1b.arrivals - p1a.arrivals).isZero();
        assertThat((double) (p0b.arrivals - p0a.arrivals)).isCloseTo(490, within(1.0));
    }

    @Test
    void aLivenessFailureRestartsTheContainerAndItsWorkFails() {
        // a liveness probe only, whose handler is too slow for its timeout
        Scenario.Health live = new Scenario.Health(1, null, new Scenario.Probe(P, T, 3, 1, 0), 2_000, 20_000);
        Scn s = api(1, 10, Dist.fixed(5_000), 1, live);
        Engine e = run(s, 119_000);
        List<long[]> killed = changes(e, Health.CHANGE_KILLED);
        List<long[]> up = changes(e, Health.CHANGE_UP);
        assertThat(killed.get(0)[0]).isEqualTo(2 * P + T);
        // the first restart is at once: down for the start-up time only
        assertThat(up.get(0)[0]).isEqualTo(2 * P + T + 20_000);
        // the second waits out the crash-loop back-off (10 s) as well
        assertThat(up.get(1)[0] - killed.get(1)[0]).isEqualTo(10_000 + 20_000);
        // the requests it held (5 s of work each, one a second: 4 or 5 of them) failed at the kill
        Node n = e.byId.get("api");
        assertThat(n.failed[(int) (killed.get(0)[0] / 1000)]).isBetween(4, 5);
        // while down: no endpoint, 503 at once
        assertThat(n.rejected[30]).isEqualTo(n.arrivals[30]);
    }

    @Test
    void aRestartedPodWithReadinessComesBackNotReady() {
        Scenario.Health h = new Scenario.Health(1, probe(3, 1), new Scenario.Probe(P, T, 3, 1, 0), 2_000, 20_000);
        Engine e = run(api(1, 10, Dist.fixed(1), 10, h), 119_000);
        long up = changes(e, Health.CHANGE_UP).get(0)[0];
        // not ready when it comes up, and its readiness probes still time out: no READY after it
        assertThat(changes(e, Health.CHANGE_READY)).isEmpty();
        Node n = e.byId.get("api");
        assertThat(n.ok[(int) (up / 1000) + 2]).isZero();
    }

    @Test
    void probesAreNotRequests() {
        // the service's series count requests only: conservation holds with probes in the queues
        Scenario.Health h = new Scenario.Health(4, probe(3, 1), probe(3, 1), 1, 10_000);
        Trace t = api(4, 4, Dist.fixed(1_000), 8, h).run(SEED);
        long arrivals = Scn.sum(t, "api", 0, 120, Trace.Bucket::arrivals);
        long done = 0;
        for (Trace.Bucket b : t.service("api").series()) {
            done += b.ok() + b.fallback() + b.rejected() + b.timedOut() + b.failed() + b.fastFailed();
        }
        Trace.Bucket last = t.service("api").series().get(119);
        assertThat(done + last.active() + last.queued()).isEqualTo(arrivals);
        assertThat(t.service("api").ready()).hasSize(120);
        assertThat(t.service("api").ready().get(0)).isEqualTo(4);
    }

    @Test
    void aServiceWithoutHealthHasNoReadySeries() {
        Trace t = Scn.of(10_000).service("api", 4, fifo(10), Dist.fixed(10)).poisson("api", 10).run(SEED);
        assertThat(t.service("api").ready()).isNull();
    }

    /** A fork of a paused run with pods mid-spiral continues exactly as a run from the start. */
    @Test
    void aForkOfASpiralEqualsARunFromTheStart() {
        Scenario.Health h = new Scenario.Health(4, probe(3, 1), probe(3, 1), 1, 10_000);
        Scenario base = api(4, 8, Dist.fixed(1_000), 12, h).build();
        Scenario.Service svc = base.services().get("api");
        Scenario.Health newProbes = new Scenario.Health(6, new Scenario.Probe(P, 5_000, 3, 1, 0), null, 1, 10_000);
        List<List<Scenario.Action>> branches = List.of(
                List.of(new Scenario.Change(50_000, Map.of("api", svc.withHealth(newProbes)), Map.of())),
                List.of(new Scenario.Restart(50_000, "api", 5_000, 1, 0, 1)),
                List.of(new Scenario.Restart(50_000, "api", 5_000, 4, 0, 1)));
        for (List<Scenario.Action> acts : branches) {
            ForkPair run = ForkPair.of(base, acts, 50_000, SEED);
            Engine fork = run.fork();
            Engine direct = run.direct();
            Node a = fork.byId.get("api");
            Node b = direct.byId.get("api");
            assertThat(a.arrivals).isEqualTo(b.arrivals);
            assertThat(a.ok).isEqualTo(b.ok);
            assertThat(a.rejected).isEqualTo(b.rejected);
            assertThat(a.failed).isEqualTo(b.failed);
            assertThat(a.activeAt).isEqualTo(b.activeAt);
            assertThat(a.queuedAt).isEqualTo(b.queuedAt);
            assertThat(a.readyAt).isEqualTo(b.readyAt);
            assertThat(a.health.changes).usingElementComparator(java.util.Arrays::compare)
                    .containsExactlyElementsOf(b.health.changes);
            assertThat(fork.events).isEqualTo(direct.events);
        }
    }

    /**
     * A scenario with no {@code health} anywhere (two services, retries, a fault) gives the
     * trace it gave before health probes existed, byte for byte: the SHA-256 of its JSON
     * (wall time zeroed) as computed by the engine of main before this change.
     */
    @Test
    void aServiceWithoutHealthGivesTheSameTraceAsBefore() throws Exception {
        Scenario.Queue q = new Scenario.Queue(200, Scenario.Queue.Order.FIFO, 0);
        Scenario.Dist exp = new Scenario.Dist(Scenario.Dist.Kind.EXPONENTIAL, 20, 20 * Math.log(2), 20 * Math.log(100));
        Scenario.Retry retry = new Scenario.Retry(3, Scenario.Retry.Backoff.EXPONENTIAL, 50, 400, Scenario.Retry.Jitter.FULL,
                List.of(Scenario.Retry.RetryOn.TIMEOUT, Scenario.Retry.RetryOn.ERROR, Scenario.Retry.RetryOn.REJECTED));
        Map<String, Scenario.Call> webCalls = new LinkedHashMap<>();
        webCalls.put("api", new Scenario.Call("api", 1.0, 500, retry, null, null, null, 0, null));
        Map<String, Scenario.Call> apiCalls = new LinkedHashMap<>();
        apiCalls.put("db", new Scenario.Call("db", 1.0, 300, Scenario.Retry.NONE, null, null, null, 0, null));
        Map<String, Scenario.Service> services = new LinkedHashMap<>();
        services.put("web", new Scenario.Service("web", "web", 500, Scenario.Queue.DEFAULT, exp, null, null, false,
                Scenario.Layout.AUTO, webCalls));
        services.put("api", new Scenario.Service("api", "api", 40, q, exp, null, null, false, Scenario.Layout.AUTO, apiCalls));
        Map<String, Scenario.External> ext = new LinkedHashMap<>();
        ext.put("db", new Scenario.External("db", "db", exp, 0.01, Scenario.UNBOUNDED, Scenario.Layout.AUTO));
        List<Scenario.Fault> faults = List.of(new Scenario.Fault("db", Scenario.Fault.Kind.STEP, 20_000, 0,
                Scenario.Fault.Shape.LINEAR, Scenario.Dist.fixed(400), 0.5, 0));
        List<Scenario.Traffic> traffic = List.of(new Scenario.Traffic("web", Scenario.Traffic.Arrival.POISSON, 800,
                List.of(), null));
        Scenario s = new Scenario(0, 60_000, services, ext, traffic, faults, new Scenario.Detections(Map.of(), List.of()));
        Trace t = Simulation.run("gold", "baseline", s, 3);
        t = new Trace(t.problem(), t.variant(), t.seed(), t.bucketMs(), t.startClock(), t.durationMs(), t.services(),
                t.edges(), t.events(), new Trace.TraceStats(t.stats().eventsProcessed(), 0));
        byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                .digest(TraceJson.toJson(t).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : d) {
            hex.append(String.format("%02x", b));
        }
        assertThat(hex.toString()).isEqualTo("a754b990360612765a9a4d3a78ee99a6c60c8b6fccaefeb2ed673f97b7a8cb08");
    }
}
