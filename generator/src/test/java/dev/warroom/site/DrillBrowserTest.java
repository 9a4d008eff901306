package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Question;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import dev.warroom.sim.Outcomes;
import dev.warroom.sim.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Problem one as a drill in headless Chromium from file://: at load the page shows only what
 * the incident commander knows at 14:12; an expert and a novice run it end to end and get the
 * expected scorecards; a retry after the answer was shown never raises the score; decisions
 * show their branch's outcome and ask again when it did not work; study mode shows everything.
 */
@org.junit.jupiter.api.Tag("slow")
class DrillBrowserTest {
    @TempDir
    static Path tmp;
    static Path page;
    static Browser b;
    static Problem problem;
    static Learner learner;

    @BeforeAll
    static void start() throws Exception {
        Path site = DrillFixture.build(tmp);
        page = site.resolve("problems/bank-api-slow.html");
        b = Browser.start();
        problem = DrillFixture.bank(tmp.resolve("again")).problem("bank-api-slow");
        learner = new Learner(b, problem);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
    }

    static String visibleText() {
        return (String) b.js("return document.body.innerText");
    }

    /** The first 40 characters of a Markdown text as the page would show it. */
    static String shown(String markdown) {
        String t = Jsoup.parse(Markdown.NO_IMAGES.html(markdown)).text();
        return t.substring(0, Math.min(40, t.length()));
    }

    static Trace trace(String variant) {
        return DrillFixture.traces(problem).get(variant);
    }

    static Problem.Option option(String branch) {
        return problem.decisions().stream().flatMap(d -> d.options().stream()).filter(o -> o.id().equals(branch))
                .findFirst().orElseThrow();
    }

    static String label(String branch) {
        return Jsoup.parse(Markdown.NO_IMAGES.inline(option(branch).label())).text();
    }

    /** When the branch's Frontend is back, read off its trace by the outcome measures. */
    static String recoveredClock(String branch) {
        Trace t = trace(branch);
        int b = Outcomes.of(t).recoveredBucket(Outcomes.DEFAULT_FRACTION);
        assertThat(b).as(branch + " recovers").isGreaterThanOrEqualTo(0);
        return Units.formatClock(Units.parseClock(t.startClock()) + (long) b * t.bucketMs() / 1000);
    }

    static String ttm(String branch) {
        return Drill.duration(Math.round(Outcomes.of(trace(branch)).timeToMitigate(Outcomes.DEFAULT_FRACTION) * 1000));
    }

    /** The outcome line of a branch that worked, from its trace. */
    static String backAt(String branch) {
        return Outcomes.of(trace(branch)).healthyBefore(Outcomes.DEFAULT_FRACTION) ? "Web Frontend stayed healthy"
                : "Web Frontend back at " + recoveredClock(branch) + " (" + ttm(branch) + ")";
    }

    /** The time-to-mitigate figure of a branch that worked, from its trace. */
    static String backAtFigures(String branch) {
        return ttm(branch) + " (Web Frontend back at " + recoveredClock(branch) + ")";
    }

