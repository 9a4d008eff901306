package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.testing.Golden;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The small things a learner hits (issue 13, item 8), in headless Chromium from file://: at
 * 390 px the stepper's label holds on two lines, no rubric cell breaks a word and the index
 * summary shows its ratings; the theme switch sets data-theme before the first paint and keeps
 * it across a reload; the dark empty progress bar is empty; the jump nav takes the keyboard to
 * the first question in a few presses and to a locked phase's heading; axe-core stays clean.
 */
@Tag("slow")
class PhoneAndKeyboardBrowserTest {
    static final String PAGE = "problems/bank-api-slow.html";
    static final Dimension PHONE = new Dimension(390, 844);

    @TempDir
    static Path tmp;
    static Path site;
    static Browser b;
    static Dimension desktop;

    @BeforeAll
    static void start() throws Exception {
        site = SiteFixture.build(tmp);
        b = Browser.start();
        desktop = b.driver.manage().window().getSize();
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
    }

    @BeforeEach
    void drain() {
        b.drainLogs();
    }

    @AfterEach
    void reset() {
        b.driver.manage().window().setSize(desktop);
        BrowserTest.emulate(b, "", "");
        b.js("localStorage.clear()");
    }

    static void open(String page) {
        b.driver.get(site.resolve(page).toUri().toString());
    }

    /** Opens a page with nothing stored: no answers, no theme. */
    static void openFresh(String page) {
        open(page);
        b.js("localStorage.clear()");
        b.driver.navigate().refresh();
    }

