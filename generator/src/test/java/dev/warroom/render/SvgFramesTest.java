package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.story.Storyboard;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** SVG stills: standalone, accessible, compact, stable (golden). */
class SvgFramesTest {
    private final Storyboard sb = Storyboard.of(TraceFixture.scene(), TraceFixture.trace(), Storyboard.Options.DEFAULT);

    @Test
    void aStillIsAStandaloneAccessibleCompactSvg() throws Exception {
        String svg = SvgFrames.svg(sb, sb.still(1_000_000));
        assertThat(svg.getBytes(StandardCharsets.UTF_8).length).as("bytes").isLessThanOrEqualTo(25_000);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 1280 720");
        Element first = (Element) root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0);
        assertThat(first.getTextContent()).contains("Bank API slows to 30 s").contains("14:11:40");
        String desc = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent();
        assertThat(desc).contains("Payment Service DOWN (pool full)").contains("Search Service OK");
        // text as text, in generic families only
        assertThat(svg).contains(">Payment Service</text>").contains(">YOU ARE HERE 14:12</text>").doesNotContain("<image");
        Matcher m = Pattern.compile("font-family=\"([^\"]*)\"").matcher(svg);
        while (m.find()) {
            assertThat(m.group(1)).isIn("sans-serif", "monospace");
        }
    }

    @Test
    void retriesShowAsDiamondsOnlyWhereTheTraceHasThem() {
        // the fixture's Order retries Payment from 14:00 (a third of the attempts)
        String before = SvgFrames.svg(sb, sb.still(200_000));
        String after = SvgFrames.svg(sb, sb.still(1_000_000));
        int legendOnly = count(before, "#cc79a7");
        assertThat(legendOnly).isEqualTo(1);
        assertThat(after).contains("#cc79a7");
        assertThat(after.split("#cc79a7", -1).length - 1).isGreaterThan(legendOnly);
    }

    @Test
    void timelineEntriesAtTheSameMomentShareOneLabel() throws Exception {
        // recs-fail-slow's timeline has three entries at 14:00
        dev.warroom.bank.Problem p = dev.warroom.bank.Bank.load(Golden.root().resolve("problems/recs-fail-slow"))
                .problems().get(0);
        assertThat(p.timeline()).filteredOn(e -> e.label().equals("14:00")).hasSize(3);
        Storyboard recs = Storyboard.of(dev.warroom.story.SceneSpec.of(p, "baseline"),
                dev.warroom.sim.Simulation.run(p, "baseline"), Storyboard.Options.DEFAULT);
        String svg = SvgFrames.svg(recs, recs.still(recs.durationMs()));
        assertThat(count(svg, ">14:00</text>")).isEqualTo(1);
        assertThat(count(svg, ">14:00:30</text>")).isEqualTo(1);
    }

    private static int count(String s, String what) {
        return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void everyStillOfTheFixtureStaysUnderTheBudget() {
        for (long t : sb.keyframeTimes()) {
            assertThat(SvgFrames.svg(sb, sb.still(t)).length()).as("frame at %d", t).isLessThanOrEqualTo(25_000);
        }
    }

    @Test
    void goldenFrames() throws Exception {
        Golden.assertMatches("render/fixture-0030s.svg", normalise(SvgFrames.svg(sb, sb.still(30_000))));
        Golden.assertMatches("render/fixture-1000s.svg", normalise(SvgFrames.svg(sb, sb.still(1_000_000))));
    }

    /** One element a line, numbers rounded to whole units (font metrics differ slightly between machines). */
    static String normalise(String svg) {
        Matcher m = Pattern.compile("-?\\d+\\.\\d+").matcher(svg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Long.toString(Math.round(Double.parseDouble(m.group()))));
        }
        m.appendTail(out);
        return out.toString().replace("><", ">\n<") + "\n";
    }
}
