package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Problem;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards of problem one's real baseline trace up to YOU ARE HERE, checked against the
 * trace itself: the figures they state, how many points they draw, where the lines sit, and
 * that each SVG stands alone (rsvg-convert renders it).
 */
class DashboardsTest {
    static Problem problem;
    static Trace trace;
    static Document doc;
    static long hereMs;

    @BeforeAll
    static void simulate() throws Exception {
        problem = SiteFixture.bank().problem("bank-api-slow");
        trace = Simulation.run(problem, Problem.BASELINE);
        hereMs = problem.baseline().timeOf(Drill.hereClock(problem));
        doc = Jsoup.parse(Dashboards.html(trace, Dashboards.order(trace), 0, hereMs, -1, "d"));
    }

    @Test
    void oneFigurePerServiceThenTheExternals() {
        assertThat(doc.select("figure.dash").eachAttr("id")).containsExactly("d-frontend", "d-cart", "d-search",
                "d-account", "d-order", "d-inventory", "d-payment", "d-bank-api");
    }

    @Test
    void theFiguresAreTheTracesAtTheLastBucketBeforeTheClock() {
        Trace.Bucket last = trace.service("payment").series().get((int) (hereMs / trace.bucketMs()) - 1);
        String desc = doc.selectFirst("#d-payment desc").text();
        assertThat(desc).startsWith("Payment Service from 13:55 to 14:12.")
                .contains(String.format(Locale.ROOT, "%,d/200 busy, %,d queued", last.active(), last.queued()));
        // the seed's picture: 200/200 and about 847 queued
        assertThat(last.active()).isEqualTo(200);
        assertThat(last.queued()).isBetween(830, 864);
    }

    @Test
    void linesHaveOnePointPerTenSecondsAndFollowTheTrace() {
        Element ok = doc.selectFirst("#d-payment polyline.d-ok");
        String[] pts = ok.attr("points").split(" ");
        assertThat(pts).hasSize((int) (hereMs / 10_000));
        // before the outage Payment answers ~450 req/s (the chart's top); at 14:12 about 7: near the bottom
        double top = y(pts[10]);
        double end = y(pts[pts.length - 1]);
        assertThat(end - top).isGreaterThan(50);
        Element queue = doc.selectFirst("#d-payment polyline.d-queue");
        assertThat(queue).isNotNull();
        // Search never fails: its error lines are not drawn at all
        assertThat(doc.select("#d-search polyline.d-503, #d-search polyline.d-504")).isEmpty();
    }

    private static double y(String point) {
        return Double.parseDouble(point.split(",")[1]);
    }

    @Test
    void eachSvgRendersStandalone(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/rsvg-convert")),
                "needs rsvg-convert");
        Element svg = doc.selectFirst("#d-order svg");
        Path file = tmp.resolve("order.svg");
        Files.writeString(file, svg.outerHtml().replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" "),
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("rsvg-convert", "-w", "390", "-o", tmp.resolve("order.png").toString(),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        byte[] png = Files.readAllBytes(tmp.resolve("order.png"));
        assertThat(Arrays.copyOfRange(png, 1, 4)).isEqualTo("PNG".getBytes(StandardCharsets.US_ASCII));
        assertThat(List.of(svg.select("title").text())).containsExactly("Order Service dashboards");
    }
}
