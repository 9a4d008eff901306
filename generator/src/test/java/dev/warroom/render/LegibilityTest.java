package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.story.Cue;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames legible at the size people watch them (embedded at 820 px): in the SVG frames, no
 * text under 14 px at 1280x720, no name cut, nothing drawn where the player's controls and
 * captions go, and the narration only once (in the captions track, not burned in too). And for
 * every problem of the bank, single and side by side, names fit and cards fill the stage.
 */
class LegibilityTest {
    private static final long[] TIMES = {0, 310_000, 700_000, 1_020_000, 1_200_000};

    private static Problem problemOne() throws Exception {
        return Bank.load(Golden.root().resolve("problems/bank-api-slow")).problems().get(0);
    }

    @Test
    void svgFramesUseNoTextUnder14pxCutNoNameAndLeaveTheCaptionZoneToThePlayer() throws Exception {
        Problem p = problemOne();
        Storyboard single = Storyboard.of(SceneSpec.of(p, "baseline"), TraceFixture.trace(), Storyboard.Options.DEFAULT);
        Storyboard cmp = Storyboard.comparison(SceneSpec.of(p, "baseline"), TraceFixture.trace(), SceneSpec.of(p, "timeout-breaker"),
                TraceFixture.trace("timeout-breaker", true), Storyboard.Options.DEFAULT);
        for (Storyboard sb : List.of(single, cmp)) {
            for (long t : TIMES) {
                List<LayoutTest.Box> texts = LayoutTest.texts(SvgFrames.svg(sb, sb.still(t)));
                String where = sb.panes().size() + " pane(s) at " + t;
                assertThat(texts).as(where).isNotEmpty().allSatisfy(b -> {
                    assertThat(b.size()).as("font size of '%s', %s", b.text(), where).isGreaterThanOrEqualTo(14);
                    assertThat(b.text()).as(where).doesNotContain("…");
                    assertThat(b.y1()).as("'%s' clear of the caption zone, %s", b.text(), where)
                            .isLessThanOrEqualTo(Painter.CAPTION_ZONE);
                });
                List<String> shown = texts.stream().map(LayoutTest.Box::text).toList();
                for (Storyboard.Pane pane : sb.panes()) {
                    for (SceneSpec.Node n : pane.scene().nodes()) {
                        assertThat(inFull(shown, n.name())).as("'%s' in full, %s: %s", n.name(), where, shown).isTrue();
                    }
                }
                for (Cue c : sb.cues()) {
                    assertThat(shown).as("the narration is the captions track's alone, %s", where)
                            .noneMatch(s -> s.length() > 12 && c.text().contains(s));
                }
            }
        }
    }

    /** The name as one text, or as two texts one after the other (a name on two lines). */
    private static boolean inFull(List<String> shown, String name) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).equals(name) || i + 1 < shown.size() && (shown.get(i) + " " + shown.get(i + 1)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyProblemsNamesFitAndItsCardsFillTheStageAloneAndSideBySide() throws Exception {
        Bank bank = Bank.load(Golden.root().resolve("problems"));
        List<String> checked = new ArrayList<>();
        for (Problem p : bank.problems()) {
            for (String v : p.variantIds()) {
                for (int panes = 1; panes <= 2; panes++) {
                    SceneSpec scene = SceneSpec.of(p, v);
                    Rectangle2D pane = Painter.paneRect(0, panes);
                    List<Rectangle2D> cards = Painter.cards(scene, pane, panes > 1);
                    String what = p.id() + "/" + v + " in " + panes + " pane(s)";
                    double x0 = Double.MAX_VALUE;
                    double x1 = -Double.MAX_VALUE;
                    double y0 = Double.MAX_VALUE;
                    double y1 = -Double.MAX_VALUE;
                    for (int i = 0; i < cards.size(); i++) {
                        Rectangle2D c = cards.get(i);
                        assertThat(pane.contains(c)).as("card %s inside, %s", scene.nodes().get(i).id(), what).isTrue();
                        for (int j = i + 1; j < cards.size(); j++) {
                            assertThat(c.intersects(cards.get(j))).as("cards %s and %s, %s", scene.nodes().get(i).id(),
                                    scene.nodes().get(j).id(), what).isFalse();
                        }
                        List<String> lines = Painter.nameLines(scene.nodes().get(i).name(), c.getWidth());
                        assertThat(String.join(" ", lines)).isEqualTo(scene.nodes().get(i).name());
                        for (String l : lines) {
                            assertThat(Palette.width(Painter.nameFont(c.getWidth()), l)).as("'%s' fits its card, %s", l, what)
                                    .isLessThanOrEqualTo(Painter.nameRoom(c.getWidth()));
                        }
                        x0 = Math.min(x0, c.getMinX());
                        x1 = Math.max(x1, c.getMaxX());
                        y0 = Math.min(y0, c.getMinY());
                        y1 = Math.max(y1, c.getMaxY());
                    }
                    boolean columns = scene.nodes().stream().mapToDouble(SceneSpec.Node::x).distinct().count() > 1;
                    if (cards.size() > 1) {
                        // the diagram fills the stage: its cards span the pane, less the margins (a chain: the height)
                        if (columns) {
                            assertThat(x1 - x0).as("width used, %s", what).isGreaterThanOrEqualTo(pane.getWidth() - 20);
                        }
                        assertThat(y1 - y0).as("height used, %s", what).isGreaterThanOrEqualTo(pane.getHeight() - 40);
                    }
                    checked.add(what);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(bank.problems().size() * 2);
    }
}