    @Test
    void atLoadThePageShowsOnlyWhatTheRoomKnowsAtYouAreHere() {
        learner.fresh(page);
        String text = visibleText();
        List<String> secrets = new ArrayList<>();
        Study st = problem.study();
        st.phases().forEach(ph -> secrets.add(shown(ph.discussion())));
        st.probes().forEach(pr -> secrets.add(shown(pr.answer())));
        st.quiz().forEach(q -> {
            secrets.add(shown(q.explanation()));
            if (QuizParts.modelAnswer(q) != null) {
                secrets.add(shown(QuizParts.modelAnswer(q)));
            }
        });
        problem.variants().values().forEach(v -> secrets.add(v.title()));
        secrets.add("Timeout and circuit breaker"); // the fixture media's title of that variant
        problem.decisions().forEach(d -> d.options().forEach(o -> secrets.add(shown(o.why()))));
        secrets.add(shown(st.postmortem().summary()));
        secrets.add(shown(st.postmortem().rootCause()));
        secrets.add("How an expert runs this incident");
        secrets.add("How it failed, bottom-up");
        secrets.add(String.format(java.util.Locale.ROOT, "%,d", Outcomes.of(trace(DrillFixture.BREAKER)).usersFailed()));
        assertThat(secrets).allSatisfy(s -> assertThat(text).as("visible at load").doesNotContain(s));
        // what the room knows is there: the alert, the timeline to 14:12, the topology, the briefing
        assertThat(text).contains("100% user impact").contains("YOU ARE HERE").contains("What you know at 14:12")
                .contains("Nobody has said who is in charge");
        // only phase one is open
        assertThat(learner.$("#phase-incident-response .phase-body").isDisplayed()).isTrue();
        for (String ph : List.of("system-thinking", "mitigation-speed", "postmortem-quality")) {
            assertThat(learner.$("#phase-" + ph + " .phase-body").isDisplayed()).as(ph).isFalse();
            assertThat(learner.$("#phase-" + ph + " .phase-locked").isDisplayed()).as(ph).isTrue();
        }
        assertThat(learner.$(".debrief-slot").getText()).isEmpty();
        // the stepper stops at YOU ARE HERE: the 14:15 frame is not in it
        WebElement stepper = learner.$("#sec-now .stepper");
        assertThat(stepper.findElement(By.cssSelector(".step-count")).getText()).isEqualTo("1 / 4");
        stepper.sendKeys(org.openqa.selenium.Keys.END);
        assertThat(stepper.findElement(By.cssSelector(".stepper-clock")).getText()).isEqualTo("14:10:00");
        // the later decision waits for the first
        assertThat(learner.$("#q-decision-second-move").isDisplayed()).isFalse();
        // the answer to the room waits for the phase's other answers: its model answer covers them
        assertThat(learner.$("#q-self-incident-response button.check").isEnabled()).isFalse();
    }

    @Test
    void dashboardsDrawTheTraceUpToYouAreHere() {
        learner.fresh(page);
        List<WebElement> dash = learner.$$("#sec-now .dash");
        assertThat(dash).hasSize(8);
        WebElement payment = learner.$("#dash-bank-api-slow-payment");
        assertThat(payment.isDisplayed()).isTrue();
        String desc = payment.findElement(By.cssSelector("desc")).getAttribute("textContent");
        // the real baseline's Payment at 14:12: its 200 threads all busy, the queue as the trace has it
        Trace.Bucket last = trace(Problem.BASELINE).service("payment").series().get(17 * 60 - 1);
        assertThat(desc).startsWith("Payment Service from 13:55 to 14:12.")
                .contains(String.format(java.util.Locale.ROOT, "%,d/200 busy, %,d queued", last.active(), last.queued()));
        // one point per 10 s from 13:55 to 14:12, nothing later
        String points = payment.findElement(By.cssSelector("polyline.d-ok")).getAttribute("points");
        assertThat(points.split(" ")).hasSize(17 * 6);
        // readable on a phone: at 390 px the charts fit and their text stays at least 9 px high
        org.openqa.selenium.Dimension before = b.driver.manage().window().getSize();
        try {
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
            Number sw = (Number) b.js("return document.documentElement.scrollWidth");
            Number vw = (Number) b.js("return window.innerWidth");
            assertThat(sw.intValue()).isLessThanOrEqualTo(vw.intValue());
            Number smallest = (Number) b.js("var m = 99; document.querySelectorAll('#sec-now .dash-svg text').forEach("
                    + "function (t) { var h = t.getBoundingClientRect().height; if (h > 0) { m = Math.min(m, h); } }); return m;");
            assertThat(smallest.doubleValue()).isGreaterThanOrEqualTo(9.0);
        } finally {
            b.driver.manage().window().setSize(before);
        }
    }

