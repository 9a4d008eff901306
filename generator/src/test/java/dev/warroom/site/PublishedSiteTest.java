package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.Generator;
import dev.warroom.bank.Problem;
import dev.warroom.render.RenderOptions;
import dev.warroom.render.Renderer;
import dev.warroom.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the real bank, as {@code mvn package} runs it: every variant simulated
 * and checked, problem one with all its videos (the others with SVG frames, to keep the test
 * short), published and then checked by independent means: the Nu Html Checker, the link
 * checker, and problem one's real video played in headless Chromium from {@code file://}.
 * Renders go through the repository's render cache, which the site module's build then reuses.
 */
@org.junit.jupiter.api.Tag("slow")
class PublishedSiteTest {
    static final String PROBLEM_ONE = "bank-api-slow";

    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    static Path tmp;
    static Path site;
    static Generator.BuildResult result;

    @BeforeAll
    static void build() throws Exception {
        site = tmp.resolve("site");
        List<String> progress = new ArrayList<>();
        result = Generator.build(new Generator.BuildOptions(Golden.root().resolve("problems"),
                Golden.root().resolve("templates"), site, tmp.resolve("site.zip"), Generator.Media.ALL,
                Set.of(PROBLEM_ONE), RenderOptions.defaults(), new dev.warroom.TraceMemo(dev.warroom.cache.TraceCache.standard()),
                progress::add));
        assertThat(progress).anyMatch(l -> l.startsWith("checked every claim"));
    }

