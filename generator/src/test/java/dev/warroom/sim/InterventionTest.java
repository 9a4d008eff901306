package dev.warroom.sim;

import static dev.warroom.sim.Scn.call;
import static dev.warroom.sim.Scn.fifo;
import static dev.warroom.sim.Scn.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Dist;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each action does to a running system, on small scenarios whose answer is known. */
class InterventionTest {
    private static final long SEED = 7;

    /** One overloaded service: 10 workers of 1 s each, 20 req/s offered: the queue grows by 10 a second. */
    private static Scn overloaded() {
        return Scn.of(60_000).service("api", 10, fifo(Scenario.UNBOUNDED), Dist.fixed(1000)).poisson("api", 20);
    }

    private static Trace run(Scn s, Scenario.Action... actions) {
        Scenario base = s.build();
        return Simulation.run("test", "branch", base.branch(base.durationMs(), List.of(actions)), SEED);
    }

    private static Trace.Bucket at(Trace t, String svc, int second) {
        return t.service(svc).series().get(second);
    }

    @Test
    void aRestartDropsTheQueueAndTheWorkInFlight() {
        Trace before = overloaded().run(SEED);
        Trace t = run(overloaded(), new Scenario.Restart(30_000, "api", 5_000, 1, 0, 1));
        Trace.Bucket last = at(before, "api", 29);
        assertThat(last.queued()).as("queue before the restart").isGreaterThan(200);
        // everything it held fails at once (connection reset), and while down it refuses
        assertThat(at(t, "api", 30).failed()).isEqualTo(last.queued() + last.active());
        assertThat(at(t, "api", 30).queued()).isZero();
        assertThat(at(t, "api", 30).active()).isZero();
        assertThat(sum(t, "api", 31, 35, Trace.Bucket::rejected)).isEqualTo(sum(t, "api", 31, 35, Trace.Bucket::arrivals));
        assertThat(sum(t, "api", 31, 35, Trace.Bucket::ok)).isZero();
        // back with an empty pool: the queue starts again from nothing, not from 300
        assertThat(at(t, "api", 36).active()).isEqualTo(10);
        assertThat(at(t, "api", 36).queued()).isLessThan(30);
    }

    @Test
    void aRollingRestartTakesOneInstanceAtATime() {
        Trace t = run(overloaded(), new Scenario.Restart(30_000, "api", 5_000, 2, 0, 1));
        Trace before = overloaded().run(SEED);
        int held = at(before, "api", 29).queued() + at(before, "api", 29).active();
        // the first instance takes half of the work with it, and half the pool
        assertThat((double) at(t, "api", 30).failed()).isCloseTo(held / 2.0, within(held * 0.05 + 2));
        assertThat(sum(t, "api", 31, 35, Trace.Bucket::ok)).as("the other instance still serves").isPositive();
        assertThat(sum(t, "api", 31, 35, Trace.Bucket::ok)).isLessThanOrEqualTo(5 * 5 + 5);
        // the second goes down when the first is back, 5 s later
        assertThat(at(t, "api", 35).failed()).isPositive();
        assertThat(at(t, "api", 45).active()).isEqualTo(10);
    }

    @Test
    void aRestartedServiceStartsColdWhenItHasAWarmUp() {
        Scn s = Scn.of(60_000).service("api", 100, fifo(Scenario.UNBOUNDED), Dist.fixed(100)).poisson("api", 50);
        Trace t = run(s, new Scenario.Restart(20_000, "api", 1_000, 1, 20_000, 3));
        // right after it is back, work takes about 3x as long; 20 s later it is warm again
        assertThat(at(t, "api", 22).p50Ms()).isBetween(250L, 300L);
        assertThat(at(t, "api", 45).p50Ms()).isEqualTo(100L);
    }

    @Test
    void scalingAPoolRaisesThroughputAsLittlesLawSays() {
        Scn s = Scn.of(60_000).service("api", 5, fifo(50), Dist.fixed(100)).poisson("api", 100);
        Scenario.Service old = s.build().services().get("api");
        Scenario.Service bigger = new Scenario.Service("api", "api", 20, old.queue(), old.processing(), null, null,
                false, old.layout(), old.calls());
        Trace t = run(s, new Scenario.Change(30_000, Map.of("api", bigger), Map.of()));
        // 5 workers / 100 ms = 50 req/s; 20 workers = 200 req/s of capacity for 100 offered
        assertThat(sum(t, "api", 10, 30, Trace.Bucket::ok) / 20.0).isCloseTo(50, within(2.0));
        assertThat(sum(t, "api", 35, 60, Trace.Bucket::ok) / 25.0).isCloseTo(100, within(6.0));
    }

    @Test
    void anAdmissionLimitAtTheEdgeAdmitsItsRate() {
        Scn s = Scn.of(60_000).service("api", 100, fifo(Scenario.UNBOUNDED), Dist.fixed(10)).poisson("api", 100);
        Scenario.Service old = s.build().services().get("api");
        Scenario.Service limited = new Scenario.Service("api", "api", 100, old.queue(), old.processing(), null,
                new Scenario.RateLimit(40, 40), false, old.layout(), old.calls());
        Trace t = run(s, new Scenario.Change(30_000, Map.of("api", limited), Map.of()));
        assertThat(sum(t, "api", 31, 60, Trace.Bucket::ok) / 29.0).isCloseTo(40, within(1.5));
        assertThat(sum(t, "api", 0, 30, Trace.Bucket::rejected)).isZero();
    }

