package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Non-idempotent calls: a callee that completes an attempt applies its side effect (a
 * charge) whether or not the caller still waits, so a timeout plus a retry charges twice;
 * an idempotency key makes the callee apply it once per call. Each count is checked against
 * an independent computation: an enumeration of the arrivals for fixed latencies, the
 * geometric number of attempts for exponential ones.
 */
class DuplicatesTest {
    private static final long SEED = 11;

    private static Retry onTimeout(int attempts) {
        return new Retry(attempts, Retry.Backoff.NONE, 0, 0, Retry.Jitter.NONE, List.of(Retry.RetryOn.TIMEOUT));
    }

    private static Call charge(String to, long timeoutMs, int attempts, boolean key) {
        return new Call(to, 1.0, timeoutMs, onTimeout(attempts), null, null, null, 0, null, null, "charge", key);
    }

    private static long sum(List<Integer> s) {
        return s.stream().mapToLong(Integer::longValue).sum();
    }

    /** A checkout at 10 requests/s (every 100 ms), calling a provider that always takes 3 s. */
    private static Scn fixedProvider(long durationMs, Call call, boolean providerIsAService) {
        Scn s = Scn.of(durationMs).service("checkout", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), call);
        if (providerIsAService) {
            s.service("psp", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(3_000));
        } else {
            s.external("psp", Dist.fixed(3_000), 0);
        }
        return s.traffic(new Scenario.Traffic("checkout", Scenario.Traffic.Arrival.CONSTANT, 10, List.of(), null));
    }

    /** Effects that complete before the end: arrival a = 100 k ms, attempt j sent at a + 1000 j, done 3 s later. */
    private static long[] enumerate(long durationMs, long timeoutMs, int attempts) {
        long effects = 0;
        long duplicates = 0;
        for (long a = 100; a < durationMs; a += 100) {
            for (int j = 0; j < attempts; j++) {
                if (a + timeoutMs * j + 3_000 < durationMs) {
                    effects++;
                    duplicates += j > 0 ? 1 : 0;
                }
            }
        }
        return new long[] {effects, duplicates};
    }

    @Test
    void aLatencyAboveTheTimeoutChargesEveryRequestOncePerAttempt() {
        for (boolean service : new boolean[] {false, true}) {
            Trace t = fixedProvider(30_000, charge("psp", 1_000, 3, false), service).run(SEED);
            Trace.EdgeSeries e = t.edges().get("checkout->psp");
            long[] want = enumerate(30_000, 1_000, 3);
            assertThat(sum(e.effects())).as("effects, provider as service=" + service).isEqualTo(want[0]);
            assertThat(sum(e.duplicates())).as("duplicates").isEqualTo(want[1]);
            // every checkout failed (three timeouts), yet every one that lived long enough was charged three times
            assertThat(Scn.sum(t, "checkout", 0, 30, Trace.Bucket::timedOut)).isEqualTo(Scn.sum(t, "checkout", 0, 30,
                    b -> b.completed()));
            // per second, once the pattern is steady: 10 requests × 3 attempts
            assertThat(e.effects().subList(10, 25)).containsOnly(30);
            assertThat(e.duplicates().subList(10, 25)).containsOnly(20);
        }
    }

    @Test
    void anIdempotencyKeyChargesEachCallOnce() {
        for (boolean service : new boolean[] {false, true}) {
            Trace t = fixedProvider(30_000, charge("psp", 1_000, 3, true), service).run(SEED);
            Trace.EdgeSeries e = t.edges().get("checkout->psp");
            long calls = 0;
            for (long a = 100; a + 3_000 < 30_000; a += 100) {
                calls++; // the first attempt is the one that charges
            }
            assertThat(sum(e.duplicates())).isZero();
            assertThat(sum(e.effects())).isEqualTo(calls);
            // the retries still happen: the key saves the money, not the load
            long retries = 0;
            for (long a = 100; a < 30_000; a += 100) {
                retries += (a + 1_000 < 30_000 ? 1 : 0) + (a + 2_000 < 30_000 ? 1 : 0);
            }
            assertThat(sum(e.series().stream().map(Trace.EdgeBucket::retries).toList())).isEqualTo(retries);
        }
    }

    @Test
    void aTimeoutAboveTheLatencyChargesOnce() {
        Trace t = fixedProvider(30_000, charge("psp", 5_000, 3, false), false).run(SEED);
        Trace.EdgeSeries e = t.edges().get("checkout->psp");
        assertThat(sum(e.duplicates())).isZero();
        assertThat(sum(e.effects())).isEqualTo(Scn.sum(t, "checkout", 0, 30, Trace.Bucket::ok));
    }

    /**
     * Exponential latency with mean m and timeout T: an attempt times out with p = P(L ≥ T)
     * (a reply in the timeout's own millisecond loses, the timer was armed first; draws are
     * rounded, so L ≥ T − 0.5 before rounding): p = exp(−(T − 0.5)/m). Every attempt
     * completes and charges, and a call makes k attempts with probability p^(k−1)(1 − p)
     * (k < A) or p^(A−1): E[charges per call] = (1 − p^A)/(1 − p), E[duplicates] = that − 1.
     */
    @Test
    void theDuplicateRateFollowsTheTimeoutProbability() {
        double m = 800;
        long timeout = 1_000;
        int attempts = 3;
        // traffic stops at 150 s; the run goes on to 200 s so that every charge lands in it
        Scenario.Traffic traffic = new Scenario.Traffic("checkout", Scenario.Traffic.Arrival.POISSON, 200,
                List.of(new Scenario.RateChange(150_000, 0, 0)), null);
        Trace t = Scn.of(200_000)
                .service("checkout", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), charge("psp", timeout, attempts, false))
                .external("psp", Scn.exp(m), 0)
                .traffic(traffic).run(SEED);
        double p = Math.exp(-(timeout - 0.5) / m);
        double perCall = (1 - Math.pow(p, attempts)) / (1 - p);
        Trace.EdgeSeries e = t.edges().get("checkout->psp");
        double calls = Scn.sum(t, "checkout", 0, 200, Trace.Bucket::arrivals);
        assertThat(calls).isGreaterThan(29_000);
        assertThat(sum(e.effects()) / calls).isCloseTo(perCall, within(0.01));
        assertThat(sum(e.duplicates()) / calls).isCloseTo(perCall - 1, within(0.01));
        // every attempt charged: effects = attempts sent (the provider never fails)
        assertThat(sum(e.effects())).isEqualTo(e.series().stream().mapToLong(Trace.EdgeBucket::attempts).sum());

        // the metrics read the same series: per second and in all
        TraceQuery q = new TraceQuery("baseline", v -> t);
        int start = dev.warroom.bank.Units.parseClock(t.startClock());
        String from = dev.warroom.bank.Units.formatClock(start);
        String to = dev.warroom.bank.Units.formatClock(start + 200);
        assertThat(q.evaluate(metric("duplicates_total(psp, " + from + ", " + to + ")"))).isEqualTo(sum(e.duplicates()));
        assertThat(q.evaluate(metric("duplicates(psp, " + from + ", " + to + ")")))
                .isCloseTo(sum(e.duplicates()) / 200.0, within(1e-9));
        assertThat(q.evaluate(metric("effects_total(psp, " + from + ", " + to + ")"))).isEqualTo(sum(e.effects()));
    }

    /** An error answer charges nothing: with error rate q and no timeouts, effects = (1 − q) of the attempts. */
    @Test
    void aFailedAttemptChargesNothing() {
        Call c = new Call("psp", 1.0, 0, new Retry(3, Retry.Backoff.NONE, 0, 0, Retry.Jitter.NONE,
                List.of(Retry.RetryOn.ERROR)), null, null, null, 0, null, null, "charge", false);
        Trace t = Scn.of(100_000).service("checkout", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), c)
                .external("psp", Dist.fixed(10), 0.3).poisson("checkout", 200).run(SEED);
        Trace.EdgeSeries e = t.edges().get("checkout->psp");
        assertThat(sum(e.duplicates())).isZero(); // a retry follows only an error, which charged nothing
        assertThat(sum(e.effects())).isEqualTo(Scn.sum(t, "psp", 0, 100, Trace.Bucket::ok));
    }

    @Test
    void aCallWithoutASideEffectHasNoSeries() {
        Trace t = fixedProvider(10_000, Scn.call("psp", 1_000, onTimeout(3)), false).run(SEED);
        assertThat(t.edges().get("checkout->psp").effects()).isNull();
        assertThat(TraceJson.toJson(t)).doesNotContain("duplicates");
    }

    /** Turning the key on mid-run (a deploy) stops the duplicates of the calls begun after it; a fork equals a run from the start. */
    @Test
    void aKeyDeployedMidRunAndAForkOfIt() {
        Scenario base = fixedProvider(40_000, charge("psp", 1_000, 3, false), false).build();
        Scenario.Service svc = base.services().get("checkout");
        Map<String, Call> keyed = new LinkedHashMap<>();
        keyed.put("psp", charge("psp", 1_000, 3, true));
        Scenario.Service withKey = new Scenario.Service(svc.id(), svc.name(), svc.threads(), svc.queue(), svc.processing(),
                svc.shed(), svc.rateLimit(), svc.propagateDeadline(), svc.layout(), keyed);
        Scenario br = base.branch(base.durationMs(), List.of(new Scenario.Change(20_000, Map.of("checkout", withKey),
                Map.of())));
        Engine parent = new Engine(base, SEED);
        parent.runUntil(20_000);
        Engine fork = new Engine(parent, br);
        fork.run();
        Engine direct = new Engine(br, SEED);
        direct.run();
        Edge a = fork.edges.get(0);
        Edge b = direct.edges.get(0);
        assertThat(a.effects).isEqualTo(b.effects);
        assertThat(a.duplicates).isEqualTo(b.duplicates);
        // calls begun from 20 s on charge once; the last unkeyed ones (begun before 20 s) end their duplicates by 25 s
        for (int s = 26; s < 36; s++) {
            assertThat(b.duplicates[s]).isZero();
            assertThat(b.effects[s]).isEqualTo(10);
        }
        assertThat(b.duplicates[15]).isEqualTo(20);
    }

    private static dev.warroom.bank.Metric metric(String s) {
        try {
            return dev.warroom.bank.Metric.parse(s);
        } catch (dev.warroom.bank.Metric.SyntaxException ex) {
            throw new AssertionError(ex);
        }
    }
}
