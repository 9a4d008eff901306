package dev.warroom.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.sim.Trace;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import org.junit.jupiter.api.Test;

/** The storyboard: layout, time compression, keyframes, tweening, captions, chapters. */
class StoryboardTest {
    private final Storyboard sb = Storyboard.of(TraceFixture.scene(), TraceFixture.trace(), Storyboard.Options.DEFAULT);

    @Test
    void problemOneIsLaidOutLikeTheSeedDiagram() throws Exception {
        Problem p = Bank.load(Golden.root().resolve("problems/bank-api-slow")).problems().get(0);
        SceneSpec s = SceneSpec.of(p, Problem.BASELINE);
        assertThat(s.layers()).isEqualTo(5);
        assertThat(s.node("frontend").layer()).isZero();
        assertThat(s.node("cart").layer()).isEqualTo(1);
        assertThat(s.node("search").layer()).isEqualTo(1);
        assertThat(s.node("account").layer()).isEqualTo(1);
        assertThat(s.node("order").layer()).isEqualTo(2);
        assertThat(s.node("payment").layer()).isEqualTo(3);
        assertThat(s.node("inventory").layer()).isEqualTo(3);
        assertThat(s.node("bank-api").layer()).isEqualTo(4);
        // left to right as drawn in the seed: Cart, Search, Account; Order under Cart; Payment left of Inventory
        assertThat(s.node("cart").x()).isLessThan(s.node("search").x());
        assertThat(s.node("search").x()).isLessThan(s.node("account").x());
        assertThat(s.node("order").x()).isCloseTo(s.node("cart").x(), within(0.01));
        assertThat(s.node("payment").x()).isLessThan(s.node("inventory").x());
        assertThat(s.node("bank-api").x()).isCloseTo(s.node("payment").x(), within(0.01));
        // boxes in a layer keep their distance
        for (SceneSpec.Node a : s.nodes()) {
            for (SceneSpec.Node b : s.nodes()) {
                if (a != b && a.layer() == b.layer()) {
                    assertThat(Math.abs(a.x() - b.x())).as("%s vs %s", a.id(), b.id()).isGreaterThanOrEqualTo(0.2);
                }
            }
        }
        assertThat(s.markers()).hasSize(5).filteredOn(SceneSpec.Marker::youAreHere).singleElement()
                .satisfies(m -> assertThat(m.label()).isEqualTo("14:12"));
        assertThat(s.caption("payment", "pool_exhausted", "x")).isEqualTo("Payment: 200/200 threads blocked on the Bank API");
    }

    @Test
    void layoutOverridesWin() {
        var items = java.util.List.of(
                new LayeredLayout.Item("a", "A", false, 1, -1, -1),
                new LayeredLayout.Item("b", "B", false, 1, 3, -1),
                new LayeredLayout.Item("c", "C", false, 1, -1, 0),
                new LayeredLayout.Item("d", "D", false, 1, -1, -1));
        var edges = java.util.List.of(new SceneSpec.Edge("a", "b"), new SceneSpec.Edge("a", "c"), new SceneSpec.Edge("a", "d"));
        var r = LayeredLayout.place(items, edges);
        assertThat(r.layers()).isEqualTo(4);
        assertThat(r.nodes().get(1).layer()).isEqualTo(3);
        assertThat(r.nodes().get(2).x()).as("order 0 comes first").isLessThan(r.nodes().get(3).x());
    }

    @Test
    void theWholeScenarioFitsInFortyFiveToSixtySeconds() {
        assertThat(sb.videoMs()).isBetween(45_000L, 62_000L);
        assertThat(sb.speed()).isEqualTo(24.0);
        assertThat(sb.fps()).isEqualTo(30);
        assertThat(sb.simMsAt(0)).isZero();
        assertThat(sb.simMsAt(sb.frames() - 1)).isEqualTo(TraceFixture.DURATION);
        assertThat(sb.keyframeTimes()).hasSize(121).startsWith(0L, 10_000L).endsWith(1_200_000L);
        assertThat(sb.frame(30).clock()).isEqualTo("13:55:24");
    }

    @Test
    void framesArePureFunctionsOfTheirNumberAndTweenWithEasing() {
        assertThat(sb.frame(400)).isEqualTo(sb.frame(400));
        // between two keyframes the queue eases from one value to the next
        int f0 = sb.frameOf(300_000);
        int f1 = sb.frameOf(310_000);
        double q0 = sb.frame(f0).panes().get(0).node("payment").queued();
        double qMid = sb.frame((f0 + f1) / 2).panes().get(0).node("payment").queued();
        double q1 = sb.frame(f1).panes().get(0).node("payment").queued();
        assertThat(qMid).isBetween(Math.min(q0, q1), Math.max(q0, q1));
        assertThat(Ease.inOutCubic(0)).isZero();
        assertThat(Ease.inOutCubic(1)).isEqualTo(1.0);
        assertThat(Ease.inOutCubic(0.25)).isLessThan(0.25);
        assertThat(Ease.interpolate(5, 0, 10, 100, 200)).isEqualTo(150.0);
        assertThat(Ease.interpolate(50, 0, 10, 100, 200)).as("clamped").isEqualTo(200.0);
    }

