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

/**
 * Envoy's outlier detection on a call to a service of pods (docs/simulation.md, "Outlier
 * detection"), with one pod made bad by a fault on that pod only. Arrivals are constant
 * (one every millisecond) and the load balancer a round robin, so pod k gets every tenth
 * request: counts are exact.
 */
class OutlierDetectionTest {
    private static final long SEED = 5;
    private static final long FAULT_AT = 5_000;
    /** Envoy's defaults: consecutive_5xx 5, interval 10 s, base_ejection_time 30 s, max_ejection_percent 10. */
    private static final Scenario.OutlierDetection ENVOY = new Scenario.OutlierDetection(5, 5, 100, 0, 10_000, 30_000,
            300_000, 10);

    /** gw (1 ms of work) calls api (10 pods, 5 ms of work, probes that pass) with a 100 ms timeout, 1,000 req/s. */
    private static Scn scn(Scenario.OutlierDetection od, long durationMs, Scenario.Fault... faults) {
        Scenario.Call c = new Scenario.Call("api", 1.0, 100, Scenario.Retry.NONE, null, null, null, 0, null, od, null, false);
        Scn s = Scn.of(durationMs).service("gw", 1_000, fifo(Scenario.UNBOUNDED), Dist.fixed(1), c)
                .service("api", 200, fifo(Scenario.UNBOUNDED), Dist.fixed(5));
        Scenario.Health h = new Scenario.Health(10, Scenario.Probe.DEFAULT, null, 1, 10_000);
        s.services.put("api", s.services.get("api").withHealth(h));
        s.traffic(new Scenario.Traffic("gw", Scenario.Traffic.Arrival.CONSTANT, 1_000, List.of(), null));
        for (Scenario.Fault f : faults) {
            s.fault(f);
        }
        return s;
    }

    /** Pod {@code pod}'s work fails (after 5 ms) from FAULT_AT on. */
    private static Scenario.Fault failing(int pod) {
        return new Scenario.Fault("api", Scenario.Fault.Kind.OUTAGE, FAULT_AT, 0, Scenario.Fault.Shape.LINEAR,
                Dist.fixed(5), 1.0, 0, pod);
    }

    private static Engine run(Scn s, long untilMs) {
        Engine e = new Engine(s.build(), SEED);
        e.runUntil(untilMs);
        return e;
    }

    private static Outlier od(Engine e) {
        return e.byId.get("gw").edges[0].outlier;
    }

    private static List<long[]> changes(Engine e, int kind) {
        List<long[]> out = new ArrayList<>();
        for (long[] c : od(e).changes) {
            if (c[2] == kind) {
                out.add(c);
            }
        }
        return out;
    }

    private static long arrivals(Engine e, int pod) {
        return e.byId.get("api").health.pods.get(pod).arrivals;
    }

    @Test
    void aFailingPodIsEjectedAfterExactlyConsecutive5xxFailures() {
        Scn s = scn(ENVOY, 60_000, failing(3));
        long before = arrivals(run(s, FAULT_AT), 3);
        Engine e = run(s, 30_000);
        assertThat(changes(e, Outlier.EJECT)).singleElement().satisfies(c -> {
            assertThat(c[1]).isEqualTo(3);
            // the fifth failing request to pod 3 arrives within 40 ms after the first (one in ten) and fails 5 ms later
            assertThat(c[0]).isBetween(FAULT_AT + 45, FAULT_AT + 55);
        });
        assertThat(arrivals(e, 3) - before).as("requests pod 3 got after its fault").isEqualTo(5);
        // the gateway saw exactly those five failures
        Node gw = e.byId.get("gw");
        long failed = 0;
        for (int b = 0; b < 30; b++) {
            failed += gw.failed[b];
        }
        assertThat(failed).isEqualTo(5);
    }

    @Test
    void itComesBackAfterBaseEjectionTimeAtTheNextSweepAndTheSecondEjectionLastsTwiceAsLong() {
        Engine e = run(scn(ENVOY, 200_000, failing(3)), 200_000);
        List<long[]> out = changes(e, Outlier.EJECT);
        List<long[]> back = changes(e, Outlier.UNEJECT);
        // ejected at ~5.05 s; 30 s later is ~35.05 s, and the sweeps run every 10 s from 0: back at 40 s
        assertThat(back.get(0)[0]).isEqualTo(40_000);
        // five more failures and out again, for 2 x 30 s: 100.05 s, so back at the 110 s sweep
        assertThat(out.get(1)[0]).isBetween(40_000L, 40_060L);
        assertThat(back.get(1)[0]).isEqualTo(110_000);
        // then 3 x 30 s: from ~110.05 s to 200.05 s, not back within the run
        assertThat(out.get(2)[0]).isBetween(110_000L, 110_060L);
        assertThat(back).hasSize(2);
        assertThat(out).allSatisfy(c -> assertThat(c[1]).isEqualTo(3));
    }

