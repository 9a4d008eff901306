package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Question;
import dev.warroom.bank.Study;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Ids made from author text never take one of the page's own ids: every id the templates
 * write, the scripts look up or a built page holds becomes a heading of the walkthrough and
 * of the summary ("## Quiz data", "# Summary data", ...), and the pages keep unique ids, each
 * on the element it was on before, and the quiz and the search still work in Chromium.
 */
class HeadingIdTest {
    private static final String ID = "bank-api-slow";
    private static final Pattern TEMPLATE_ID = Pattern.compile("(?<![\\w-])id=\"([^\"]*)\"");
    private static final Pattern SCRIPT_ID = Pattern.compile("getElementById\\('([^']+)'\\)|'#([A-Za-z][\\w-]*)");

    @TempDir
    static Path tmp;
    static Path plain;
    static Path hostile;
    static TreeSet<String> pageIds = new TreeSet<>();
    static List<Element> authorIds = new ArrayList<>();

    @BeforeAll
    static void build() throws Exception {
        Path bank = TempBank.copy(tmp.resolve("bank"), ID);
        plain = publish(bank, tmp.resolve("plain"));
        for (Path page : SiteFiles.pages(plain)) {
            for (Element e : Jsoup.parse(page.toFile()).select("[id]")) {
                if (e.id().startsWith(HeadingIds.PREFIX)) {
                    authorIds.add(e);
                } else {
                    pageIds.add(e.id());
                }
            }
        }
        TreeSet<String> all = new TreeSet<>(pageIds);
        all.addAll(literal(templateIds()));
        all.addAll(scriptIds());
        StringBuilder headings = new StringBuilder("\n");
        for (String id : all) {
            headings.append("## ").append(words(id)).append("\n\nText under ").append(id).append(".\n\n");
        }
        TempBank.edit(bank.resolve(ID + "/walkthrough.md"), w -> w + headings);
        TempBank.edit(bank.resolve(ID + "/problem.yaml"), y -> y.replaceFirst("(?s)\nsummary: >-\n.*?\ndifficulty:",
                "\nsummary: |\n  # Summary data\n\n  # Search data\n\n  The Bank API slows down.\ndifficulty:"));
        hostile = publish(bank, tmp.resolve("hostile"));
    }

    static Path publish(Path bank, Path out) throws Exception {
        SiteMedia media = new SiteMedia(Map.of(ID, new SiteMedia.ProblemMedia(Map.of(), SiteFixture.ANSWERS)));
        SiteBuilder.publish(Bank.load(bank), media, SiteFixture.templates(), out, null, l -> { });
        return out;
    }

