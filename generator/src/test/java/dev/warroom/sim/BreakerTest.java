package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Breaker;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §3 items 5–7: the two breaker styles step by step, and Hystrix's defaults built from the same parts. */
class BreakerTest {
    static final boolean FAIL = true;
    static final boolean OK = false;

    static Breaker pybreaker(int failMax, long resetMs, int successThreshold) {
        return new Breaker(Breaker.Style.CONSECUTIVE, failMax, resetMs, successThreshold, 0, Breaker.WindowType.COUNT,
                0, 0, 0, 0, 0, 0);
    }

    /** resilience4j's defaults (CircuitBreakerConfig). */
    static Breaker resilience4j() {
        return new Breaker(Breaker.Style.RATE, 0, 0, 0, 100, Breaker.WindowType.COUNT, 100, 50, 100, 60_000, 60_000, 10);
    }

    /** One call through the breaker at time t: admitted or not, then its outcome. */
    static boolean call(CircuitBreaker b, long t, boolean failure, long durationMs) {
        if (!b.tryAcquire(t)) {
            return false;
        }
        b.onResult(t + durationMs, b.generation, failure, durationMs);
        return true;
    }

    @Test
    void pybreakerOpensOnTheFailMaxthConsecutiveFailureAndASuccessResetsTheCount() {
        CircuitBreaker b = CircuitBreaker.of(pybreaker(5, 60_000, 1));
        for (int i = 0; i < 4; i++) {
            assertThat(call(b, i, FAIL, 0)).isTrue();
        }
        call(b, 4, OK, 0); // resets the count
        for (int i = 0; i < 4; i++) {
            call(b, 10 + i, FAIL, 0);
            assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);
        }
        call(b, 20, FAIL, 0); // the 5th consecutive failure
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);
    }

    @Test
    void pybreakerRejectsUntilResetTimeoutThenOneTrial() {
        List<String> log = new ArrayList<>();
        CircuitBreaker b = CircuitBreaker.of(pybreaker(5, 60_000, 1));
        b.listener = (t, s) -> log.add(t + " " + CircuitBreaker.NAMES[s]);
        for (int i = 0; i < 5; i++) {
            call(b, 1_000, FAIL, 0);
        }
        assertThat(b.tryAcquire(1_001)).isFalse();
        assertThat(b.tryAcquire(60_999)).isFalse();           // reset_timeout not elapsed
        assertThat(b.tryAcquire(61_000)).isTrue();            // the trial
        assertThat(b.state).isEqualTo(CircuitBreaker.HALF_OPEN);
        assertThat(b.tryAcquire(61_001)).isFalse();           // one trial at a time
        b.onResult(62_000, b.generation, FAIL, 1_000);        // the trial fails: open again, new opened-at
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);
        assertThat(b.tryAcquire(121_999)).isFalse();
        assertThat(b.tryAcquire(122_000)).isTrue();
        b.onResult(122_010, b.generation, OK, 10);            // success_threshold 1: closed
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);
        assertThat(log).containsExactly("1000 open", "61000 half_open", "62000 open", "122000 half_open", "122010 closed");
    }

    @Test
    void pybreakerSuccessThresholdNeedsThatManyTrials() {
        CircuitBreaker b = CircuitBreaker.of(pybreaker(1, 10_000, 3));
        call(b, 0, FAIL, 0);
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);
        assertThat(call(b, 10_000, OK, 5)).isTrue();
        assertThat(call(b, 10_010, OK, 5)).isTrue();
        assertThat(b.state).isEqualTo(CircuitBreaker.HALF_OPEN);
        assertThat(call(b, 10_020, OK, 5)).isTrue();
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);
    }

    @Test
    void resilience4jWaitsForMinimumCallsThenOpensAtTheFailureRate() {
        CircuitBreaker b = CircuitBreaker.of(resilience4j());
        for (int i = 0; i < 99; i++) {
            call(b, i, FAIL, 1);
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED); // 99 calls < minimumNumberOfCalls 100
        call(b, 99, FAIL, 1);
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);

        CircuitBreaker c = CircuitBreaker.of(resilience4j());
        for (int i = 0; i < 100; i++) {
            call(c, i, i < 49, 1); // 49 % failures
        }
        assertThat(c.state).isEqualTo(CircuitBreaker.CLOSED);
        call(c, 100, FAIL, 1);      // the window slides: the oldest (a failure) leaves, 49 % again
        assertThat(c.state).isEqualTo(CircuitBreaker.CLOSED);
        for (int i = 0; i < 60; i++) {
            call(c, 200 + i, FAIL, 1);
        }
        assertThat(c.state).isEqualTo(CircuitBreaker.OPEN);
    }

    @Test
    void resilience4jCountsSlowCallsOnlyAboveTheThreshold() {
        CircuitBreaker b = CircuitBreaker.of(resilience4j());
        for (int i = 0; i < 200; i++) {
            call(b, i * 100_000L, OK, 30_000); // 30 s successes: not slow under the default 60 s
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);
        for (int i = 0; i < 100; i++) {
            call(b, 100_000_000L + i, OK, 60_001); // all slow: slow-call rate 100 % ≥ 100 %
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);
    }

    @Test
    void resilience4jHalfOpenPermitsExactlyTenAndDecidesOnTheTenth() {
        CircuitBreaker b = CircuitBreaker.of(resilience4j());
        for (int i = 0; i < 100; i++) {
            call(b, 0, FAIL, 0);
        }
        assertThat(b.tryAcquire(59_999)).isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(b.tryAcquire(60_000 + i)).as("permit " + (i + 1)).isTrue();
        }
        assertThat(b.tryAcquire(60_010)).as("an 11th call").isFalse();
        int gen = b.generation;
        for (int i = 0; i < 9; i++) {
            b.onResult(60_100 + i, gen, i < 4, 1); // 4 failures among the first 9
            assertThat(b.state).isEqualTo(CircuitBreaker.HALF_OPEN);
        }
        b.onResult(60_200, gen, OK, 1); // the 10th: 4/10 = 40 % < 50 %: closed
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);

        for (int i = 0; i < 100; i++) {
            call(b, 70_000, FAIL, 0);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(b.tryAcquire(130_000 + i)).isTrue();
        }
        gen = b.generation;
        for (int i = 0; i < 10; i++) {
            b.onResult(130_100 + i, gen, i < 5, 1); // 5/10 = 50 % ≥ 50 %: open again
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);
    }

    @Test
    void resilience4jTimeWindowForgetsOldCalls() {
        Breaker cfg = new Breaker(Breaker.Style.RATE, 0, 0, 0, 10, Breaker.WindowType.TIME, 20, 50, 100, 60_000,
                5_000, 1);
        CircuitBreaker b = CircuitBreaker.of(cfg);
        for (int i = 0; i < 15; i++) {
            call(b, i * 100, FAIL, 1); // 15 failures in the first 1.5 s
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED); // 15 < minimum 20
        for (int i = 0; i < 10; i++) {
            call(b, 20_000 + i * 100, FAIL, 1); // 11 s later: the first 15 have left the 10 s window
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);
        for (int i = 0; i < 10; i++) {
            call(b, 21_000 + i * 100, FAIL, 1);
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);  // 20 calls in the window, 100 % failures
    }

    /**
     * Hystrix's defaults from the same parts: a 1 s timeout; a breaker over a 10 s window that
     * trips with ≥ 20 requests and ≥ 50 % errors, one trial after 5 s; 10 threads and no queue,
     * so the share of calls rejected is Erlang B.
     */
    @Test
    void hystrixDefaultsFromTheSameParts() {
        Breaker hystrix = new Breaker(Breaker.Style.RATE, 0, 0, 0, 10, Breaker.WindowType.TIME, 20, 50, 100, 60_000,
                5_000, 1);
        // a thread pool of 10 with no queue: a bulkhead of 10 that never waits; 80 calls/s of 100 ms: A = 8
        Call call = new Call("ext", 1, 1_000, Scenario.Retry.NONE, null, new Scenario.Bulkhead(10, 0), null, 0, null);
        Engine e = Simulation.engine(Scn.of(2_000_000)
                .service("a", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), call)
                .external("ext", Scn.exp(100), 0)
                .poisson("a", 80).build(), 9);
        Edge edge = e.edges.get(0);
        long attempts = 0;
        long rejected = 0;
        for (int b = 0; b < e.buckets; b++) {
            attempts += edge.attempts[b] + edge.shortCircuited[b];
            rejected += edge.shortCircuited[b];
        }
        double expected = Formulas.erlangB(10, 8);
        assertThat((double) rejected / attempts).isCloseTo(expected, within(expected * 0.05));

        CircuitBreaker b = CircuitBreaker.of(hystrix);
        for (int i = 0; i < 19; i++) {
            call(b, i * 10, FAIL, 1_000); // 19 timeouts in 10 s: not enough volume
        }
        assertThat(b.state).isEqualTo(CircuitBreaker.CLOSED);
        call(b, 500, FAIL, 1_000);                    // the 20th: opens when it times out, at 1.5 s
        assertThat(b.state).isEqualTo(CircuitBreaker.OPEN);
        assertThat(b.tryAcquire(6_499)).isFalse();
        assertThat(b.tryAcquire(6_500)).isTrue();     // one trial after 5 s
        assertThat(b.tryAcquire(6_501)).isFalse();
    }

    @Test
    void anOpenBreakerFailsFastInARun() {
        // 2 s timeout on a hung external, pybreaker 5/30 s: after 5 timeouts every call fails in 0 ms
        Call call = new Call("ext", 1, 2_000, Scenario.Retry.NONE, pybreaker(5, 30_000, 1), null, null, 0, null);
        Trace t = Scn.of(120_000)
                .service("a", 1_000, Scenario.Queue.DEFAULT, Dist.fixed(1), call)
                .external("ext", Dist.fixed(3_600_000), 0)
                .poisson("a", 100).run(7);
        Trace.Bucket b = t.service("a").series().get(20);
        assertThat(b.fastFailed()).isGreaterThan(80);
        assertThat(t.edges().get("a->ext").series().get(20).breaker()).isEqualTo("open");
        assertThat(t.service("ext").series().get(20).breaker()).isEqualTo("open");
        // one trial every 30 s (+ 2 s for the trial to time out)
        long trials = t.edges().get("a->ext").series().subList(10, 120).stream().mapToInt(Trace.EdgeBucket::attempts).sum();
        assertThat(trials).isBetween(3L, 4L);
    }
}
