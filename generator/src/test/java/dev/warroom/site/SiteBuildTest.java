package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Question;
import dev.warroom.bank.Study;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site's structure, determinism, safety and the media contract, without a browser. */
class SiteBuildTest {
    @TempDir
    static Path tmp;
    static Path site;

    @BeforeAll
    static void build() throws Exception {
        site = SiteFixture.build(tmp);
    }

    @Test
    void publishesEveryPage() throws IOException {
        assertThat(SiteFiles.pages(site).stream().map(p -> site.relativize(p).toString().replace('\\', '/')))
                .contains("index.html", "problems/bank-api-slow.html", "rubric.html", "glossary.html",
                        "how-to-use.html", "404.html", "embed/bank-api-slow--baseline.html",
                        "embed/bank-api-slow--timeout-breaker.html",
                        "embed/bank-api-slow--timeout-breaker--comparison.html");
        try (Stream<Path> s = Files.list(site.resolve("assets"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .allMatch(n -> n.matches("[a-z-]+\\.[0-9a-f]{10}\\.(css|js)"));
        }
    }

    @Test
    void sameBankGivesByteIdenticalSiteAndZip() throws Exception {
        Path again = SiteFixture.build(tmp.resolve("again"));
        assertThat(snapshot(again)).isEqualTo(snapshot(site));
        assertThat(Files.readAllBytes(tmp.resolve("again/site.zip"))).isEqualTo(Files.readAllBytes(tmp.resolve("site.zip")));
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Assets.hash(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    @Test
    void embedSnippetsFillTheWidthAndCarryAbsoluteUrlsWithABaseUrl() throws Exception {
        Document plain = Jsoup.parse(site.resolve("problems/bank-api-slow.html").toFile());
        String video = plain.selectFirst("figure.video .embed-code").text();
        assertThat(video).startsWith("<iframe src=\"embed/bank-api-slow--").contains("style=\"width:100%;aspect-ratio:16/9")
                .contains("title=\"").doesNotContain("width=\"960\"");
        assertThat(plain.selectFirst(".embed-drill .embed-code").text())
                .startsWith("<iframe src=\"problems/bank-api-slow.html\"").contains("width:100%");

        Path hosted = tmp.resolve("hosted/site");
        SiteBuilder.publish(SiteFixture.bank(), SiteFixture.media(tmp.resolve("hosted/media")), SiteFixture.templates(),
                hosted, null, "https://courses.example.org/warroom/", l -> { });
        Document d = Jsoup.parse(hosted.resolve("problems/bank-api-slow.html").toFile());
        assertThat(d.select(".embed-code").eachText()).isNotEmpty().allSatisfy(t -> assertThat(t)
                .startsWith("<iframe src=\"https://courses.example.org/warroom/"));
        Document player = Jsoup.parse(hosted.resolve("embed/bank-api-slow--baseline.html").toFile());
        assertThat(player.selectFirst(".embed-code").text())
                .startsWith("<iframe src=\"https://courses.example.org/warroom/embed/bank-api-slow--baseline.html\"");
        assertThat(player.select("video track[kind=captions][default]")).hasSize(1);
    }

    @Test
    void problemPageHasEverySection() throws IOException {
        Document d = Jsoup.parse(site.resolve("problems/bank-api-slow.html").toFile());
        assertThat(d.select(".alert-banner").text()).contains("P0").contains("100% user impact");
        assertThat(d.select(".timeline li")).hasSize(5);
        assertThat(d.select(".timeline li.here").text()).contains("YOU ARE HERE");
        assertThat(d.select("svg.topology .topo-node")).hasSizeGreaterThanOrEqualTo(8);
        // the diagram is shown before any decision: it does not say where the cause is
        assertThat(d.select("svg.topology").text()).doesNotContainIgnoringCase("root cause");
        assertThat(d.select("video")).hasSize(3);
        assertThat(d.select("video track[kind=captions][default]")).hasSize(3);
        assertThat(d.select("video").first().attr("poster")).matches("\\.\\./media/bank-api-slow/baseline-poster\\.[0-9a-f]{10}\\.png");
        assertThat(d.select(".stepper .frames-data").first().data()).contains("Order: pool exhausted");
        assertThat(d.select(".phase")).hasSize(4);
        assertThat(d.select("h1")).hasSize(1);
        // the drill: the briefing is the situation and the system; the rest of the walkthrough is the debrief
        assertThat(d.select("#sec-briefing h3").eachText()).containsExactly("The situation", "The system");
        assertThat(d.select("#debrief-template #sec-walkthrough h3").eachText()).contains("How it failed, bottom-up",
                "Debrief");
        assertThat(d.select(".phase h2").eachText()).containsExactly("Phase 1: Take command",
                "Phase 2: Trace the cascade", "Phase 3: Stop the bleeding", "Phase 4: Make it never happen again");
        assertThat(d.select(".probe .hint[hidden]")).hasSizeGreaterThanOrEqualTo(9);
        // 28 quiz questions in their phases, problem one's two decisions (14:12, 14:16), and each phase
        // closes with a self-rated answer to the room
        assertThat(d.select("form.q")).hasSize(28 + 2 + 4);
        assertThat(d.select("form.q.decision-pick, form.q[data-type=decision_pick]")).hasSize(2);
        assertThat(d.select(".phase form.q.room")).hasSize(4);
        assertThat(d.select("form.q").eachAttr("data-type")).contains("single", "multiple", "numeric", "ordering",
                "matching", "decision", "free_text", "self_rating", "pick");
        // the pick on the topology: the diagram in the question, its nodes clickable, and a button per node
        assertThat(d.select("#q-where-it-starts .pick-topology svg g.topo-node[data-node]")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(d.select("#q-where-it-starts button.pick-node[aria-pressed=false]").eachAttr("data-node"))
                .contains("payment", "bank-api").doesNotHaveDuplicates();
        assertThat(d.select("#q-where-it-starts .badge").first().text()).isEqualTo("Pick on the topology");
        // model answers, discussions, the later frames and the debrief are templates, not page content
        assertThat(d.select(".probe > details.answer, .phase-body > details.discussion")).isEmpty();
        assertThat(d.select(".probe template.probe-answer")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(d.select(".phase template.phase-debrief")).hasSize(4);
        assertThat(d.select("#debrief-template").text()).contains("Retry budget").contains("Chaos testing")
                .contains("Bulkhead").contains("Timeout policy");
        assertThat(d.select("#sec-postmortem textarea").text()).contains("## Action items");
        assertThat(d.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'self'").contains("connect-src 'none'");
    }

    @Test
    void answerKeyIsNotInThePage() throws Exception {
        String html = Files.readString(site.resolve("problems/bank-api-slow.html"));
        Bank bank = SiteFixture.bank();
        for (Question q : bank.problems().get(0).study().quiz()) {
            String firstLine = q.explanation().strip().lines().findFirst().orElseThrow();
            assertThat(html).as("explanation of %s", q.id()).doesNotContain(firstLine.substring(0, Math.min(40, firstLine.length())));
            for (Study.Choice c : QuizParts.choices(q)) {
                if (c.feedback() != null && c.feedback().length() > 30) {
                    assertThat(html).as("feedback in %s", q.id()).doesNotContain(c.feedback().substring(0, 30));
                }
            }
            if (QuizParts.modelAnswer(q) != null) {
                assertThat(html).doesNotContain(QuizParts.modelAnswer(q).strip().substring(0, 30));
            }
        }
        String quizJson = Jsoup.parse(html).select("#quiz-data").first().data();
        assertThat(quizJson).doesNotContain("\"correct\"").doesNotContain("6.66").doesNotContain("explanation");
    }

    /** The postmortem template sits outside the locked debrief: it must not tell what happens after the drill's clock. */
    @Test
    void postmortemTemplateStopsAtTheDrillsClock() throws Exception {
        for (var p : SiteFixture.bank().problems()) {
            Document d = Jsoup.parse(site.resolve("problems/" + p.id() + ".html").toFile(), "UTF-8");
            String blank = d.selectFirst("#pm-blank").text();
            int here = Drill.hereClock(p);
            for (var e : p.timeline()) {
                if (e.clock() <= here) {
                    assertThat(blank).as("%s: the template's timeline", p.id()).contains(e.text());
                } else {
                    assertThat(blank).as("%s: the template gives away %s", p.id(), e.label()).doesNotContain(e.text());
                }
            }
            assertThat(blank).as(p.id()).doesNotContainIgnoringCase("bulkhead").doesNotContainIgnoringCase("retry budget");
        }
    }

    @Test
    void keysDecodeBackToTheAnswer() {
        byte[] salt = Quiz.salt("p");
        String enc = Quiz.encode("{\"value\":6.66}", salt, "q1");
        byte[] raw = java.util.Base64.getDecoder().decode(enc);
        byte[] pad = (new String(salt, java.nio.charset.StandardCharsets.ISO_8859_1) + "q1")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            out.append((char) (raw[i] ^ pad[i % pad.length]));
        }
        assertThat(out.toString()).isEqualTo("{\"value\":6.66}");
        assertThat(enc).doesNotContain("6.66");
    }

    @Test
    void markdownCannotInjectScript() {
        String html = Markdown.NO_IMAGES.html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
                + "[click](javascript:alert(1)) <a href=\"javascript:alert(2)\">x</a>\n\n<iframe src=\"http://evil\"></iframe>");
        Document d = Jsoup.parseBodyFragment(html);
        assertThat(d.select("script, img, iframe, [onerror]")).isEmpty();
        assertThat(d.select("a").eachAttr("href")).noneMatch(h -> h.toLowerCase().startsWith("javascript"));
        assertThat(html).contains("&lt;script&gt;");
        assertThat(Markdown.NO_IMAGES.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n## A heading\n\nsee https://sre.google"))
                .contains("<table>").contains("<h2 id=\"md-a-heading\">").contains("href=\"https://sre.google\"");
    }

    @Test
    void withoutMediaTheSiteStillBuildsAndNumericQuestionsAreNotComputed() throws Exception {
        Path out = tmp.resolve("plain");
        SiteBuilder.publish(SiteFixture.bank(), SiteMedia.none(), SiteFixture.templates(), out, null, l -> { });
        Document d = Jsoup.parse(out.resolve("problems/bank-api-slow.html").toFile());
        assertThat(d.select("video, .stepper, #sec-media")).isEmpty();
        assertThat(d.select("form.q[data-type=numeric] .note").text()).contains("Not computed");
        assertThat(d.select("form.q[data-type=numeric] input")).isEmpty();
        // the page's topology, and the one a pick question draws
        assertThat(d.select("svg.topology")).hasSize(2);
        assertThat(d.select(".pick-topology svg.topology")).hasSize(1);
    }

    @Test
    void aStatedNumberThatDisagreesWithTheTraceFailsTheBuild() throws Exception {
        Map<String, Double> answers = new HashMap<>(SiteFixture.ANSWERS);
        answers.put("payment-throughput", 20.0);
        SiteMedia media = new SiteMedia(Map.of("bank-api-slow", new SiteMedia.ProblemMedia(Map.of(), answers)));
        Path out = tmp.resolve("refused");
        assertThatThrownBy(() -> SiteBuilder.publish(SiteFixture.bank(), media, SiteFixture.templates(), out, null, l -> { }))
                .hasMessageContaining("payment-throughput").hasMessageContaining("6.67");
        assertThat(out).doesNotExist();
    }

    @Test
    void topologyIsALayeredSvgOfTheScenario() throws Exception {
        String svg = Topology.svg(SiteFixture.bank().problems().get(0).baseline(), "t");
        dev.warroom.testing.Golden.assertMatches("site/topology-bank-api-slow.svg", svg + "\n");
        Document d = Jsoup.parse(svg);
        // layers top-down: Frontend, then Cart/Search/Account, then Order, then Payment/Inventory (by their callers' x), then the Bank
        assertThat(d.select(".topo-node text:not(.topo-sub)").eachText()).containsExactly("Web Frontend", "Cart Service",
                "Search Service", "Account Service", "Order Service", "Payment Service", "Inventory Service",
                "External Bank API");
        assertThat(d.select("line.no-timeout")).hasSize(3);
    }

    @Test
    void framesFromARenderManifest() throws IOException {
        List<SiteMedia.Frame> frames = SiteMedia.framesFromManifest(tmp.resolve("media/manifest.json"));
        assertThat(frames).hasSize(4);
        assertThat(frames.get(1).clockSeconds()).isEqualTo(14 * 3600 + 300);
        assertThat(frames.get(1).svg()).isEqualTo(tmp.resolve("media/frame-0002.svg").toAbsolutePath());
        assertThat(frames.get(1).caption()).isEqualTo("Order: pool exhausted, 503s");
    }

    @Test
    void videoAndFramesFromTheRenderersManifest() throws IOException {
        Path dir = tmp.resolve("render/bank-api-slow/baseline");
        Files.createDirectories(dir.resolve("frames"));
        Files.writeString(dir.resolve("video.mp4"), "x");
        Files.writeString(dir.resolve("captions.vtt"), "WEBVTT\n");
        Files.writeString(dir.resolve("frames/frame-000.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(dir.resolve("manifest.json"), """
                {"name": "bank-api-slow/baseline", "start_clock_seconds": 50100, "speed": 20.0,
                 "video": "video.mp4", "poster": "poster.png", "captions": "captions.vtt", "chapters": "chapters.vtt",
                 "frames": [{"file": "frames/frame-000.svg", "t_ms": 0, "clock_seconds": 50100, "caption": null}]}
                """);
        SiteMedia.Video v = SiteMedia.videoFromManifest(dir.resolve("manifest.json"));
        assertThat(v.mp4()).isEqualTo(dir.resolve("video.mp4").toAbsolutePath());
        assertThat(v.poster()).isNull();
        assertThat(v.captionsVtt()).isEqualTo(dir.resolve("captions.vtt").toAbsolutePath());
        assertThat(v.chaptersVtt()).isNull();
        assertThat(v.clockStartSecondsOfDay()).isEqualTo(50100);
        assertThat(v.simSecondsPerVideoSecond()).isEqualTo(20.0);
        List<SiteMedia.Frame> frames = SiteMedia.framesFromManifest(dir.resolve("manifest.json"));
        assertThat(frames).singleElement().satisfies(f -> {
            assertThat(f.caption()).isEmpty();
            assertThat(f.clockSeconds()).isEqualTo(50100);
        });
    }

    @Test
    void indexHasCardsFiltersSearchAndSummary() throws IOException {
        Document d = Jsoup.parse(site.resolve("index.html").toFile());
        assertThat(d.select(".card h3").text()).contains("Bank API slows");
        assertThat(d.select(".card img.card-poster")).hasSize(1);
        assertThat(d.select("#filter-topic option").eachAttr("value")).contains("circuit-breaker", "bulkhead");
        assertThat(d.select("#search-data").first().data()).contains("metastable").contains("Glossary");
        assertThat(d.select("#summary-data").first().data()).contains("bank-api-slow");
    }
}