    @Test
    void anExpertRunEndsExpertEverywhereAndUnlocksTheDebrief() throws Exception {
        learner.fresh(page);
        learner.run(q -> Learner.Mode.EXPERT, ph -> "expert",
                Map.of(DrillFixture.FIRST, List.of(DrillFixture.BREAKER), DrillFixture.SECOND, List.of(DrillFixture.SECOND_EXPERT)));
        assertThat(learner.$("#scorecard").isDisplayed()).isTrue();
        assertThat(learner.table()).containsExactly(Map.entry("incident-response", "Expert"),
                Map.entry("system-thinking", "Expert"), Map.entry("mitigation-speed", "Expert"),
                Map.entry("postmortem-quality", "Expert"));
        assertThat(learner.$$("#scorecard .strengths li")).hasSize(3);
        assertThat(learner.$$("#scorecard .improvements li")).hasSize(3);
        assertThat(learner.$$("#scorecard .resources li")).hasSize(2);
        // every question and every answer to the room was right
        assertThat(learner.$$("form.q:not(.decision) .q-feedback.ok"))
                .hasSize(problem.study().quiz().size() + problem.study().phases().size());
        assertThat(learner.$$("#scorecard .decision-log li")).extracting(WebElement::getText).containsExactly(
                "14:12 · pick 1 (counts): " + label(DrillFixture.BREAKER) + " — Expert — " + backAt(DrillFixture.BREAKER),
                "14:16 · pick 1 (counts): " + label(DrillFixture.SECOND_EXPERT) + " — Expert — "
                        + backAt(DrillFixture.SECOND_EXPERT));
        assertThat(learner.$("#scorecard .seen-first").getText()).isEqualTo("None.");
        assertThat(learner.$("#scorecard .time-taken").getText()).startsWith("Time taken: ");
        String md = (String) b.js("return document.querySelector('.scorecard-md').value");
        assertThat(md).contains("| Incident Response | Expert |").contains("## Decision log")
                .contains("| 14:12 | 1 (counts) | " + label(DrillFixture.BREAKER)).contains("(self-assessed)");
        JsonNode json = new ObjectMapper().readTree((String) b.js("return document.querySelector('.scorecard-json').value"));
        assertThat(json.get("ratings")).hasSize(4);
        assertThat(json.get("decisions")).hasSize(2);
        // the debrief is open: the walkthrough, the what-ifs and the model postmortem
        String text = visibleText();
        assertThat(text).contains("How an expert runs this incident").contains("Model postmortem");
        assertThat(learner.$(".debrief-slot").getText()).contains("Timeout and circuit breaker");
        // and the phases' model answers
        assertThat(learner.$$(".phase-debrief-slot details.discussion")).hasSize(4);
        // and every option of both decisions, with its figures and, where rendered, its animation
        assertThat(learner.$$(".study-outcomes .study-option")).hasSize(problem.branches().size());
        assertThat(learner.$$(".study-outcomes h4").get(0).getText()).isEqualTo("Every option, as the simulation plays it from 14:12");
        assertThat(learner.$$(".study-outcomes .study-option .stepper")).isNotEmpty();
        // the stepper now runs past the present
        WebElement st = learner.$("#sec-now .stepper");
        assertThat(st.findElement(By.cssSelector(".step-count")).getText()).endsWith("/ 5");
        st.sendKeys(org.openqa.selenium.Keys.END);
        assertThat(st.findElement(By.cssSelector(".stepper-text")).getText()).isEqualTo("Frontend still down");
        // the picked branch's animation starts at the decision's frame
        WebElement branch = learner.$("#q-decision-first-move .branch-slot .stepper");
        assertThat(branch.findElement(By.cssSelector(".stepper-clock")).getText()).isEqualTo("14:12:00");
        assertThat(branch.findElement(By.cssSelector(".step-count")).getText()).isEqualTo("2 / 4");
        // axe-core on the finished drill: decisions, outcomes, dashboards, scorecard, debrief
        Path axe = dev.warroom.testing.Golden.root().resolve("js/node_modules/axe-core/axe.min.js");
        if (java.nio.file.Files.exists(axe)) {
            assertThat(BrowserTest.axeOn(b, java.nio.file.Files.readString(axe))).isEmpty();
        }
    }