    private static Scn withDb() {
        return Scn.of(60_000)
                .service("api", 50, fifo(Scenario.UNBOUNDED), Dist.fixed(5), call("db", 0))
                .service("db", 50, fifo(Scenario.UNBOUNDED), Dist.fixed(20))
                .poisson("api", 100);
    }

    @Test
    void aDisabledCallIsSkippedOrAnsweredByItsFallback() {
        Trace skip = run(withDb(), new Scenario.Disable(30_000, "api", "db", false));
        assertThat(sum(skip, "db", 31, 60, Trace.Bucket::arrivals)).isZero();
        assertThat(sum(skip, "db", 0, 30, Trace.Bucket::arrivals)).isPositive();
        assertThat(sum(skip, "api", 31, 60, Trace.Bucket::ok)).isEqualTo(sum(skip, "api", 31, 60, Trace.Bucket::completed));
        Trace degraded = run(withDb(), new Scenario.Disable(30_000, "api", "db", true));
        assertThat(sum(degraded, "api", 31, 60, Trace.Bucket::fallback))
                .isEqualTo(sum(degraded, "api", 31, 60, Trace.Bucket::completed));
        assertThat(sum(degraded, "api", 0, 30, Trace.Bucket::fallback)).isZero();
    }

    private static Scn slowBank() {
        return Scn.of(90_000)
                .service("api", 200, fifo(Scenario.UNBOUNDED), Dist.fixed(5), call("bank", 0))
                .external("bank", Dist.fixed(50), 0)
                .fault(new Scenario.Fault("bank", Scenario.Fault.Kind.STEP, 10_000, 0, Scenario.Fault.Shape.LINEAR,
                        Dist.fixed(3000), 1.0, 0))
                .poisson("api", 50);
    }

    @Test
    void aFailOverReplacesTheDependencyAndItsFaults() {
        Scenario.External secondary = new Scenario.External("bank", "bank", Dist.fixed(120), 0, Scenario.UNBOUNDED,
                Scenario.Layout.AUTO);
        Trace t = run(slowBank(), new Scenario.Change(40_000, Map.of(), Map.of("bank", secondary)),
                new Scenario.EndFaults(40_000, "bank", 0));
        assertThat(at(t, "api", 30).p50Ms()).isGreaterThan(3000);
        // calls sent before the switch still take their 3 s; by then every call takes 120 ms
        assertThat(at(t, "bank", 45).p50Ms()).isEqualTo(120L);
        assertThat(at(t, "api", 45).p50Ms()).isEqualTo(125L);
    }

    @Test
    void aRollbackEndsTheFaultOverItsTime() {
        Trace t = run(slowBank(), new Scenario.EndFaults(40_000, "bank", 20_000));
        // before it every call is slow; while it fades, some; once over (60 s), none
        assertThat(at(t, "bank", 35).p50Ms()).isEqualTo(3000L);
        assertThat(at(t, "bank", 55).p50Ms()).isEqualTo(50L);
        assertThat(at(t, "bank", 55).p99Ms()).isEqualTo(3000L);
        assertThat(at(t, "bank", 75).p99Ms()).isEqualTo(50L);
    }

    @Test
    void aBreakerSwitchedOnMidRunStartsClosedAndOpensOnItsOwnFailures() {
        Scn s = Scn.of(60_000)
                .service("api", 200, fifo(Scenario.UNBOUNDED), Dist.fixed(5), call("bank", 0))
                .external("bank", Dist.fixed(20), 1.0)
                .poisson("api", 50);
        Scenario.Service old = s.build().services().get("api");
        Scenario.Breaker cfg = new Scenario.Breaker(Scenario.Breaker.Style.CONSECUTIVE, 5, 10_000, 1, 0,
                Scenario.Breaker.WindowType.COUNT, 0, 0, 0, 0, 0, 0);
        Scenario.Call withBreaker = new Scenario.Call("bank", 1.0, 0, Scenario.Retry.NONE, cfg, null, null, 0, null);
        Scenario.Service guarded = new Scenario.Service("api", "api", 200, old.queue(), old.processing(), null, null,
                false, old.layout(), Map.of("bank", withBreaker));
        Trace t = run(s, new Scenario.Change(30_000, Map.of("api", guarded), Map.of()));
        Trace.EdgeSeries e = t.edges().get("api->bank");
        assertThat(e.series().subList(0, 30)).allMatch(b -> b.shortCircuited() == 0 && b.breaker().equals("none"));
        // pybreaker: the 5th consecutive failure opens it; then it rejects for reset_timeout (10 s)
        assertThat(e.series().get(30).attempts()).isBetween(5, 8);
        assertThat(e.series().get(31).breaker()).isEqualTo("open");
        assertThat(e.series().get(35).shortCircuited()).isGreaterThan(40);
    }
}
