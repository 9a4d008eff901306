package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remaining policies and fault shapes: rate limits, fallbacks, queue timeouts, user refreshes, fault timelines. */
class PolicyTest {
    static Fault fault(String target, Fault.Kind kind, long at, long over, Fault.Shape shape, Dist latency, double fraction) {
        return new Fault(target, kind, at, over, shape, latency, fraction, 0);
    }

    @Test
    void aTokenBucketAdmitsItsRate() {
        Scenario.Service s = new Scenario.Service("a", "a", 1000, Scenario.Queue.DEFAULT, Dist.fixed(1), null,
                new Scenario.RateLimit(100, 10), false, Scenario.Layout.AUTO, java.util.Map.of());
        Scn scn = Scn.of(60_000).poisson("a", 200);
        scn.services.put("a", s);
        Trace t = scn.run(1);
        assertThat(Scn.sum(t, "a", 10, 60, Trace.Bucket::ok) / 50.0).isCloseTo(100, within(3.0));
        assertThat(Scn.sum(t, "a", 10, 60, Trace.Bucket::rejected) / 50.0).isCloseTo(100, within(5.0));
    }

    @Test
    void aFallbackAnswersDegradedAndTheRequestGoesOn() {
        Call c = new Call("ext", 1, 0, Scenario.Retry.NONE, null, null, null, 0, new Scenario.Fallback(2));
        Trace t = Scn.of(30_000)
                .service("a", 1000, Scenario.Queue.DEFAULT, Dist.fixed(1), c, Scn.call("b", 0))
                .service("b", 1000, Scenario.Queue.DEFAULT, Dist.fixed(1))
                .external("ext", Dist.fixed(5), 1.0)
                .poisson("a", 100).run(2);
        assertThat(Scn.sum(t, "a", 0, 29, Trace.Bucket::failures)).isZero();
        assertThat(Scn.sum(t, "a", 0, 29, Trace.Bucket::fallback)).isEqualTo(Scn.sum(t, "a", 0, 29, Trace.Bucket::completed));
        assertThat(Scn.sum(t, "b", 0, 29, Trace.Bucket::arrivals)).isPositive(); // the call after the fallback is made
        assertThat(t.service("a").series().get(10).p50Ms()).isEqualTo(1 + 5 + 2 + 1);
    }

    @Test
    void aQueueTimeoutAnswers504AtItsTime() {
        Scenario.Queue q = new Scenario.Queue(Scenario.UNBOUNDED, Scenario.Queue.Order.FIFO, 2_000);
        Trace t = Scn.of(60_000).service("a", 1, q, Dist.fixed(1_000)).poisson("a", 10).run(3);
        Trace.Bucket b = t.service("a").series().get(40);
        assertThat(b.ok()).isBetween(0, 1);
        assertThat(b.timedOut()).isBetween(5, 15);
        assertThat(b.queued()).isBetween(10, 30); // two seconds of arrivals
        assertThat(b.p99Ms()).isLessThanOrEqualTo(3_000);
    }

    @Test
    void usersRefreshTheSamePage() {
        Scenario.Traffic tr = new Scenario.Traffic("a", Scenario.Traffic.Arrival.CONSTANT, 10, List.of(),
                new Scenario.UserRetry(1.0, 1_000, 2));
        Call c = new Call("ext", 0.5, 0, Scenario.Retry.NONE, null, null, null, 0, null);
        Trace t = Scn.of(60_000).service("a", 100, Scenario.Queue.DEFAULT, Dist.fixed(0), c)
                .external("ext", Dist.fixed(0), 1.0).traffic(tr).run(4);
        // half the pages call a failing external; each of those is refreshed twice, and fails again each time
        long users = Scn.sum(t, "a", 5, 55, b -> b.arrivals() - b.retries());
        long retries = Scn.sum(t, "a", 5, 55, Trace.Bucket::retries);
        assertThat((double) retries / users).isCloseTo(1.0, within(0.2));       // 0.5 × 2
        assertThat(Scn.sum(t, "a", 5, 55, Trace.Bucket::failed)).isEqualTo(Scn.sum(t, "ext", 5, 55, Trace.Bucket::arrivals));
    }

    @Test
    void rampShapesAndRecovery() {
        Fault lin = fault("x", Fault.Kind.RAMP, 1_000, 10_000, Fault.Shape.LINEAR, Dist.fixed(1), 0.8);
        Fault exp = fault("x", Fault.Kind.RAMP, 1_000, 10_000, Fault.Shape.EXPONENTIAL, Dist.fixed(1), 1.0);
        Fault rec = fault("x", Fault.Kind.RECOVERY, 20_000, 4_000, Fault.Shape.LINEAR, null, 0);
        Faults f = new Faults("x", List.of(lin, exp, rec));
        assertThat(f.fraction(lin, 999)).isZero();
        assertThat(f.fraction(lin, 6_000)).isCloseTo(0.4, within(1e-9));
        assertThat(f.fraction(lin, 15_000)).isCloseTo(0.8, within(1e-9));
        assertThat(f.fraction(exp, 1_000)).isZero();
        assertThat(f.fraction(exp, 2_000)).isCloseTo(1 / 1023.0, within(1e-9));      // doubles every tenth
        assertThat(f.fraction(exp, 10_000)).isCloseTo(511 / 1023.0, within(1e-9));
        assertThat(f.fraction(exp, 11_000)).isCloseTo(1.0, within(1e-9));
        assertThat(f.fraction(exp, 22_000)).isCloseTo(0.5, within(1e-9));            // halfway through recovery
        assertThat(f.fraction(lin, 24_000)).isZero();
    }

    @Test
    void anOutageFailsFastAndCapacityFaultsResizeThePool() {
        Trace t = Scn.of(60_000)
                .service("a", 50, Scenario.Queue.DEFAULT, Dist.fixed(100), Scn.call("ext", 0))
                .external("ext", Dist.fixed(10), 0)
                .poisson("a", 100)
                .fault(fault("ext", Fault.Kind.OUTAGE, 20_000, 0, Fault.Shape.LINEAR, Dist.fixed(5), 1.0))
                .fault(new Fault("a", Fault.Kind.CAPACITY, 40_000, 0, Fault.Shape.LINEAR, null, 0, 5))
                .run(5);
        Trace.Bucket during = t.service("a").series().get(30);
        assertThat(during.failed()).isEqualTo(during.completed());
        assertThat(during.p99Ms()).isLessThanOrEqualTo(105);
        assertThat(t.service("ext").series().get(30).failed()).isPositive();
        // 5 workers × 105 ms ≈ 48 req/s of capacity against 100 arriving: the queue grows
        assertThat(t.service("a").series().get(59).active()).isEqualTo(5);
        assertThat(t.service("a").series().get(59).queued()).isGreaterThan(500);
    }
}