    @Test
    void aNoviceRunEndsNoviceAndEveryPickIsOnTheScorecard() {
        learner.fresh(page);
        List<String> first = new ArrayList<>();
        learner.fresh(page);
        for (Study.Phase ph : problem.study().phases()) {
            if (ph == Drill.decisionPhase(problem.study())) {
                first.addAll(learner.decide(DrillFixture.FIRST, "restart-payment", "raise-payment-pool", DrillFixture.BREAKER));
                first.addAll(learner.decide(DrillFixture.SECOND, "honest-errors", DrillFixture.SECOND_EXPERT));
            }
            for (Question q : problem.study().quiz()) {
                if (q.phase().equals(ph.id())) {
                    learner.answer(q, Learner.Mode.WRONG);
                }
            }
            learner.room(ph, "novice");
        }
        // the room says what happened, in the branch's own figures, and asks again until something works
        Outcomes restart = Outcomes.of(trace("restart-payment"));
        assertThat(first.get(0)).startsWith("That did not work").contains("never, within the run")
                .contains(String.format(java.util.Locale.ROOT, "%,d (%.1f %% of requests)", restart.usersFailed(),
                        100 * restart.failedShare()))
                .contains(shown(option("restart-payment").why()).substring(0, 20));
        assertThat(first.get(2)).startsWith("That works.").contains(backAtFigures(DrillFixture.BREAKER));
        assertThat(first.get(3)).startsWith("That did not work");
        assertThat(learner.table().values()).containsOnly("Novice");
        assertThat(learner.$$("#scorecard .strengths li")).hasSize(3);
        assertThat(learner.$$("#scorecard .improvements li")).hasSize(3);
        assertThat(learner.$$("#scorecard .resources li")).hasSize(3);
        // nothing the learner answered was right; only the decisions end on the pick that worked
        assertThat(learner.$$("form.q:not(.decision) .q-feedback.ok")).isEmpty();
        assertThat(learner.$$("form.q.decision .pick-log li.right")).isNotEmpty();
        List<String> log = learner.$$("#scorecard .decision-log li").stream().map(WebElement::getText).toList();
        assertThat(log).hasSize(5);
        assertThat(log.get(0)).startsWith("14:12 · pick 1 (counts): " + label("restart-payment") + " — Novice");
        assertThat(log.get(2)).startsWith("14:12 · pick 3: " + label(DrillFixture.BREAKER));
        assertThat(learner.$("#scorecard .improvements").getText()).contains("you answered “");
        // the branch's dashboards continue from the decision once it is picked
        WebElement breaker = learner.$("#q-decision-first-move");
        assertThat(breaker.findElements(By.cssSelector(".branch-slot .dash"))).hasSize(1);
        assertThat(breaker.findElement(By.cssSelector(".branch-slot desc")).getAttribute("textContent"))
                .startsWith("Web Frontend from 14:10 to 14:22.");
    }