    /** "quiz-data" → "Quiz data": the heading an author would write. */
    static String words(String id) {
        String w = id.replace('-', ' ');
        return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    /** The ids of the templates as written, placeholders included ("phase-{{id}}-h"). */
    static List<String> templateIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SiteFixture.templates())) {
            for (Path f : s.filter(p -> p.toString().endsWith(".mustache")).sorted().toList()) {
                Matcher m = TEMPLATE_ID.matcher(Files.readString(f));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    static List<String> literal(List<String> ids) {
        return ids.stream().filter(i -> !i.contains("{{")).toList();
    }

    /** The ids (and id prefixes such as "phase-") the scripts look up. */
    static List<String> scriptIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(SiteFixture.templates().resolve("assets"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                Matcher m = SCRIPT_ID.matcher(Files.readString(f));
                while (m.find()) {
                    ids.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        return ids;
    }

    @Test
    void noPageIdUsesThePrefixReservedForAuthorText() throws IOException {
        List<String> prefixes = new ArrayList<>();
        for (String id : templateIds()) {
            int brace = id.indexOf("{{");
            prefixes.add(brace < 0 ? id : id.substring(0, brace));
        }
        prefixes.addAll(scriptIds());
        assertThat(prefixes).isNotEmpty().contains("quiz-data", "summary-data", "phase-")
                .noneMatch(p -> p.startsWith(HeadingIds.PREFIX));
        // the one id written from a bare placeholder, the glossary's, is refused the prefix when loaded
        assertThat(templateIds()).filteredOn(i -> i.startsWith("{{")).containsOnly("{{id}}");
        // in a build of the real bank, the prefix is found on the walkthrough's headings only
        assertThat(authorIds).isNotEmpty().allSatisfy(e -> assertThat(e.tagName()).matches("h[1-6]"));
    }

    @Test
    void theHeadingsGotTheirIdsInTheirOwnNamespace() throws IOException {
        Document d = Jsoup.parse(hostile.resolve("problems/" + ID + ".html").toFile());
        assertThat(d.select("#sec-walkthrough h3:contains(Quiz data)").attr("id")).isEqualTo("md-quiz-data");
        Document index = Jsoup.parse(hostile.resolve("index.html").toFile());
        assertThat(index.select(".card h1").eachAttr("id")).containsExactly("md-summary-data", "md-search-data");
        assertThat(d.select("#sec-walkthrough h1:not(#walk-h), #sec-walkthrough h2:not(#walk-h), #sec-walkthrough h3, #sec-walkthrough h4, #sec-walkthrough h5, #sec-walkthrough h6")).hasSizeGreaterThan(60)
                .allSatisfy(h -> assertThat(h.id()).as(h.text()).startsWith(HeadingIds.PREFIX));
    }

    @Test
    void everyPageKeepsUniqueIdsEachOnItsOwnElement() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path page : SiteFiles.pages(plain)) {
            Path rel = plain.relativize(page);
            Map<String, String> before = tags(Jsoup.parse(page.toFile()));
            Document after = Jsoup.parse(hostile.resolve(rel).toFile());
            Map<String, Integer> counts = new HashMap<>();
            after.select("[id]").forEach(e -> counts.merge(e.id(), 1, Integer::sum));
            counts.forEach((id, n) -> {
                if (n > 1) {
                    problems.add(rel + ": id " + id + " appears " + n + " times");
                }
            });
            before.forEach((id, tag) -> {
                Element e = after.getElementById(id);
                if (e == null || !e.tagName().equals(tag)) {
                    problems.add(rel + ": #" + id + " was a " + tag + ", now " + (e == null ? "missing" : e.tagName()));
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    private static Map<String, String> tags(Document d) {
        Map<String, String> m = new HashMap<>();
        d.select("[id]").forEach(e -> m.putIfAbsent(e.id(), e.tagName()));
        return m;
    }

    @Test
    void theQuizAndTheSearchStillWorkInChromium() throws Exception {
        Problem p = Bank.load(tmp.resolve("bank")).problem(ID);
        Quiz.Model quiz = Quiz.of(p, new SiteMedia.ProblemMedia(Map.of(), SiteFixture.ANSWERS), Markdown.NO_IMAGES);
        Question q = p.study().quiz().stream().filter(x -> x.kind() == Question.Kind.SINGLE)
                .findFirst().orElseThrow();
        Study.Choice right = QuizParts.choices(q).stream().filter(Study.Choice::correct).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) quiz.questions().stream()
                .filter(m -> m.get("id").equals(q.id())).findFirst().orElseThrow().get("choices");
        try (Browser b = Browser.start()) {
            b.driver.get(hostile.resolve("problems/" + ID + ".html").toUri().toString());
            b.js("localStorage.clear()");
            b.driver.navigate().refresh();
            WebElement form = b.driver.findElement(By.id("q-" + q.id()));
            int i = Learner.indexOf(shown, Markdown.NO_IMAGES.inline(right.text()));
            click(b, form.findElement(By.cssSelector("input[value='" + i + "']")));
            click(b, form.findElement(By.cssSelector("button.check")));
            assertThat(form.findElement(By.cssSelector(".q-feedback")).getText()).startsWith("Correct.");
            assertThat(b.driver.findElement(By.cssSelector(".quiz-progress .answered")).getText()).isEqualTo("1");
            assertThat(b.driver.getCurrentUrl()).endsWith(ID + ".html");
            assertThat(b.consoleErrors()).isEmpty();

            b.driver.get(hostile.resolve("index.html").toUri().toString());
            b.driver.findElement(By.id("q")).sendKeys("laptops");
            assertThat(b.driver.findElements(By.cssSelector("#search-results a"))).isNotEmpty();
            assertThat(b.driver.findElement(By.id("summary-body")).getText()).contains("1 / ");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    private static void click(Browser b, WebElement e) {
        b.js("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    @Test
    void aHeadingRepeatedAcrossFieldsOfAPageStaysUnique() {
        String page = "<h2 id=\"md-summary\">a</h2><p data-id=\"md-summary\"></p><h3 id=\"md-summary\">b</h3>"
                + "<h3 id=\"md-summary-2\">c</h3>";
        assertThat(HeadingIds.uniqueOnPage(page)).isEqualTo("<h2 id=\"md-summary\">a</h2><p data-id=\"md-summary\"></p>"
                + "<h3 id=\"md-summary-2\">b</h3><h3 id=\"md-summary-2-2\">c</h3>");
    }
}
