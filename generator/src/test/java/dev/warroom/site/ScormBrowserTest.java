package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Problem one's SCORM package in headless Chromium, launched as an LMS launches it: the package
 * unzipped and served, its launch page in a frame whose parent page provides the SCORM 1.2 API of
 * scorm-again (a real runtime, from js/node_modules). A learner completes the drill; the API
 * receives the score, the status and the suspend data; a relaunch with that suspend data, in a
 * browser that has forgotten everything, resumes with the answers restored. Without an LMS the
 * launch page is the plain drill. Served over HTTP because an LMS serves packages so, and because
 * from file:// Chromium gives each file its own origin, so a frame cannot reach its parent's API.
 */
@Tag("slow")
class ScormBrowserTest {
    @TempDir
    static Path tmp;
    static Path lms;
    static HttpServer http;
    static String base;
    static Browser b;
    static Problem problem;
    static Learner learner;

    static final String LMS_PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
            <style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; }</style>
            <script src="scorm12.min.js"></script>
            <script>
            window.calls = [];
            window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
            var init = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
            if (init) { window.API.loadFromJSON(init, ''); }
            ['LMSInitialize', 'LMSCommit', 'LMSFinish'].forEach(function (m) {
              window.API.on(m, function () { window.calls.push([m]); });
            });
            window.API.on('LMSSetValue.cmi.*', function (k, v) { window.calls.push(['LMSSetValue', k, v]); });
            </script></head>
            <body><iframe id="sco" title="The drill" src="pkg/problems/bank-api-slow.html"></iframe></body></html>
            """;

    @BeforeAll
    static void start() throws Exception {
        Path scormAgain = Golden.root().resolve("js/node_modules/scorm-again/dist/scorm12.min.js");
        assumeTrue(Files.exists(scormAgain), "run npm ci in js/ for scorm-again");
        Path site = DrillFixture.build(tmp);
        lms = tmp.resolve("lms");
        unzip(site.resolve("scorm/bank-api-slow.zip"), lms.resolve("pkg"));
        Files.copy(scormAgain, lms.resolve("scorm12.min.js"));
        Files.writeString(lms.resolve("lms.html"), LMS_PAGE, StandardCharsets.UTF_8);
        Files.writeString(lms.resolve("blank.html"), "<!DOCTYPE html><title>blank</title>", StandardCharsets.UTF_8);
        http = serve(lms);
        base = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        b = Browser.start();
        problem = DrillFixture.bank(tmp.resolve("again")).problem("bank-api-slow");
        learner = new Learner(b, problem);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    static void unzip(Path zip, Path to) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path f = to.resolve(e.getName()).normalize();
                assertThat(f.startsWith(to)).isTrue();
                Files.createDirectories(f.getParent());
                Files.write(f, z.readAllBytes());
            }
        }
    }

    /** A static file server of {@code dir} on localhost, as an LMS serves an unzipped package. */
    static HttpServer serve(Path dir) throws IOException {
        Map<String, String> types = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript", "css",
                "text/css", "svg", "image/svg+xml", "mp4", "video/mp4", "png", "image/png", "vtt", "text/vtt");
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            Path f = dir.resolve(java.net.URLDecoder.decode(ex.getRequestURI().getPath().substring(1),
                    StandardCharsets.UTF_8)).normalize();
            if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            String n = f.getFileName().toString();
            ex.getResponseHeaders().set("Content-Type", types.getOrDefault(n.substring(n.lastIndexOf('.') + 1),
                    "application/octet-stream"));
            byte[] bytes = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        });
        s.start();
        return s;
    }

    /** Opens the LMS page (with its starting cmi data, if any) in a browser that remembers nothing, and enters the drill's frame. */
    static void launch(Map<String, Object> cmi) throws Exception {
        b.driver.switchTo().defaultContent();
        b.driver.get(base + "blank.html");
        b.js("localStorage.clear()");
        String hash = cmi == null ? "" : "#" + URLEncoder.encode(new ObjectMapper().writeValueAsString(cmi),
                StandardCharsets.UTF_8).replace("+", "%20");
        b.driver.get(base + "lms.html" + hash);
        b.driver.switchTo().frame("sco");
        try {
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(d -> b.js("return !!window.WarroomQuiz") == Boolean.TRUE);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the drill did not start in the LMS frame: " + b.js("return location.href + ' '"
                    + " + document.readyState + ' ' + document.title") + " " + b.consoleErrors(), e);
        }
        b.drainLogs();
    }

    /** Leaves the drill as a learner closing the LMS's frame does: the page unloads. */
    static void leave() {
        b.driver.switchTo().defaultContent();
        b.js("document.getElementById('sco').src = 'about:blank'");
        new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(d -> !values("LMSFinish").isEmpty());
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> calls() {
        b.driver.switchTo().defaultContent();
        Object o = b.js("return window.calls");
        return (List<List<Object>>) o;
    }

    /** What the API received for one element (or the calls of one method), in order. */
    static List<String> values(String what) {
        List<String> out = new ArrayList<>();
        for (List<Object> c : calls()) {
            if (c.get(0).equals(what)) {
                out.add(what);
            } else if (c.size() == 3 && c.get(1).equals(what)) {
                out.add(String.valueOf(c.get(2)));
            }
        }
        return out;
    }

    static String last(String element) {
        List<String> v = values(element);
        assertThat(v).as(element + " was set").isNotEmpty();
        return v.get(v.size() - 1);
    }

    static Map<String, Object> resume(String suspend) {
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("entry", "resume");
        Map<String, Object> cmi = new LinkedHashMap<>();
        cmi.put("core", core);
        cmi.put("suspend_data", suspend);
        cmi.put("student_data", Map.of("mastery_score", String.valueOf(ScormPackages.MASTERY_SCORE)));
        return cmi;
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExpertRunReportsPassedAt100AndARelaunchResumes() throws Exception {
        launch(Map.of("student_data", Map.of("mastery_score", "50")));
        assertThat(values("LMSInitialize")).hasSize(1);
        b.driver.switchTo().defaultContent();
        assertThat(values("cmi.core.lesson_status")).startsWith("incomplete");
        b.driver.switchTo().frame("sco");
        learner.run(q -> Learner.Mode.EXPERT, ph -> "expert", Map.of(DrillFixture.FIRST, List.of(DrillFixture.BREAKER),
                DrillFixture.SECOND, List.of(DrillFixture.SECOND_EXPERT)));
        assertThat(learner.table().values()).containsOnly("Expert");
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = (Map<String, Object>) b.js("return window.WarroomQuiz.state().answers");
        assertThat(b.consoleErrors()).isEmpty();
        // incomplete while the learner went, passed at 100 once the scorecard was complete
        List<String> statuses = values("cmi.core.lesson_status");
        assertThat(statuses).contains("incomplete").endsWith("passed");
        assertThat(statuses.indexOf("passed")).isGreaterThan(statuses.lastIndexOf("incomplete"));
        assertThat(last("cmi.core.score.raw")).isEqualTo("100");
        assertThat(last("cmi.core.score.min")).isEqualTo("0");
        assertThat(last("cmi.core.score.max")).isEqualTo("100");
        assertThat(values("LMSCommit")).hasSizeGreaterThan(problem.study().phases().size());
        b.driver.switchTo().frame("sco");
        @SuppressWarnings("unchecked")
        Map<String, Object> sizes = (Map<String, Object>) b.js("var s = window.WarroomQuiz.state();"
                + " var ids = JSON.parse(document.getElementById('quiz-data').textContent).questions.map(function (q) {"
                + " return q.id; });"
                + " var all = WarroomScorm.encode(s, 1e9, ids), w = WarroomScorm.encode(s, 4096, ids);"
                + " return {json: JSON.stringify(s).length, lossless: all.text.length, written: w.text.length,"
                + " dropped: w.dropped || 'nothing'};");
        String suspend = last("cmi.suspend_data");
        System.out.println("problem one's full expert drill: quiz state " + sizes.get("json") + " characters as JSON, "
                + sizes.get("lossless") + " compact and lossless, " + suspend.length() + " written as cmi.suspend_data"
                + " (given up: " + sizes.get("dropped") + ")");
        assertThat(((Number) sizes.get("written")).intValue()).isEqualTo(suspend.length());
        assertThat(suspend.length()).isBetween(100, 4096);
        assertThat(new ObjectMapper().readTree(suspend).get("a")).hasSize(answers.size());
        leave();
        assertThat(last("cmi.core.exit")).isEqualTo("suspend");
        assertThat(last("cmi.core.session_time")).matches("\\d{4}:\\d{2}:\\d{2}\\.\\d{2}");
        List<List<Object>> all = calls();
        assertThat(all.get(all.size() - 1)).containsExactly("LMSFinish");

        // a relaunch elsewhere (nothing in localStorage) with the LMS's suspend data resumes
        launch(resume(suspend));
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) b.js("return window.WarroomQuiz.state().answers");
        assertThat(again.keySet()).isEqualTo(answers.keySet());
        // every answer comes back as it was; only the echo quoted by the scorecard may be shorter
        for (String id : answers.keySet()) {
            Map<String, Object> was = new LinkedHashMap<>((Map<String, Object>) answers.get(id));
            Map<String, Object> is = new LinkedHashMap<>((Map<String, Object>) again.get(id));
            Object saidWas = was.remove("said");
            Object saidIs = is.remove("said");
            assertThat((Object) new ObjectMapper().valueToTree(is)).as(id).isEqualTo(new ObjectMapper().valueToTree(was));
            if (saidIs != null) {
                assertThat(String.valueOf(saidWas)).as(id).startsWith(String.valueOf(saidIs).replaceAll("…$", ""));
            }
        }
        assertThat(learner.table().values()).containsOnly("Expert");
        assertThat(learner.$$("form.q.answered")).hasSizeGreaterThanOrEqualTo(answers.size());
        assertThat(learner.$(".debrief-slot").getText()).isNotEmpty();
        assertThat(b.consoleErrors()).isEmpty();
        assertThat(last("cmi.core.lesson_status")).isEqualTo("passed");
        assertThat(last("cmi.core.score.raw")).isEqualTo("100");
        // a player page link opens a window of its own: the drill stays in the LMS's frame, the session goes on
        b.driver.switchTo().frame("sco");
        List<org.openqa.selenium.WebElement> player = learner.$$("#sec-now a[href*='embed/']");
        if (!player.isEmpty()) {
            String here = b.driver.getWindowHandle();
            learner.click(player.get(0));
            assertThat(b.driver.getWindowHandles()).hasSize(2);
            b.driver.switchTo().window(here);
            assertThat(values("LMSFinish")).isEmpty();
            b.driver.switchTo().frame("sco");
            assertThat(b.js("return location.pathname")).isEqualTo("/pkg/problems/bank-api-slow.html");
            for (String h : b.driver.getWindowHandles()) {
                if (!h.equals(here)) {
                    b.driver.switchTo().window(h).close();
                }
            }
            b.driver.switchTo().window(here);
        }
    }

    @Test
    void aNoviceRunReportsFailedAndAHalfDoneDrillStaysIncomplete() throws Exception {
        launch(null);
        // phase one only: incomplete, with the score so far
        var ph = problem.study().phases().get(0);
        for (var q : problem.study().quiz()) {
            if (q.phase().equals(ph.id())) {
                learner.answer(q, Learner.Mode.WRONG);
            }
        }
        learner.room(ph, "novice");
        assertThat(last("cmi.core.lesson_status")).isEqualTo("incomplete");
        String half = last("cmi.suspend_data");
        assertThat(Integer.parseInt(last("cmi.core.score.raw"))).isLessThan(ScormPackages.MASTERY_SCORE);
        leave();
        // resumes at phase two, then finishes as a novice: failed
        launch(resume(half));
        learner.assertOpen(problem.study().phases().get(1));
        for (var p : problem.study().phases().subList(1, problem.study().phases().size())) {
            if (p == Drill.decisionPhase(problem.study())) {
                for (Problem.Decision d : problem.decisions()) {
                    learner.decide(d.id(), Learner.defaultPicks(d, "novice").toArray(new String[0]));
                }
            }
            for (var q : problem.study().quiz()) {
                if (q.phase().equals(p.id())) {
                    learner.answer(q, Learner.Mode.WRONG);
                }
            }
            learner.room(p, "novice");
        }
        assertThat(learner.table().values()).containsOnly("Novice");
        assertThat(last("cmi.core.lesson_status")).isEqualTo("failed");
        assertThat(last("cmi.core.score.raw")).isEqualTo("0");
    }

    @Test
    void withoutAnLmsTheLaunchPageIsThePlainDrill() throws Exception {
        b.driver.switchTo().defaultContent();
        b.driver.get(base + "pkg/problems/bank-api-slow.html");
        b.js("localStorage.setItem('warroom.quiz.bank-api-slow', JSON.stringify({v: 2, answers: {}, latest: {}, "
                + "seen: {}, hints: {}, drafts: {}, started: 5, finished: null, mine: true}))");
        b.driver.navigate().refresh();
        new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(d -> b.js("return !!window.WarroomQuiz") == Boolean.TRUE);
        assertThat(b.js("return window.WarroomScorm.lms === undefined")).isEqualTo(true);
        assertThat(b.js("return window.WarroomQuiz.state().mine")).isEqualTo(true);
        var ph = problem.study().phases().get(0);
        for (var q : problem.study().quiz()) {
            if (q.phase().equals(ph.id())) {
                learner.answer(q, Learner.Mode.EXPERT);
            }
        }
        learner.room(ph, "expert");
        // progress is kept by the page itself, in this browser, as on the site
        assertThat(b.js("var s = JSON.parse(localStorage.getItem('warroom.quiz.bank-api-slow'));"
                + " return s.mine === true && Object.keys(s.answers).length > 0")).isEqualTo(true);
        assertThat(b.consoleErrors()).isEmpty();
    }
}
