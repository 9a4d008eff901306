package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §3 items 4, 9, 10: retry amplification, Envoy's retry budget, deadlines. (Backoff: {@link BackoffTest}.) */
class RetryTest {
    static Retry retries(int attempts) {
        return new Retry(attempts, Retry.Backoff.NONE, 0, 0, Retry.Jitter.NONE,
                List.of(Retry.RetryOn.TIMEOUT, Retry.RetryOn.ERROR, Retry.RetryOn.REJECTED));
    }

    @Test
    void retriesMultiplyAcrossLayers() {
        // three layers, 4 attempts each, a bottom that always fails: 4 × 4 × 4 = 64 calls per user request
        Trace t = Scn.of(20_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("b", 0, retries(4)))
                .service("b", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("c", 0, retries(4)))
                .service("c", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("ext", 0, retries(4)))
                .external("ext", Dist.fixed(1), 1.0)
                .traffic(new Scenario.Traffic("a", Scenario.Traffic.Arrival.CONSTANT, 10, List.of(), null))
                .run(1);
        long users = Scn.sum(t, "a", 0, 20, Trace.Bucket::arrivals);
        assertThat(users).isEqualTo(199); // every 100 ms from t = 100 ms
        assertThat(Scn.sum(t, "b", 0, 20, Trace.Bucket::arrivals)).isEqualTo(4 * users);
        assertThat(Scn.sum(t, "c", 0, 20, Trace.Bucket::arrivals)).isEqualTo(16 * users);
        assertThat(Scn.sum(t, "ext", 0, 20, Trace.Bucket::arrivals)).isEqualTo(64 * users);
        assertThat(Scn.sum(t, "a", 0, 20, Trace.Bucket::failed)).isEqualTo(users);
    }

    @Test
    void expectedAttemptsWithIndependentFailures() {
        // p = 0.3, a = 4: (1 − p^a)/(1 − p) ≈ 1.4170 attempts per call
        Trace t = Scn.of(200_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("ext", 0, retries(4)))
                .external("ext", Dist.fixed(1), 0.3)
                .poisson("a", 200).run(2);
        double calls = Scn.sum(t, "a", 0, 199, Trace.Bucket::arrivals);
        double attempts = Scn.sum(t, "ext", 0, 199, Trace.Bucket::arrivals);
        assertThat(attempts / calls).isCloseTo(Formulas.expectedAttempts(0.3, 4), within(0.01));
        assertThat(Formulas.expectedAttempts(0.01, 4)).isCloseTo(1.0101, within(0.0001));
        // and the calls that still fail: p^a
        double failed = Scn.sum(t, "a", 0, 199, Trace.Bucket::failed);
        assertThat(failed / calls).isCloseTo(Math.pow(0.3, 4), within(0.002));
    }

    @Test
    void envoyBudgetCapsRetriesInFlight() {
        Call call = new Call("ext", 1, 0, retries(10), null, null, new Scenario.RetryBudget(20, 3), 0, null);
        Edge e = new Edge(0, null, null, call, 1, null);
        e.inFlight = 100;
        e.retriesInFlight = 19;
        assertThat(e.budgetAllowsRetry()).isTrue();
        e.retriesInFlight = 20; // 20 % of 100
        assertThat(e.budgetAllowsRetry()).isFalse();
        e.inFlight = 5;
        e.retriesInFlight = 2; // max(3, 20 % of 5 = 1) = 3
        assertThat(e.budgetAllowsRetry()).isTrue();
        e.retriesInFlight = 3;
        assertThat(e.budgetAllowsRetry()).isFalse();
    }

    @Test
    void envoyBudgetHoldsInARun() {
        // an external that fails after 1 s, 10 attempts without backoff: unbounded, retries would be 9 of every 10
        // attempts; the budget keeps retries in flight ≤ max(3, 20 % of attempts in flight)
        Call call = new Call("ext", 1, 0, retries(10), null, null, new Scenario.RetryBudget(20, 3), 0, null);
        Engine en = Simulation.engine(Scn.of(60_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(1), call)
                .external("ext", Dist.fixed(1_000), 1.0)
                .poisson("a", 100).build(), 3);
        Edge e = en.edges.get(0);
        long attempts = 0;
        long retried = 0;
        for (int b = 10; b < 60; b++) {
            attempts += e.attempts[b];
            retried += e.retries[b];
            // sampled at the end of every second
            assertThat(e.inFlightAt[b]).isPositive();
        }
        // retries in flight = retries/s × 1 s; attempts in flight = attempts/s × 1 s
        assertThat((double) retried / attempts).isLessThanOrEqualTo(0.2 + 0.02).isGreaterThan(0.1);
    }

    @Test
    void theDeadlineCoversAllRetries() {
        // per attempt 1 s, up to 10 attempts, overall deadline 2.5 s: attempts at 0, 1 and 2 s, the third cut at 2.5 s
        Call call = new Call("ext", 1, 1_000, retries(10), null, null, null, 2_500, null);
        Trace t = Scn.of(60_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), call)
                .external("ext", Dist.fixed(3_600_000), 0)
                .traffic(new Scenario.Traffic("a", Scenario.Traffic.Arrival.CONSTANT, 10, List.of(), null))
                .run(4);
        assertThat(t.service("ext").series().get(30).arrivals()).isEqualTo(3 * t.service("a").series().get(30).arrivals());
        Trace.Bucket b = t.service("a").series().get(30);
        assertThat(b.timedOut()).isEqualTo(10);
        assertThat(b.p50Ms()).isEqualTo(2_500);
        assertThat(b.p99Ms()).isEqualTo(2_500);
    }

    @Test
    void aPropagatedDeadlineBoundsTheCalleesOwnCalls() {
        // a gives b 1 s; b honours it (propagate_deadline), so b's call to a hung external, which has no
        // timeout of its own, is cut at a's remaining budget: b's workers are freed after ~1 s, not never
        Scn s = Scn.of(60_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), Scn.call("b", 1_000))
                .service("b", 500, Scenario.Queue.DEFAULT, Dist.fixed(10), null, true, Scn.call("ext", 0))
                .external("ext", Dist.fixed(3_600_000), 0)
                .poisson("a", 100);
        Trace t = s.run(5);
        Trace.Bucket b = t.service("b").series().get(40);
        assertThat(b.active()).isBetween(60, 140);     // ≈ 100/s × 1 s
        assertThat(b.timedOut()).isBetween(70, 130);
        for (Trace.Bucket x : t.service("b").series().subList(5, 60)) {
            assertThat(x.p99Ms()).isLessThanOrEqualTo(1_000);
        }
        // without propagation b pins all 500 workers and queues the rest
        Scn without = Scn.of(60_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), Scn.call("b", 1_000))
                .service("b", 500, Scenario.Queue.DEFAULT, Dist.fixed(10), null, false, Scn.call("ext", 0))
                .external("ext", Dist.fixed(3_600_000), 0)
                .poisson("a", 100);
        assertThat(without.run(5).service("b").series().get(40).active()).isEqualTo(500);
    }
}