    static void phone() {
        b.driver.manage().window().setSize(PHONE);
        // the resize reaches the page asynchronously: a loaded machine can still report the old width
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(5))
                .until(d -> ((Number) b.js("return window.innerWidth")).intValue() <= 400);
        assertThat(((Number) b.js("return window.innerWidth")).intValue()).isBetween(380, 400);
    }

    @Test
    void theStepperLabelHoldsOnTwoLinesAt390Pixels() {
        phone();
        openFresh(PAGE);
        // the squeeze depends on the exact room left beside the buttons: phones from 360 to 430 px
        for (int w = 360; w <= 430; w += 5) {
            b.driver.manage().window().setSize(new Dimension(w, PHONE.height));
            WebElement label = b.driver.findElement(By.cssSelector("#sec-now .step-scrub-label"));
            double height = ((Number) b.js("return arguments[0].getBoundingClientRect().height", label)).doubleValue();
            double line = ((Number) b.js("return parseFloat(getComputedStyle(arguments[0]).lineHeight)", label)).doubleValue();
            assertThat(height).as("label height at %d px against a %.1f px line", w, line).isLessThanOrEqualTo(2 * line);
            // the word "Frame" on one line
            assertThat(splitWords("#sec-now .step-scrub-label")).as("at %d px", w).isEmpty();
        }
    }

    /** Words of the matched elements' text drawn on more than one line (a word broken inside). */
    @SuppressWarnings("unchecked")
    static List<String> splitWords(String css) {
        return (List<String>) b.js("var out = [];"
                + "document.querySelectorAll(arguments[0]).forEach(function (el) {"
                + "  var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), t;"
                + "  while ((t = walk.nextNode())) {"
                + "    var re = /\\S+/g, m;"
                + "    while ((m = re.exec(t.data))) {"
                + "      var r = document.createRange(); r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);"
                + "      var tops = {};"
                + "      Array.prototype.forEach.call(r.getClientRects(), function (x) { if (x.width > 0) { tops[Math.round(x.top)] = 1; } });"
                + "      if (Object.keys(tops).length > 1) { out.push(m[0]); }"
                + "    }"
                + "  }"
                + "});"
                + "return out;", css);
    }

    @Test
    void theTopologyKeepsLegibleLabelsAt390Pixels() {
        phone();
        open("problems/bank-api-slow.html");
        Number smallest = (Number) b.js("var m = 99; document.querySelectorAll('#sec-now svg.topology text').forEach("
                + "function (t) { var h = t.getBoundingClientRect().height; if (h > 0) { m = Math.min(m, h); } }); return m;");
        assertThat(smallest.doubleValue()).as("smallest topology label, px").isGreaterThanOrEqualTo(9.0);
        // the page itself does not scroll sideways: the diagram does, and the keyboard can scroll it
        Number sw = (Number) b.js("return document.documentElement.scrollWidth");
        Number vw = (Number) b.js("return document.documentElement.clientWidth");
        assertThat(sw.intValue()).isLessThanOrEqualTo(vw.intValue());
        assertThat(b.js("return document.querySelector('#sec-now .topology-scroll').getAttribute('tabindex')")).isEqualTo("0");
    }

    @Test
    void noRubricCellBreaksAWordAt390Pixels() {
        phone();
        for (String page : List.of("rubric.html", PAGE)) {
            openFresh(page);
            assertThat(b.driver.findElements(By.cssSelector("table.rubric td"))).as(page).hasSizeGreaterThanOrEqualTo(12);
            assertThat(splitWords("table.rubric tbody th, table.rubric tbody td")).as("%s: words broken inside", page).isEmpty();
            // and each cell fits: no cell's content is wider than the cell
            assertThat(b.js("return Array.prototype.filter.call(document.querySelectorAll('table.rubric tbody th, table.rubric tbody td'),"
                    + " function (c) { return c.scrollWidth > c.clientWidth + 1; }).length")).as(page).isEqualTo(0L);
            assertThat(((Number) b.js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) b.js("return window.innerWidth")).intValue());
            // each level is named in its card
            assertThat(b.js("return getComputedStyle(document.querySelector('table.rubric td'), '::before').content"))
                    .isEqualTo("\"Novice\"");
        }
    }

    @Test
    void theIndexSummaryShowsItsRatingsAt390Pixels() {
        phone();
        openFresh("index.html");
        b.js("localStorage.setItem('warroom.scorecard.bank-api-slow', JSON.stringify({title: 'Bank API', answered: 7,"
                + " total: 20, complete: false, ratings: {'incident-response': 'Expert', 'system-thinking': 'Intermediate',"
                + " 'mitigation-speed': 'Novice', 'postmortem-quality': 'Intermediate'}}))");
        b.driver.navigate().refresh();
        List<WebElement> levels = b.driver.findElements(By.cssSelector("#summary-body .level"));
        assertThat(levels).hasSize(4);
        long width = (Long) b.js("return document.documentElement.clientWidth");
        for (WebElement level : levels) {
            b.js("arguments[0].scrollIntoView({block: 'center'})", level);
            assertThat(level.isDisplayed()).as(level.getText()).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) b.js("var r = arguments[0].getBoundingClientRect();"
                    + " return {left: r.left, right: r.right, width: r.width};", level);
            assertThat(((Number) r.get("width")).doubleValue()).as(level.getText()).isPositive();
            assertThat(((Number) r.get("left")).doubleValue()).as(level.getText()).isGreaterThanOrEqualTo(0);
            assertThat(((Number) r.get("right")).doubleValue()).as(level.getText()).isLessThanOrEqualTo(width);
        }
        assertThat(levels).extracting(WebElement::getText).containsExactly("Expert", "Intermediate", "Novice", "Intermediate");
        // each rating is named by its dimension
        assertThat(b.js("return getComputedStyle(document.querySelectorAll('#summary-body td')[1], '::before').content"))
                .isEqualTo("\"Incident Response\"");
        assertThat(b.js("return document.querySelector('#summary-body').closest('.table-wrap').scrollWidth"
                + " <= document.querySelector('#summary-body').closest('.table-wrap').clientWidth")).isEqualTo(true);
    }

    static String background() {
        return (String) b.js("return getComputedStyle(document.body).backgroundColor");
    }

    static String theme() {
        return (String) b.js("return document.documentElement.getAttribute('data-theme')");
    }

    @Test
    void theThemeSwitchSetsDataThemeAndKeepsItAcrossAReload() {
        BrowserTest.emulate(b, "", "light");
        openFresh(PAGE);
        assertThat(theme()).isEqualTo("system");
        assertThat(background()).isEqualTo("rgb(255, 255, 255)");
        WebElement select = b.driver.findElement(By.id("theme-select"));
        assertThat(select.isDisplayed()).isTrue();
        new Select(select).selectByValue("dark");
        assertThat(theme()).isEqualTo("dark");
        assertThat(background()).isEqualTo("rgb(22, 24, 29)");
        assertThat(b.js("return localStorage.getItem('warroom.theme')")).isEqualTo("dark");

        // kept across a reload and on another page, and applied before <body> exists
        Object id = ((Map<?, ?>) b.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "new MutationObserver(function (ms, o) { if (document.body) { window.themeAtBody ="
                        + " document.documentElement.getAttribute('data-theme'); o.disconnect(); } })"
                        + ".observe(document, {childList: true, subtree: true});"))).get("identifier");
        try {
            b.driver.navigate().refresh();
            assertThat(b.js("return window.themeAtBody")).isEqualTo("dark");
            assertThat(theme()).isEqualTo("dark");
            assertThat(new Select(b.driver.findElement(By.id("theme-select"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("dark");
            open("glossary.html");
            assertThat(b.js("return window.themeAtBody")).isEqualTo("dark");
            assertThat(background()).isEqualTo("rgb(22, 24, 29)");
        } finally {
            b.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
        }
        // the theme script is a classic one in <head>, neither deferred nor async, before the stylesheet
        assertThat(b.js("var s = document.querySelector('head script[src*=\"theme.\"]');"
                + " return !!s && !s.defer && !s.async && !s.type"
                + " && !!(s.compareDocumentPosition(document.querySelector('head link[rel=stylesheet]')) & Node.DOCUMENT_POSITION_FOLLOWING);"))
                .isEqualTo(true);

        // light wins over a dark system; "as the system" follows it again
        BrowserTest.emulate(b, "", "dark");
        new Select(b.driver.findElement(By.id("theme-select"))).selectByValue("light");
        assertThat(theme()).isEqualTo("light");
        assertThat(background()).isEqualTo("rgb(255, 255, 255)");
        b.driver.navigate().refresh();
        assertThat(background()).isEqualTo("rgb(255, 255, 255)");
        new Select(b.driver.findElement(By.id("theme-select"))).selectByValue("system");
        assertThat(theme()).isEqualTo("system");
        assertThat(background()).isEqualTo("rgb(22, 24, 29)");
        assertThat(b.js("return localStorage.getItem('warroom.theme')")).isNull();
        b.driver.navigate().refresh();
        assertThat(theme()).isEqualTo("system");
        assertThat(b.consoleErrors()).isEmpty();
    }

    @Test
    void theEmptyProgressBarLooksEmptyInDarkMode() throws Exception {
        for (String how : List.of("system", "switch")) {
            openFresh(PAGE);
            if (how.equals("system")) {
                BrowserTest.emulate(b, "", "dark");
            } else {
                BrowserTest.emulate(b, "", "light");
                new Select(b.driver.findElement(By.id("theme-select"))).selectByValue("dark");
            }
            assertThat(background()).as(how).isEqualTo("rgb(22, 24, 29)");
            WebElement meter = b.driver.findElement(By.cssSelector(".quiz-meter"));
            assertThat(meter.getAttribute("value")).isEqualTo("0");
            b.js("arguments[0].scrollIntoView({block: 'center'})", meter);
            int[] track = {0x3b, 0x40, 0x4c};
            int[] accent = {0x39, 0x49, 0xab};
            BufferedImage empty = shot(meter);
            for (int x = empty.getWidth() / 10; x < empty.getWidth() * 9 / 10; x++) {
                int[] px = rgb(empty, x, empty.getHeight() / 2);
                assertThat(distance(px, track)).as("%s: pixel %d of the empty bar is the track's colour", how, x).isLessThan(20);
            }
            b.js("arguments[0].value = arguments[0].max", meter);
            BufferedImage full = shot(meter);
            int[] mid = rgb(full, full.getWidth() / 2, full.getHeight() / 2);
            assertThat(distance(mid, accent)).as("%s: the full bar is the accent", how).isLessThan(20);
            assertThat(distance(track, accent)).isGreaterThan(60);
        }
    }

    static BufferedImage shot(WebElement e) throws java.io.IOException {
        return ImageIO.read(new ByteArrayInputStream(e.getScreenshotAs(OutputType.BYTES)));
    }

    static int[] rgb(BufferedImage img, int x, int y) {
        int c = img.getRGB(x, y);
        return new int[] {(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff};
    }

    static int distance(int[] a, int[] c) {
        return Math.abs(a[0] - c[0]) + Math.abs(a[1] - c[1]) + Math.abs(a[2] - c[2]);
    }

    static WebElement active() {
        return b.driver.switchTo().activeElement();
    }

    static void press(CharSequence key) {
        new Actions(b.driver).sendKeys(key).perform();
    }

    @Test
    void theJumpNavTakesTheKeyboardToTheFirstQuestionInAFewPresses() {
        openFresh(PAGE);
        WebElement firstQuestion = (WebElement) b.js("return document.querySelector('.phase form.q')"
                + ".querySelector('input, select, textarea')");
        assertThat(firstQuestion.isDisplayed()).isTrue();
        int presses = 0;
        press(Keys.TAB);
        presses++;
        assertThat(active().getText()).isEqualTo("Skip to content");
        press(Keys.TAB);
        presses++;
        assertThat(active().getText()).isEqualTo("Skip to the phases");
        assertThat(b.js("return getComputedStyle(arguments[0]).top", active())).isNotEqualTo("-48px");
        press(Keys.ENTER);
        press(Keys.TAB);
        presses += 2;
        assertThat(active().getText()).isEqualTo("Phase 1");
        press(Keys.ENTER);
        presses++;
        List<String> path = new ArrayList<>();
        while (!active().equals(firstQuestion) && presses < 30) {
            press(Keys.TAB);
            presses++;
            path.add(active().getTagName() + "." + active().getAttribute("class") + " " + active().getText());
        }
        assertThat(active()).as("focus path after Phase 1: %s", path).isEqualTo(firstQuestion);
        System.out.println("key presses from the top to the first question: " + presses + " " + path);
        assertThat(presses).as("key presses from the top to the first question: %s", path).isLessThanOrEqualTo(10);

        // a locked phase is still a heading the jump nav reaches, with its note
        b.js("window.scrollTo(0, 0)");
        WebElement third = b.driver.findElement(By.cssSelector("#jump li:nth-child(3) a"));
        assertThat(third.getAccessibleName()).isEqualTo("Phase 3");
        // shown as "3": the word "Phase" is for screen readers only
        assertThat(b.js("return arguments[0].querySelector('.jump-word').getBoundingClientRect().width", third))
                .isIn(0L, 1L, 0.0, 1.0);
        b.js("arguments[0].focus()", third);
        press(Keys.ENTER);
        String target = third.getAttribute("href").replaceAll(".*#", "");
        WebElement phase = b.driver.findElement(By.id(target));
        assertThat(phase.getAttribute("class")).contains("locked");
        WebElement heading = phase.findElement(By.cssSelector("h2"));
        assertThat(heading.isDisplayed()).isTrue();
        assertThat(phase.findElement(By.cssSelector(".phase-locked")).isDisplayed()).isTrue();
        assertThat(b.js("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight", heading))
                .isEqualTo(true);
        // the next Tab starts from the phase: its heading's permalink
        press(Keys.TAB);
        assertThat(phase.findElements(By.cssSelector("*"))).contains(active());
        assertThat(b.consoleErrors()).isEmpty();
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationAt390PixelsInEitherTheme() throws Exception {
        Path axe = Golden.root().resolve("js/node_modules/axe-core/axe.min.js");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(axe), "run npm ci in js/ for axe-core");
        String source = Files.readString(axe);
        phone();
        List<String> found = new ArrayList<>();
        for (String theme : List.of("light", "dark")) {
            for (String page : List.of("index.html", PAGE, "rubric.html")) {
                open(page);
                b.js("localStorage.setItem('warroom.theme', arguments[0]);"
                        + "localStorage.setItem('warroom.scorecard.bank-api-slow', JSON.stringify({title: 'Bank API', answered: 7,"
                        + " total: 20, complete: false, ratings: {'incident-response': 'Expert', 'system-thinking': 'Intermediate',"
                        + " 'mitigation-speed': 'Novice', 'postmortem-quality': 'Intermediate'}}))", theme);
                b.driver.navigate().refresh();
                // under load the refreshed page may not have run its theme script yet when refresh() returns
                new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(10))
                        .until(d -> theme.equals(theme()));
                assertThat(theme()).isEqualTo(theme);
                BrowserTest.axeOn(b, source).forEach(v -> found.add(theme + " " + page + ": " + v));
            }
        }
        assertThat(found).isEmpty();
    }
}
