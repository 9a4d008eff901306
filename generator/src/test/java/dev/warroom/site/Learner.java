package dev.warroom.site;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Question;
import dev.warroom.bank.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A learner driving problem one's drill in the browser: phase by phase, each item committed
 * as an expert or as a novice would, numbers typed as people type them, the answer to the
 * room self-rated, decisions picked until the room has a working action.
 */
final class Learner {
    enum Mode { EXPERT, WRONG }

    /** How a learner types the computed answers: units and decimal commas included. */
    static final Map<String, String> TYPED = Map.of("minutes-to-exhaustion", "312 s", "active-before", "2000 req/s",
            "payment-throughput", "6,66 req/s", "capacity-drop", "0.9967");

    final Browser b;
    final Problem problem;
    final Quiz.Model quiz;

    Learner(Browser b, Problem problem) {
        this.b = b;
        this.problem = problem;
        this.quiz = Quiz.of(problem, new SiteMedia.ProblemMedia(Map.of(), SiteFixture.ANSWERS), Markdown.NO_IMAGES);
    }

    WebElement $(String css) {
        return b.driver.findElement(By.cssSelector(css));
    }

    List<WebElement> $$(String css) {
        return b.driver.findElements(By.cssSelector(css));
    }

    /** Clicks like a user who first scrolled the element to the middle of the screen (clear of the sticky bars). */
    void click(WebElement e) {
        b.js("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    /** Answers one quiz question and commits it. */
    void answer(Question q, Mode mode) {
        WebElement form = $("#q-" + q.id());
        boolean good = mode == Mode.EXPERT;
        switch (q.kind()) {
            case SINGLE, DECISION, MULTIPLE -> {
                List<Map<String, Object>> shown = shown(q, "choices");
                boolean picked = false;
                for (Study.Choice c : QuizParts.choices(q)) {
                    boolean pick = good ? c.correct()
                            : !c.correct() && (c.level() == null || c.level() == Study.Level.NOVICE)
                            && (q.kind() == Question.Kind.MULTIPLE || !picked);
                    if (pick) {
                        int i = indexOf(shown, Markdown.NO_IMAGES.inline(c.text()));
                        click(form.findElement(By.cssSelector("input[value='" + i + "']")));
                        picked = true;
                    }
                }
            }
            case NUMERIC -> {
                WebElement in = form.findElement(By.cssSelector("input[name=value]"));
                in.clear();
                in.sendKeys(good ? TYPED.get(q.id()) : String.valueOf(SiteFixture.ANSWERS.get(q.id()) * 10 + 100));
            }
            case ORDERING -> {
                List<Integer> target = rightOrder(q);
                if (!good) {
                    java.util.Collections.reverse(target);
                }
                arrange(form, target, this::click);
            }
            case MATCHING -> {
                int n = QuizParts.pairs(q).size();
                for (int i = 0; i < n; i++) {
                    new Select(form.findElement(By.cssSelector("select[data-left='" + i + "']")))
                            .selectByVisibleText(QuizParts.pairs(q).get(good ? i : (i + 1) % n).right());
                }
            }
            case FREE_TEXT -> {
                WebElement ta = form.findElement(By.cssSelector("textarea"));
                ta.clear();
                ta.sendKeys("Timeouts, breaker, retry budget.");
                click(form.findElement(By.cssSelector("button.check")));
                if (good) {
                    form.findElements(By.cssSelector(".self-assess input[type=checkbox]")).forEach(this::click);
                }
                click(form.findElement(By.cssSelector(".save-self")));
                return;
            }
            case PICK -> {
                // the right node, or for a wrong answer the first other one (quiz.js selects on a click)
                String right = ((dev.warroom.bank.PickQuestion) q).answer();
                for (WebElement node : form.findElements(By.cssSelector("button.pick-node"))) {
                    if (node.getAttribute("data-node").equals(right) == good) {
                        click(node);
                        break;
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        click(form.findElement(By.cssSelector("button.check")));
    }

    /** A question's form parts as the page shows them ({@code choices}, {@code items}, ...). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shown(Question q, String part) {
        return (List<Map<String, Object>>) quiz.questions().stream().filter(m -> m.get("id").equals(q.id()))
                .findFirst().orElseThrow().get(part);
    }

    /** The display indices of an ordering question's items, in the right order. */
    List<Integer> rightOrder(Question q) {
        List<Integer> target = new ArrayList<>();
        for (String item : QuizParts.items(q)) {
            target.add(indexOf(shown(q, "items"), Markdown.NO_IMAGES.inline(item)));
        }
        return target;
    }

    /** Moves items up until the list reads {@code target}; {@code pressUp} presses an item's ↑ button. */
    static void arrange(WebElement form, List<Integer> target, java.util.function.Consumer<WebElement> pressUp) {
        for (int k = 0; k < target.size(); k++) {
            while (true) {
                List<WebElement> lis = form.findElements(By.cssSelector(".order-list > li"));
                int at = -1;
                for (int j = 0; j < lis.size(); j++) {
                    if (lis.get(j).getAttribute("data-i").equals(String.valueOf(target.get(k)))) {
                        at = j;
                    }
                }
                if (at <= k) {
                    break;
                }
                pressUp.accept(lis.get(at).findElement(By.cssSelector(".up")));
            }
        }
    }

    static int indexOf(List<Map<String, Object>> shown, String html) {
        for (Map<String, Object> m : shown) {
            if (m.get("html").equals(html)) {
                return (Integer) m.get("i");
            }
        }
        throw new AssertionError("not on the page: " + html);
    }

    /** Says something to the room, compares with the model answer and rates it. */
    void room(Study.Phase ph, String level) {
        WebElement form = $("#q-self-" + ph.id());
        WebElement ta = form.findElement(By.cssSelector("textarea"));
        ta.clear();
        ta.sendKeys("I am IC. Comms lead: status page every 15 minutes. We mitigate first.");
        click(form.findElement(By.cssSelector("button.check")));
        click(form.findElement(By.cssSelector(".self-assess input[value='" + level + "']")));
        click(form.findElement(By.cssSelector(".save-self")));
    }

    /** Picks the options of a decision by branch id, in order; returns the verdict after each pick. */
    List<String> decide(String decision, String... options) {
        WebElement form = $("#q-decision-" + decision);
        Map<String, Object> d = quiz.decisions().stream().filter(m -> m.get("decision").equals(decision)).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) d.get("options");
        List<String> verdicts = new ArrayList<>();
        for (String o : options) {
            int i = shown.stream().filter(m -> m.get("branch").equals(o)).map(m -> (Integer) m.get("i")).findFirst()
                    .orElseThrow();
            click(form.findElement(By.cssSelector("input[value='" + i + "']")));
            click(form.findElement(By.cssSelector("button.check")));
            verdicts.add(form.findElement(By.cssSelector(".q-feedback")).getText());
        }
        return verdicts;
    }

    /**
     * Runs the whole drill: every phase in order, its decisions (by {@code picks}), its questions
     * (by {@code mode}) and its answer to the room (self-rated {@code self}).
     */
    void run(Function<Question, Mode> mode, Function<Study.Phase, String> self,
             Map<String, List<String>> picks) {
        for (Study.Phase ph : problem.study().phases()) {
            assertOpen(ph);
            if (ph == Drill.decisionPhase(problem.study())) {
                for (Problem.Decision d : problem.decisions()) {
                    List<String> these = picks.containsKey(d.id()) ? picks.get(d.id()) : defaultPicks(d, self.apply(ph));
                    decide(d.id(), these.toArray(new String[0]));
                }
            }
            for (Question q : problem.study().quiz()) {
                if (q.phase().equals(ph.id())) {
                    answer(q, mode.apply(q));
                }
            }
            room(ph, self.apply(ph));
        }
    }

    /**
     * Without given picks: an expert picks an expert option; anyone else first a novice one,
     * then the expert one (without simulated outcomes only an expert option resolves).
     */
    static List<String> defaultPicks(Problem.Decision d, String level) {
        List<String> out = new ArrayList<>();
        if (!level.equals("expert")) {
            d.options().stream().filter(o -> o.rating() == Problem.Rating.NOVICE).findFirst().ifPresent(o -> out.add(o.id()));
        }
        d.options().stream().filter(o -> o.rating() == Problem.Rating.EXPERT).findFirst().ifPresent(o -> out.add(o.id()));
        return out;
    }

    void assertOpen(Study.Phase ph) {
        if (!$("#phase-" + ph.id() + " .phase-body").isDisplayed()) {
            throw new AssertionError("phase " + ph.id() + " is still locked");
        }
    }

    Map<String, String> table() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (WebElement tr : $$("#scorecard tbody tr")) {
            m.put(tr.getAttribute("data-dim"), tr.findElement(By.cssSelector(".rating")).getText());
        }
        return m;
    }

    void fresh(java.nio.file.Path page) {
        b.driver.get(page.toUri().toString());
        b.js("localStorage.clear()");
        b.driver.navigate().refresh();
    }
}
