package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.story.Frame;
import dev.warroom.story.NodeState;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Nothing overlaps: every text box (measured from the SVG with the fonts it names) is clear of
 * every other and inside the picture, cards keep apart, at 1280x720 and scaled to 1920x1080.
 */
class LayoutTest {

    private static SceneSpec problemOne(String variant) throws Exception {
        Problem p = Bank.load(Golden.root().resolve("problems/bank-api-slow")).problems().get(0);
        return SceneSpec.of(p, variant);
    }

    record Box(String text, double x0, double y0, double x1, double y1, double size) {
        boolean overlaps(Box o) {
            return x0 < o.x1 - 0.5 && o.x0 < x1 - 0.5 && y0 < o.y1 - 0.5 && o.y0 < y1 - 0.5;
        }
    }

    @Test
    void singleAndComparisonFramesHaveNoOverlappingText() throws Exception {
        Storyboard single = Storyboard.of(problemOne("baseline"), TraceFixture.trace(), Storyboard.Options.DEFAULT);
        Storyboard cmp = Storyboard.comparison(problemOne("baseline"), TraceFixture.trace(), problemOne("timeout-breaker"),
                TraceFixture.trace("timeout-breaker", true), Storyboard.Options.DEFAULT);
        for (Storyboard sb : List.of(single, cmp)) {
            for (long t : new long[] {0, 310_000, 700_000, 1_020_000, 1_200_000}) {
                List<Box> boxes = texts(SvgFrames.svg(sb, sb.still(t)));
                assertThat(boxes).isNotEmpty();
                for (int i = 0; i < boxes.size(); i++) {
                    Box a = boxes.get(i);
                    assertThat(a.x0()).as("%s inside", a).isGreaterThanOrEqualTo(0);
                    assertThat(a.x1()).as("%s inside", a).isLessThanOrEqualTo(Painter.W);
                    assertThat(a.y0()).as("%s inside", a).isGreaterThanOrEqualTo(0);
                    assertThat(a.y1()).as("%s inside", a).isLessThanOrEqualTo(Painter.H);
                    for (int j = i + 1; j < boxes.size(); j++) {
                        assertThat(a.overlaps(boxes.get(j))).as("%s vs %s at %d (%d panes)", a, boxes.get(j), t,
                                sb.panes().size()).isFalse();
                    }
                }
            }
            for (int p = 0; p < sb.panes().size(); p++) {
                List<Rectangle2D> cards = Painter.cards(sb.panes().get(p).scene(), Painter.paneRect(p, sb.panes().size()),
                        sb.panes().size() > 1);
                for (int i = 0; i < cards.size(); i++) {
                    assertThat(Painter.paneRect(p, sb.panes().size()).contains(cards.get(i))).isTrue();
                    for (int j = i + 1; j < cards.size(); j++) {
                        assertThat(cards.get(i).intersects(cards.get(j))).as("cards %d and %d", i, j).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void fullHdIsTheSamePictureScaled() throws Exception {
        SceneSpec scene = problemOne("baseline");
        Storyboard sb = Storyboard.of(scene, TraceFixture.trace(), Storyboard.Options.DEFAULT);
        Frame f = sb.still(1_000_000);
        BufferedImage hd = FramePipeline.still(sb, f, 1920, 1080);
        BufferedImage sd = FramePipeline.still(sb, f, 1280, 720);
        List<Rectangle2D> cards = Painter.cards(scene, Painter.paneRect(0, 1), false);
        for (int i = 0; i < cards.size(); i++) {
            NodeState n = f.panes().get(0).nodes().get(i);
            assertThat(VideoChecks.seen(sd, cards.get(i), 1.0)).as("%s at 1280x720", n.id()).isEqualTo(n.health());
            assertThat(VideoChecks.seen(hd, cards.get(i), 1.5)).as("%s at 1920x1080", n.id()).isEqualTo(n.health());
        }
    }

    /** Every text of an SVG frame with its box, measured with the font it names. */
    static List<Box> texts(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        List<Box> out = new ArrayList<>();
        walk(root, "sans-serif", "normal", 12, out);
        return out;
    }

    private static void walk(Element e, String family, String weight, double size, List<Box> out) {
        if (e.hasAttribute("font-family")) {
            family = e.getAttribute("font-family");
        }
        if (e.hasAttribute("font-weight")) {
            weight = e.getAttribute("font-weight");
        }
        if (e.hasAttribute("font-size")) {
            size = Double.parseDouble(e.getAttribute("font-size").replace("px", ""));
        }
        if ("text".equals(e.getLocalName())) {
            Font font = new Font("monospace".equals(family) ? Font.MONOSPACED : Font.SANS_SERIF,
                    "bold".equals(weight) ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
            FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(font);
            double x = Double.parseDouble(e.getAttribute("x"));
            double y = Double.parseDouble(e.getAttribute("y"));
            String s = e.getTextContent();
            // cap height and descender of the digits and letters drawn, not the font's full leading
            out.add(new Box(s, x, y - size * 0.74, x + fm.stringWidth(s), y + size * 0.22, size));
            return;
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                walk(ce, family, weight, size, out);
            }
        }
    }
}