    @Test
    void theBadPodGetsItsShareBeforeAndNoneWhileEjected() {
        Scn s = scn(ENVOY, 60_000, failing(3));
        Engine a = run(s, FAULT_AT);
        for (int k = 0; k < 10; k++) {
            assertThat((double) arrivals(a, k)).as("pod %d before", k).isCloseTo(FAULT_AT / 10.0, within(1.0));
        }
        Engine b = run(s, 10_000);
        Engine c = run(s, 30_000);
        // ejected from ~5.05 s to 40 s: 20 s at 1,000 req/s over the nine others
        assertThat(arrivals(c, 3) - arrivals(b, 3)).isZero();
        for (int k = 0; k < 10; k++) {
            if (k != 3) {
                assertThat((double) (arrivals(c, k) - arrivals(b, k))).isCloseTo(20_000 / 9.0, within(1.0));
            }
        }
        // without outlier detection the load balancer keeps sending it a tenth: a tenth of the requests fail
        Engine d = run(scn(null, 60_000, failing(3)), 30_000);
        Engine d0 = run(scn(null, 60_000, failing(3)), 10_000);
        assertThat((double) (arrivals(d, 3) - arrivals(d0, 3))).isCloseTo(2_000, within(1.0));
    }

    @Test
    void neverMoreThanMaxEjectionPercentOfThePods() {
        // two bad pods of ten, 10 %: one is ejected, the other keeps its share (and its counter stays past 5)
        Engine e = run(scn(ENVOY, 60_000, failing(3), failing(7)), 60_000);
        assertThat(changes(e, Outlier.EJECT)).extracting(c -> c[1]).containsOnly(3L);
        assertThat(od(e).ejectedCount).isLessThanOrEqualTo(1);
        Engine e0 = run(scn(ENVOY, 60_000, failing(3), failing(7)), 10_000);
        Engine e1 = run(scn(ENVOY, 60_000, failing(3), failing(7)), 30_000);
        assertThat((double) (arrivals(e1, 7) - arrivals(e0, 7))).isCloseTo(20_000 / 9.0, within(1.0));
        // at 20 % both go
        Scenario.OutlierDetection twenty = new Scenario.OutlierDetection(5, 5, 100, 0, 10_000, 30_000, 300_000, 20);
        Engine f = run(scn(twenty, 60_000, failing(3), failing(7)), 30_000);
        assertThat(changes(f, Outlier.EJECT)).extracting(c -> c[1]).containsExactlyInAnyOrder(3L, 7L);
    }

    @Test
    void aTimeoutCountsAsA5xxSoASlowPodIsEjectedToo() {
        // pod 3 answers in 2 s, the caller gives up at 100 ms: locally originated timeouts, mapped to 504
        Scenario.Fault slow = new Scenario.Fault("api", Scenario.Fault.Kind.STEP, FAULT_AT, 0,
                Scenario.Fault.Shape.LINEAR, Dist.fixed(2_000), 1.0, 0, 3);
        Engine e = run(scn(ENVOY, 60_000, slow), 30_000);
        assertThat(changes(e, Outlier.EJECT)).singleElement().satisfies(c -> {
            assertThat(c[1]).isEqualTo(3);
            assertThat(c[0]).isBetween(FAULT_AT + 140, FAULT_AT + 150); // the fifth timeout: 40 ms + 100 ms after the first
        });
        // its probes still pass (they do no real work and its workers are free): it stays ready
        assertThat(e.byId.get("api").health.pods.get(3).ready).isTrue();
    }

    @Test
    void aFaultOnOnePodLeavesTheOthersAlone() {
        Engine e = run(scn(null, 30_000, failing(3)), 30_000);
        Node gw = e.byId.get("gw");
        long failed = 0;
        long ok = 0;
        for (int b = 10; b < 29; b++) {
            failed += gw.failed[b];
            ok += gw.ok[b];
        }
        assertThat((double) failed / (failed + ok)).isCloseTo(0.1, within(0.002));
    }

    /** A fork with a pod ejected continues exactly as a run from the start; a policy change starts a new detector. */
    @Test
    void aForkMidEjectionEqualsARunFromTheStart() {
        Scenario base = scn(ENVOY, 120_000, failing(3)).build();
        Scenario.Service gw = base.services().get("gw");
        Scenario.Call c = gw.calls().get("api");
        Scenario.Call none = new Scenario.Call("api", 1.0, 100, Scenario.Retry.NONE, null, null, null, 0, null, null, null, false);
        Scenario.Call strict = new Scenario.Call("api", 1.0, 100, Scenario.Retry.NONE, null, null, null, 0, null,
                new Scenario.OutlierDetection(3, 5, 100, 0, 5_000, 10_000, 300_000, 10), null, false);
        List<List<Scenario.Action>> branches = new ArrayList<>();
        for (Scenario.Call k : List.of(none, strict)) {
            branches.add(List.of(new Scenario.Change(20_000, Map.of("gw", new Scenario.Service(gw.id(), gw.name(), gw.threads(), gw.queue(), gw.processing(), gw.shed(), gw.rateLimit(), gw.propagateDeadline(), gw.layout(), Map.of("api", k), gw.health())), Map.of())));
        }
        branches.add(List.of(new Scenario.Restart(20_000, "api", 5_000, 1, 0, 1, 3)));
        for (List<Scenario.Action> acts : branches) {
            ForkPair run = ForkPair.of(base, acts, 20_000, SEED);
            Engine fork = run.fork();
            Engine direct = run.direct();
            Node a = fork.byId.get("gw");
            Node b = direct.byId.get("gw");
            assertThat(a.ok).isEqualTo(b.ok);
            assertThat(a.failed).isEqualTo(b.failed);
            assertThat(fork.events).isEqualTo(direct.events);
            if (a.edges[0].outlier != null) {
                assertThat(a.edges[0].outlier.changes).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(b.edges[0].outlier.changes);
            }
        }
        assertThat(c.outlier()).isEqualTo(ENVOY);
    }
}
