package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Dist;
import org.junit.jupiter.api.Test;

/** DESIGN §3 items 1–3: a pool's throughput is threads over holding time, latency propagates up, timeouts bound it. */
class SaturationTest {
    static double mean(Trace t, String svc, int fromS, int toS, java.util.function.ToIntFunction<Trace.Bucket> f) {
        return (double) Scn.sum(t, svc, fromS, toS, f) / (toS - fromS);
    }

    /** Payment: 200 threads calling an external that answers in 100 ms, then 30 s from t = 60 s. */
    static Scn payment(long timeoutMs) {
        return Scn.of(300_000)
                .service("payment", 200, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("bank", timeoutMs))
                .external("bank", Dist.fixed(99), 0)
                .poisson("payment", 450)
                .fault(new Scenario.Fault("bank", Scenario.Fault.Kind.STEP, 60_000, 0, Scenario.Fault.Shape.LINEAR,
                        Dist.fixed(30_000), 1.0, 0));
    }

    @Test
    void throughputIsThreadsOverHoldingTime() {
        Trace t = payment(Scenario.NO_TIMEOUT).run(1);
        // before: Little's law, 450/s × 0.1 s = 45 busy threads; capacity 200 / 0.1 s = 2,000 req/s
        assertThat(mean(t, "payment", 10, 60, Trace.Bucket::active)).isCloseTo(45, within(45 * 0.1));
        assertThat(mean(t, "payment", 10, 60, Trace.Bucket::ok)).isCloseTo(450, within(450 * 0.05));
        // during: 200 threads / 30 s ≈ 6.67 req/s, a 99.67 % drop in capacity
        double during = mean(t, "payment", 120, 300, Trace.Bucket::ok);
        assertThat(during).isCloseTo(200 / 30.0, within(200 / 30.0 * 0.05));
        assertThat(100 * (1 - during / 2000)).isCloseTo(99.67, within(0.05));
        assertThat(t.service("payment").series().get(200).active()).isEqualTo(200);
        assertThat(t.service("payment").series().get(200).queued()).isGreaterThan(50_000);
    }

    @Test
    void latencyPropagatesToAHealthyCaller() {
        // order is healthy (1 ms of work, 1,000 threads) but waits on payment with no timeout:
        // its throughput caps at payment's 200 / 2 s = 100 req/s, whatever order's own capacity
        Trace t = Scn.of(120_000)
                .service("order", 1000, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("payment", 0))
                .service("payment", 200, Scenario.Queue.DEFAULT, Dist.fixed(1), Scn.call("bank", 0))
                .external("bank", Dist.fixed(2_000), 0)
                .poisson("order", 300).run(2);
        assertThat(mean(t, "order", 60, 120, Trace.Bucket::ok)).isCloseTo(100, within(5.0));
        assertThat(t.service("order").series().get(100).active()).isEqualTo(1000);
    }

    @Test
    void aHungDependencyWithoutTimeoutPinsEveryWorker() {
        // the bank never answers within the run: no timeout = all 200 workers pinned, goodput 0
        Scn s = payment(Scenario.NO_TIMEOUT);
        s.faults.set(0, new Scenario.Fault("bank", Scenario.Fault.Kind.STEP, 60_000, 0, Scenario.Fault.Shape.LINEAR,
                Dist.fixed(3_600_000), 1.0, 0));
        Trace t = s.run(3);
        assertThat(Scn.sum(t, "payment", 70, 300, Trace.Bucket::completed)).isZero();
        assertThat(t.service("payment").series().get(299).active()).isEqualTo(200);
    }

    @Test
    void aTimeoutKeepsThroughputAtThreadsOverTimeout() {
        // timeout 1 s: every worker is free again after at most 1 s, so ≥ 200 / 1 s answers (504s) a second
        Scn s = payment(1_000);
        s.faults.set(0, new Scenario.Fault("bank", Scenario.Fault.Kind.STEP, 60_000, 0, Scenario.Fault.Shape.LINEAR,
                Dist.fixed(3_600_000), 1.0, 0));
        Trace t = s.run(4);
        double answered = mean(t, "payment", 120, 300, Trace.Bucket::completed);
        assertThat(answered).isGreaterThanOrEqualTo(200 / 1.0 * 0.98);
        assertThat(mean(t, "payment", 120, 300, Trace.Bucket::timedOut)).isCloseTo(answered, within(1.0));
    }
}