    /** Every problem of the real bank has its SCORM package and its quiz exports; the course package holds them all. */
    @Test
    void everyProblemHasItsScormPackageAndExportsAndTheCourseHoldsThemAll() throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Problem p : result.bank().problems()) {
            Path zip = site.resolve("scorm/" + p.id() + ".zip");
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
                var manifest = z.getEntry("imsmanifest.xml");
                assertThat(manifest).as(p.id()).isNotNull();
                var doc = f.newDocumentBuilder().parse(z.getInputStream(manifest));
                assertThat(doc.getElementsByTagNameNS("*", "item").getLength()).as(p.id()).isEqualTo(1);
            }
            var xml = f.newDocumentBuilder().parse(site.resolve("exports/" + p.id() + ".moodle.xml").toFile());
            assertThat(xml.getElementsByTagName("question").getLength()).as(p.id()).isGreaterThan(5);
            assertThat(Files.readString(site.resolve("exports/" + p.id() + ".gift.txt"))).as(p.id()).contains("::");
        }
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(site.resolve("scorm/warroom-course.zip").toFile())) {
            var doc = f.newDocumentBuilder().parse(z.getInputStream(z.getEntry("imsmanifest.xml")));
            assertThat(doc.getElementsByTagNameNS("*", "item").getLength()).isEqualTo(result.bank().problems().size());
        }
    }

    /**
     * Every problem of the real bank publishes as a drill: the learner decides before any answer (two
     * decision points of five or more options, one YOU ARE HERE) and each rubric dimension is rated
     * from at least three graded items (numeric ones count once their answers are computed, as here).
     */
    @Test
    void everyProblemPublishesAsADrill() throws Exception {
        for (Problem p : result.bank().problems()) {
            Document d = Jsoup.parse(site.resolve("problems/" + p.id() + ".html").toFile(), "UTF-8");
            var decisions = d.select("form.q.decision");
            assertThat(decisions).as("%s: decision points", p.id()).hasSizeGreaterThanOrEqualTo(2);
            for (Element form : decisions) {
                assertThat(form.select(".choices input")).as("%s %s: options", p.id(), form.id())
                        .hasSizeGreaterThanOrEqualTo(5);
            }
            assertThat(d.select(".timeline li.here")).as("%s: one 'you are here'", p.id()).hasSize(1);
            var data = MAPPER.readTree(d.selectFirst("#quiz-data").data());
            java.util.Map<String, Integer> evidence = new java.util.TreeMap<>();
            data.get("questions").forEach(q -> {
                if (q.path("graded").asBoolean()) {
                    q.get("dims").fieldNames().forEachRemaining(dim -> evidence.merge(dim, 1, Integer::sum));
                }
            });
            assertThat(evidence).as("%s: graded items per dimension", p.id()).containsOnlyKeys("incident-response",
                    "system-thinking", "mitigation-speed", "postmortem-quality");
            assertThat(evidence.values()).as("%s: graded items per dimension %s", p.id(), evidence)
                    .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
        }
    }

    @Test
    void problemOnesPageHasEveryVariantsVideoAndEveryComparison() throws Exception {
        Problem one = result.bank().problem(PROBLEM_ONE);
        Document page = Jsoup.parse(site.resolve("problems/" + PROBLEM_ONE + ".html").toFile(), "UTF-8");
        List<String> mp4s = page.select("video source").eachAttr("src");
        // problem one: baseline, retry storm, retry with backoff, two mitigations and the recovery;
        // three comparisons
        assertThat(one.variantIds()).hasSize(6);
        assertThat(Renderer.comparisons(one)).hasSize(3);
        assertThat(mp4s).hasSize(one.variantIds().size() + 3).doesNotHaveDuplicates();
        for (String src : mp4s) {
            Path mp4 = site.resolve("problems").resolve(src).normalize();
            assertThat(mp4).isRegularFile();
            assertThat(Files.size(mp4)).isGreaterThan(100_000);
        }
        assertThat(page.select("video[poster]")).hasSize(mp4s.size());
        assertThat(page.select("video track[kind=captions][default]")).hasSize(mp4s.size());
    }

    @Test
    void everyProblemPageStepsThroughItsOwnRenderedFrames() throws Exception {
        for (Problem p : result.bank().problems()) {
            Document page = Jsoup.parse(site.resolve("problems/" + p.id() + ".html").toFile(), "UTF-8");
            List<Element> steppers = page.select(".stepper");
            // a stepper per variant, and one per decision branch (in the template the pick unlocks)
            assertThat(steppers).as(p.id()).hasSize(p.traceIds().size());
            for (Element img : page.select(".stepper-img")) {
                assertThat(img.attr("src")).as(p.id()).contains("media/" + p.id() + "/");
                assertThat(site.resolve("problems").resolve(img.attr("src")).normalize()).isRegularFile();
                assertThat(img.attr("alt")).as(p.id()).isNotBlank();
            }
            for (Element data : page.select(".stepper script.frames-data")) {
                var frames = MAPPER.readTree(data.data());
                assertThat(frames.size()).as(p.id()).isGreaterThan(30);
                for (var f : frames) {
                    assertThat(site.resolve("problems").resolve(f.get("src").asText()).normalize()).isRegularFile();
                }
            }
            if (!p.id().equals(PROBLEM_ONE)) {
                assertThat(page.select("video")).as(p.id()).isEmpty();
            }
        }
    }

    @Test
    void everyCardOnTheIndexHasAPoster() throws Exception {
        Document index = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
        assertThat(index.select(".card")).hasSize(result.bank().problems().size());
        for (Element card : index.select(".card")) {
            Element img = card.selectFirst("img.card-poster");
            assertThat(img).as(card.attr("data-id")).isNotNull();
            assertThat(site.resolve(img.attr("src"))).isRegularFile();
        }
        // problem one's poster is its video's; the others show one of their SVG frames
        assertThat(index.selectFirst(".card[data-id=" + PROBLEM_ONE + "] img").attr("src")).endsWith(".png");
        assertThat(index.select(".card img.card-poster").eachAttr("src")).filteredOn(s -> s.endsWith(".svg"))
                .hasSize(result.bank().problems().size() - 1);
    }

    @Test
    void theSiteIsValidAndEveryLinkResolves() throws Exception {
        List<String> broken = new ArrayList<>();
        // pages, assets, first frames, posters, videos and embeds; the other frames are listed in JSON
        assertThat(LinkCheckTest.check(site, broken)).isGreaterThan(300);
        assertThat(broken).isEmpty();
        assertThat(HtmlValidationTest.errors(site)).isEmpty();
    }

    @Test
    void problemOnesBaselineVideoPlaysWithItsCaptionsFromFileUrl() throws Exception {
        try (Browser b = Browser.start()) {
            b.drainLogs();
            b.driver.get(site.resolve("problems/" + PROBLEM_ONE + ".html").toUri().toString());
            Object state = null;
            for (int i = 0; i < 100 && state == null; i++) {
                state = b.js("var v = document.querySelector('video'); var t = v.querySelector('track');"
                        + "if (v.readyState < 1 || t.readyState !== 2) return null;"
                        + "var cues = Array.from(v.textTracks[0].cues).map(c => c.text);"
                        + "return [v.duration, v.videoWidth, v.videoHeight, cues.join('\\n')];");
                if (state == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(state).as("the video's metadata and captions load").isNotNull();
            List<?> s = (List<?>) state;
            assertThat(((Number) s.get(0)).doubleValue()).as("duration, s").isBetween(45.0, 60.0);
            assertThat(((Number) s.get(1)).intValue()).isEqualTo(1280);
            assertThat(((Number) s.get(2)).intValue()).isEqualTo(720);
            assertThat((String) s.get(3)).contains("Payment").contains("Order").contains("Frontend");
            assertThat(b.consoleErrors()).isEmpty();
            assertThat(b.requests()).allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
        }
    }
}