    @Test
    void aRetryAfterTheAnswerWasShownNeverRaisesTheScore() {
        learner.fresh(page);
        Question q = problem.study().quiz().stream().filter(x -> x.id().equals("vp-asks-eta")).findFirst().orElseThrow();
        learner.answer(q, Learner.Mode.WRONG);
        WebElement form = learner.$("#q-" + q.id());
        assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).startsWith("Not quite.");
        learner.click(form.findElement(By.cssSelector(".retry")));
        learner.answer(q, Learner.Mode.EXPERT);
        assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).startsWith("Correct.")
                .contains("Evidence — Incident Response: Novice").contains("This retry is practice: your first answer counts.");
        assertThat(learner.$(".quiz-progress .answered").getText()).isEqualTo("1");
        // "Show me the answer", then the right answer: recorded, and it evidences Novice
        Question other = problem.study().quiz().stream().filter(x -> x.id().equals("first-move")).findFirst().orElseThrow();
        WebElement f2 = learner.$("#q-" + other.id());
        learner.click(f2.findElement(By.cssSelector(".show-answer")));
        assertThat(f2.findElement(By.cssSelector(".q-feedback")).getText()).contains("The answer, as you asked");
        learner.answer(other, Learner.Mode.EXPERT);
        assertThat(f2.findElement(By.cssSelector(".q-feedback")).getText()).startsWith("Correct.")
                .contains(": Novice").contains("You saw the answer first");
        // after a reload the first answers still count
        b.driver.navigate().refresh();
        assertThat(learner.$(".quiz-progress .answered").getText()).isEqualTo("2");
        Object scored = b.js("var s = WarroomQuiz.state(); return [s.answers['vp-asks-eta'].said, s.answers['first-move'].seen === true];");
        assertThat((List<?>) scored).element(1).isEqualTo(true);
        assertThat(String.valueOf(((List<?>) scored).get(0))).isNotEmpty();
    }

    @Test
    void aHintLowersWhatTheNextAnswersOfItsPhaseCanShow() {
        learner.fresh(page);
        learner.run(q -> Learner.Mode.EXPERT, ph -> "expert", Map.of(DrillFixture.FIRST, List.of(DrillFixture.BREAKER),
                DrillFixture.SECOND, List.of(DrillFixture.SECOND_EXPERT)));
        b.js("window.confirm = function () { return true; }");
        learner.click(learner.$("#quiz-reset"));
        learner.fresh(page);
        Study.Phase one = problem.study().phases().get(0);
        for (Question q : problem.study().quiz()) {
            if (q.phase().equals(one.id())) {
                learner.answer(q, Learner.Mode.EXPERT);
            }
        }
        learner.room(one, "expert");
        WebElement probe = learner.$("#phase-system-thinking .probe");
        learner.click(probe.findElement(By.cssSelector(".hint-next")));
        Question cascade = problem.study().quiz().stream().filter(x -> x.id().equals("cascade-order")).findFirst().orElseThrow();
        learner.answer(cascade, Learner.Mode.EXPERT);
        assertThat(learner.$("#q-cascade-order .q-feedback").getText()).startsWith("Correct.")
                .contains("System Thinking: Intermediate").contains("You used 1 hint in this phase first.");
        // the hint survives a reload, and so does its effect
        b.driver.navigate().refresh();
        assertThat(probe(0).isDisplayed()).isTrue();
        assertThat(learner.$("#q-cascade-order .q-feedback").getText()).contains("System Thinking: Intermediate");
    }

    static WebElement probe(int hint) {
        return learner.$$("#phase-system-thinking .probe .hint").get(hint);
    }

    @Test
    void numbersAsPeopleTypeThemAndAUnitThatDoesNotFitIsAMessage() {
        learner.fresh(page);
        WebElement form = learner.$("#q-minutes-to-exhaustion");
        WebElement in = form.findElement(By.cssSelector("input[name=value]"));
        in.sendKeys("5 req/s");
        learner.click(form.findElement(By.cssSelector("button.check")));
        assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).contains("This asks for min")
                .contains("“req/s” does not fit");
        assertThat(learner.$(".quiz-progress .answered").getText()).isEqualTo("0");
        in.clear();
        in.sendKeys("312 s");
        learner.click(form.findElement(By.cssSelector("button.check")));
        assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).startsWith("Correct.")
                .contains("you answered 312 s (= 5.2 min)");
    }

    @Test
    void studyModeShowsEverythingAndRecordsNothing() {
        learner.fresh(page);
        b.driver.get(page.toUri() + "?study=1");
        assertThat(learner.$(".study-banner").isDisplayed()).isTrue();
        for (Study.Phase ph : problem.study().phases()) {
            assertThat(learner.$("#phase-" + ph.id() + " .phase-body").isDisplayed()).isTrue();
        }
        String text = visibleText();
        assertThat(text).contains("How an expert runs this incident").contains("Timeout and circuit breaker")
                .contains(shown(problem.study().phases().get(0).discussion()));
        assertThat(learner.$$(".study-outcomes .study-option")).hasSize(problem.branches().size());
        assertThat(learner.$(".study-outcomes").getText()).contains(label("restart-payment") + " — novice")
                .contains(String.format(java.util.Locale.ROOT, "%,d", Outcomes.of(trace("restart-payment")).usersFailed()));
        learner.click(learner.$$(".probe .hint-next").get(0));
        assertThat(b.js("return localStorage.getItem('warroom.quiz.bank-api-slow')")).isNull();
    }

    // ---- keyboard only ----------------------------------------------------------------

    static WebElement active() {
        return b.driver.switchTo().activeElement();
    }

    /**
     * How many Tab presses from the focused element to {@code target}, as the page's tab order
     * reads (0 when it has the focus): visible, enabled, non-inert controls in document order
     * (the page sets no positive tabindex), one stop per radio group. An estimate only; the
     * focus itself decides, so a wrong one costs time, never correctness.
     */
    private static final String TABS_AHEAD = """
            const t = arguments[0], a = document.activeElement;
            if (a === t) return 0;
            const groups = new Map();
            const stops = [...document.querySelectorAll('a[href],button,input,select,textarea,summary,[tabindex]')]
              .filter(e => !e.disabled && e.tabIndex >= 0 && !e.closest('[inert]') && e.getClientRects().length > 0
                && getComputedStyle(e).visibility !== 'hidden')
              .filter(e => {
                if (e.type !== 'radio' || !e.name || e === t) return true;
                const k = (e.form ? e.form.id : '') + '|' + e.name;
                const checked = (e.form || document).querySelector('input[type=radio][name="' + e.name + '"]:checked');
                if (checked) return e === checked;
                if (groups.has(k)) return false;
                groups.set(k, e); return true;
              });
            const from = stops.indexOf(a), to = stops.indexOf(t);
            if (to < 0) return 1;
            return to > from ? to - from : stops.length - from + to;
            """;

    /**
     * Presses Tab until {@code target} has the focus (at most 1,500 presses: the page wraps
     * round). Far from it, the presses go in one burst that stops two short of the estimate,
     * then one at a time: a run through the whole drill takes a fraction of the round trips.
     */
    static void tabTo(WebElement target) {
        for (int pressed = 0; pressed < 1500; ) {
            long ahead = (Long) b.js(TABS_AHEAD, target);
            if (ahead == 0) {
                return;
            }
            int n = ahead > 3 ? (int) ahead - 2 : 1;
            new org.openqa.selenium.interactions.Actions(b.driver)
                    .sendKeys(org.openqa.selenium.Keys.TAB.toString().repeat(n)).perform();
            pressed += n;
        }
        throw new AssertionError("Tab never reaches " + target.getAttribute("outerHTML").substring(0, 80));
    }

    static void key(CharSequence k) {
        active().sendKeys(k);
    }

    /** Checks the radio of value {@code i} in a group: Tab into the group, then the arrow keys. */
    static void radio(WebElement scope, String name, int i) {
        List<WebElement> group = scope.findElements(By.cssSelector("input[type=radio][name='" + name + "']"));
        tabTo(group.get(0));
        int at = 0;
        key(org.openqa.selenium.Keys.SPACE);
        while (!group.get(i).isSelected() && at++ < group.size()) {
            key(org.openqa.selenium.Keys.ARROW_DOWN);
        }
        assertThat(group.get(i).isSelected()).isTrue();
    }

    /** Presses Enter on the control {@code css} of {@code form}, reached by Tab. */
    static void enter(WebElement form, String css) {
        tabTo(form.findElement(By.cssSelector(css)));
        key(org.openqa.selenium.Keys.ENTER);
    }


    /** One question answered as an expert, with the keyboard alone. */
    static void answerByKeyboard(Question q) {
        WebElement form = learner.$("#q-" + q.id());
        switch (q.kind()) {
            case SINGLE, DECISION -> {
                Study.Choice right = QuizParts.choices(q).stream().filter(Study.Choice::correct).findFirst().orElseThrow();
                radio(form, q.id(), Learner.indexOf(learner.shown(q, "choices"), Markdown.NO_IMAGES.inline(right.text())));
            }
            case MULTIPLE -> {
                for (Study.Choice c : QuizParts.choices(q)) {
                    if (c.correct()) {
                        tabTo(form.findElement(By.cssSelector("input[value='"
                                + Learner.indexOf(learner.shown(q, "choices"), Markdown.NO_IMAGES.inline(c.text())) + "']")));
                        key(org.openqa.selenium.Keys.SPACE);
                    }
                }
            }
            case NUMERIC -> {
                tabTo(form.findElement(By.cssSelector("input[name=value]")));
                key(Learner.TYPED.get(q.id()));
            }
            case ORDERING -> Learner.arrange(form, learner.rightOrder(q), up -> {
                // the ↑ button (Enter) keeps the focus as its item moves up
                if (!Boolean.TRUE.equals(b.js("return document.activeElement === arguments[0]", up))) {
                    tabTo(up);
                }
                key(org.openqa.selenium.Keys.ENTER);
            });
            case MATCHING -> {
                // a focused menu changes with the arrow keys, from its "Choose…" entry
                int n = QuizParts.pairs(q).size();
                for (int i = 0; i < n; i++) {
                    WebElement select = form.findElement(By.cssSelector("select[data-left='" + i + "']"));
                    List<WebElement> options = select.findElements(By.tagName("option"));
                    int p = 0;
                    while (!options.get(p).getText().equals(QuizParts.pairs(q).get(i).right())) {
                        p++;
                    }
                    tabTo(select);
                    for (int k = 0; k < p; k++) {
                        key(org.openqa.selenium.Keys.ARROW_DOWN);
                    }
                    assertThat(options.get(p).isSelected()).as(q.id() + " row " + i).isTrue();
                }
            }
            case PICK -> enter(form, "button.pick-node[data-node='" + ((dev.warroom.bank.PickQuestion) q).answer() + "']");
            case FREE_TEXT -> {
                tabTo(form.findElement(By.cssSelector("textarea")));
                key("Major outage since 14:00; next update 14:30.");
                enter(form, "button.check");
                for (WebElement cb : form.findElements(By.cssSelector(".self-assess input[type=checkbox]"))) {
                    tabTo(cb);
                    key(org.openqa.selenium.Keys.SPACE);
                }
                enter(form, ".save-self");
                return;
            }
            default -> throw new AssertionError("no keyboard path for " + q.kind());
        }
        enter(form, "button.check");
        assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).as(q.id()).startsWith("Correct.");
    }

    /** The answer to the room that closes a phase, self-rated Expert, with the keyboard alone. */
    static void roomByKeyboard(Study.Phase ph) {
        WebElement room = learner.$("#q-self-" + ph.id());
        tabTo(room.findElement(By.cssSelector("textarea")));
        key("I am IC. Comms lead owns the status page; ops lead the only one touching prod. Mitigate first.");
        enter(room, "button.check");
        radio(room, "self-" + ph.id() + "-level", 2);
        enter(room, ".save-self");
    }

    @Test
    void theWholeDrillCanBeCompletedWithTheKeyboardAlone() {
        learner.fresh(page);
        b.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        for (Study.Phase ph : problem.study().phases()) {
            assertThat(learner.$("#phase-" + ph.id() + " .phase-body").isDisplayed()).as(ph.id()).isTrue();
            if (ph == Drill.decisionPhase(problem.study())) {
                for (Problem.Decision d : problem.decisions()) {
                    WebElement form = learner.$("#q-decision-" + d.id());
                    String expert = d.options().stream().filter(o -> o.rating() == Problem.Rating.EXPERT).findFirst()
                            .orElseThrow().id();
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> shown = (List<Map<String, Object>>) learner.quiz.decisions().stream()
                            .filter(m -> m.get("decision").equals(d.id())).findFirst().orElseThrow().get("options");
                    int i = shown.stream().filter(m -> m.get("branch").equals(expert)).map(m -> (Integer) m.get("i"))
                            .findFirst().orElseThrow();
                    radio(form, "decision-" + d.id(), i);
                    enter(form, "button.check");
                    assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).as(d.id()).startsWith("That works.");
                }
            }
            for (Question q : problem.study().quiz()) {
                if (q.phase().equals(ph.id())) {
                    answerByKeyboard(q);
                }
            }
            roomByKeyboard(ph);
        }
        assertThat(learner.$("#scorecard").isDisplayed()).isTrue();
        assertThat(learner.table().values()).containsOnly("Expert");
        assertThat(learner.$("#phase-incident-response .phase-debrief-slot").getText()).contains("What a strong answer covers");
    }
}