    @Test
    void healthFollowsTheTrace() {
        Frame early = sb.still(30_000);
        assertThat(early.panes().get(0).nodes()).allSatisfy(n -> assertThat(n.health()).isEqualTo(Health.OK));
        Frame late = sb.still(1_000_000);
        var pf = late.panes().get(0);
        assertThat(pf.node("payment").health()).isEqualTo(Health.DOWN);
        assertThat(pf.node("payment").reason()).isEqualTo("pool full");
        assertThat(pf.node("order").health()).isEqualTo(Health.DOWN);
        assertThat(pf.node("cart").health()).isEqualTo(Health.DOWN);
        assertThat(pf.node("frontend").health()).isEqualTo(Health.DOWN);
        assertThat(pf.node("search").health()).isEqualTo(Health.OK);
    }

    @Test
    void aDependencyThatStillHangsBehindAnOpenBreakerIsDown() throws Exception {
        // problem one's mitigation at 14:12:36: the breaker is open, only its half-open trial
        // waits on the Bank API, nothing comes back; the Bank is down, not healthy
        dev.warroom.bank.Problem p = dev.warroom.bank.Bank.load(dev.warroom.testing.Golden.root()
                .resolve("problems/bank-api-slow")).problems().get(0);
        Storyboard mitigated = Storyboard.of(SceneSpec.of(p, "timeout-breaker"),
                dev.warroom.sim.Simulation.run(p, "timeout-breaker"), Storyboard.Options.DEFAULT);
        var pane = mitigated.still((17 * 60 + 36) * 1000L).panes().get(0);
        assertThat(pane.edges()).filteredOn(e -> e.key().equals("payment->bank-api"))
                .singleElement().extracting(EdgeState::breaker).isEqualTo("open");
        assertThat(pane.node("bank-api").health()).isEqualTo(Health.DOWN);
        assertThat(pane.node("bank-api").reason()).isEqualTo("stalled");
        assertThat(pane.node("order").health()).isEqualTo(Health.OK);
    }

    @Test
    void captionsAndChaptersComeFromTheEvents() {
        Trace t = TraceFixture.trace();
        for (Trace.TraceEvent e : t.events()) {
            long at = Math.round(e.tMs() / sb.speed());
            String text = TraceFixture.scene().caption(e.service(), e.kind(), e.text());
            assertThat(sb.cues()).as("a cue for %s", e).anySatisfy(c -> {
                assertThat(c.text()).contains(text);
                assertThat(c.startMs()).isLessThanOrEqualTo(at);
                assertThat(c.endMs()).isGreaterThan(at);
            });
        }
        for (int i = 1; i < sb.cues().size(); i++) {
            assertThat(sb.cues().get(i).startMs()).isGreaterThanOrEqualTo(sb.cues().get(i - 1).endMs());
        }
        assertThat(sb.chapters().get(0).startMs()).isZero();
        assertThat(sb.chapters().get(sb.chapters().size() - 1).endMs()).isEqualTo(sb.videoMs());
        for (int i = 1; i < sb.chapters().size(); i++) {
            assertThat(sb.chapters().get(i).startMs()).isEqualTo(sb.chapters().get(i - 1).endMs());
        }
        assertThat(sb.chapters()).extracting(Cue::text).contains("14:05 Order rejecting 99% (503)");
    }

    @Test
    void aComparisonRunsBothPanesOnOneClock() {
        Storyboard c = Storyboard.comparison(TraceFixture.scene(), TraceFixture.trace(),
                TraceFixture.scene("timeout-breaker", "Timeout and circuit breaker on Payment -> Bank API"),
                TraceFixture.trace("timeout-breaker", true), Storyboard.Options.DEFAULT);
        assertThat(c.panes()).hasSize(2);
        Frame f = c.still(1_000_000);
        assertThat(f.panes().get(0).node("payment").health()).isEqualTo(Health.DOWN);
        assertThat(f.panes().get(1).node("payment").health()).isEqualTo(Health.OK);
        assertThat(f.panes().get(1).node("payment").breaker()).isEqualTo("open");
        assertThat(c.cues()).anySatisfy(q -> assertThat(q.text()).contains("timeout-breaker: Payment -> Bank API breaker opened"));
    }
}
