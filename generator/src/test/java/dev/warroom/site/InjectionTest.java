package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.bank.Bank;
import dev.warroom.bank.BankException;
import dev.warroom.bank.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The injection corpus: each payload (script elements, event-handler attributes, attribute
 * and element breakouts, SVG, {@code </script>} and {@code <!--} inside the page's JSON
 * blocks, JavaScript line separators, Mustache delimiters, {@code javascript:} and
 * {@code data:} links, entities) is put into every text field of problem one (titles,
 * summaries, roles, topics, alert, timeline, service names, decisions' prompts and options'
 * labels, reasons and caveats, phases, questions, choices, hints, answers, postmortem and its
 * action items, the bank's rubric.yaml, resources' kinds and notes, the walkthrough) and into the media's
 * titles and captions; fields the validator checks against its vocabulary (ids, references,
 * enums, clocks, durations, a decision option's actions) are left as they are, or the bank
 * would rightly be refused. Each bank is published; every page is checked for markup that
 * escaped its context, and then opened in headless Chromium from {@code file://} with the
 * Content-Security-Policy bypassed (so that only escaping, not the CSP, can stop a script):
 * every hint shown, every question answered so its feedback and explanation are inserted,
 * the search run, and no payload ran and no dialog opened. Payloads in ids and resource
 * addresses are refused by validation instead.
 */
@org.junit.jupiter.api.Tag("slow") // 16 sites published, 45 pages driven in Chromium: 40-70 s
class InjectionTest {
    /** Everything a payload does when it runs: sets {@code window.__pwned} or opens a dialog. */
    static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=\"window.__pwned=1\">",
            "<svg onload=\"window.__pwned=1\"><script>window.__pwned=1</script></svg>",
            "\"><b class=\"pwn\" onmouseover=\"window.__pwned=1\" autofocus onfocus=\"window.__pwned=1\">x</b>",
            "'><b class='pwn' onclick='window.__pwned=1'>x</b><a x='",
            "</script><script>window.__pwned=1;alert(1)</script>",
            "<!--<script>window.__pwned=1</script>",
            "\u2028\u2029\"};window.__pwned=1;//",
            "{{#a}}{{{title}}}{{/a}} {{=<% %>=}} <%{title}%> {{&searchJson}}",
            "[click](javascript:window.__pwned=1) [data](data:text/html,<script>parent.__pwned=1</script>)",
            "[x](JaVaScRiPt:alert(1)) ![i](javascript:alert(1)) <javascript:alert(1)>",
            "<iframe src=\"javascript:window.__pwned=1\"></iframe><object data=\"javascript:alert(1)\"></object>",
            "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;",
            "<style>*{display:none}</style><a href=\"javascript:alert(1)\">a</a>",
            "]]><![CDATA[<script>window.__pwned=1</script>]]>");

    /**
     * The text fields of a problem file, by key: every value under them, or every item of their list.
     * A decision's free text is here too: its {@code prompt}, and each option's {@code label},
     * {@code why} and {@code unless}; {@code parent.key} is a key that is text only under that
     * parent (an action item's type and priority, a resource's kind, are free words; elsewhere
     * {@code type} and {@code kind} are the validator's vocabulary).
     */
    static final Set<String> TEXT_KEYS = Set.of("title", "summary", "text", "feedback", "prompt", "explanation",
            "note", "name", "probes.answer", "right", "left", "questions", "discussion", "brief", "symptom", "hints",
            "model_answer", "checklist", "went_wrong", "went_well", "trigger", "root_cause", "impact", "items",
            "action", "owner", "novice", "intermediate", "expert", "says", "unit", "label", "why", "unless",
            "roles", "topics", "severity", "status_page", "action_items.type", "action_items.priority",
            "resources.kind");

    /**
     * Keys whose whole subtree is vocabulary, not text: a decision option's {@code act} items are
     * action keywords (set, scale, admit, failover, restart, disable, rollback), the services and
     * calls they target, durations, settings and {@code answer: skip|fallback}, all of which the
     * validator must refuse when they are not one of its values. (A decision's {@code id},
     * {@code from}, {@code at}, {@code until} and an option's {@code rating} are not text keys.)
     */
    static final Set<String> NOT_TEXT_UNDER = Set.of("act");

    /** The simulated system and its overrides: settings, except a service's {@code name}, which is a text key. */
    static final Set<String> SETTINGS = Set.of("services", "externals", "traffic", "faults", "clock", "set");

    /**
     * Strings outside the settings that are the validator's vocabulary, left as they are: ids and
     * references (to phases, variants, services, rubric dimensions), enums (type, kind, rating,
     * level, difficulty), clocks, claims' and numeric answers' expressions, addresses. Any other
     * string left alone fails the test: a new text field must be added to {@link #TEXT_KEYS}.
     */
    static final Set<String> VOCABULARY = Set.of("id", "type", "phase", "check", "kind", "variant", "at", "until",
            "from", "dimensions", "dimension", "rating", "level", "url", "metric", "tolerance", "difficulty",
            "compare_with", "service", "within", "on", "answer");

    static final String ID = "bank-api-slow";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SiteMedia.Video video;
    static Browser b;
    static final Map<String, Path> sites = new LinkedHashMap<>();
    static final Map<String, Integer> fields = new LinkedHashMap<>();
    static final Map<String, Integer> decisionFields = new LinkedHashMap<>();
    static final Set<String> leftAlone = new java.util.TreeSet<>();

    @BeforeAll
    static void publishEveryPayload() throws Exception {
        SiteMedia fixture = SiteFixture.media(tmp.resolve("fixture"));
        video = fixture.problems().get(ID).variants().get("baseline").video();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            Path bank = TempBank.copy(tmp.resolve("bank-" + i), ID);
            Path yaml = bank.resolve(ID + "/problem.yaml");
            int[] count = {0};
            Files.writeString(yaml, inject(Files.readString(yaml), payload, count), StandardCharsets.UTF_8);
            Path rubric = bank.resolve("rubric.yaml"); // the bank's: titles and what each level looks like
            Files.writeString(rubric, inject(Files.readString(rubric), payload, count), StandardCharsets.UTF_8);
            TempBank.edit(bank.resolve(ID + "/walkthrough.md"), w -> w.replace("\n## ", "\n## " + payload + " ")
                    + "\n\n" + payload + "\n\n- " + payload + "\n\n> " + payload + "\n");
            Bank loaded = load(bank, payload);
            assertDecisionsCarry(loaded, payload);
            Path site = tmp.resolve("site-" + i);
            SiteBuilder.publish(loaded, media(payload, tmp.resolve("media-" + i)), SiteFixture.templates(), site,
                    null, l -> { });
            sites.put(payload, site);
            fields.put(payload, count[0]);
        }
    }

    /** Loads the bank; a payload in a text field must never be refused, so errors fail with their list. */
    static Bank load(Path bank, String payload) throws IOException {
        try {
            return Bank.load(bank);
        } catch (BankException e) {
            throw new AssertionError("the bank with the payload " + payload + " was refused:\n" + String.join("\n",
                    e.errors().stream().map(Object::toString).toList()), e);
        }
    }

    /** Every free-text field of every decision was injected and read back with the payload. */
    static void assertDecisionsCarry(Bank bank, String payload) {
        Problem p = bank.problems().stream().filter(x -> x.id().equals(ID)).findFirst().orElseThrow();
        assertThat(p.decisions()).as("problem one has decisions").isNotEmpty();
        List<String> texts = new ArrayList<>();
        for (Problem.Decision d : p.decisions()) {
            texts.add(d.prompt());
            for (Problem.Option o : d.options()) {
                texts.add(o.label());
                texts.add(o.why());
                if (o.unless() != null) {
                    texts.add(o.unless());
                }
            }
        }
        assertThat(texts).as("decision prompts, labels, whys and unlesses").allSatisfy(t -> assertThat(t)
                .endsWith(" " + payload));
        assertThat(p.branches().values()).as("an option's branch has its label and why")
                .allSatisfy(v -> assertThat(v.title()).endsWith(" " + payload));
        decisionFields.merge(payload, texts.size(), Integer::sum);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
    }

    /** Appends the payload to every text field of the YAML (the original text stays, so every rule still holds). */
    static String inject(String yaml, String payload, int[] count) {
        Yaml y = new Yaml(new LoaderOptions());
        Node root = y.compose(new StringReader(yaml));
        walk(root, false, false, "", payload, count);
        StringWriter w = new StringWriter();
        DumperOptions o = new DumperOptions();
        o.setWidth(100_000);
        new Yaml(o).serialize(root, w);
        return w.toString();
    }

    /**
     * @param text     whether the scalar items of this node (a list) are text
     * @param settings whether this node is inside the simulated system's settings
     * @param parent   the key this node is the value of, or an item of (for fields that are text only there)
     */
    private static void walk(Node node, boolean text, boolean settings, String parent, String payload, int[] count) {
        if (node instanceof MappingNode m) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                Node value = t.getValueNode();
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                boolean isText = TEXT_KEYS.contains(key) || TEXT_KEYS.contains(parent + "." + key);
                if (isText && value instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                    value = withPayload(s, payload, count);
                } else if (!NOT_TEXT_UNDER.contains(key)) {
                    // under a vocabulary key (a quiz question's dimensions: id -> level) all is vocabulary
                    walk(value, isText, settings || SETTINGS.contains(key), VOCABULARY.contains(parent) ? parent : key,
                            payload, count);
                }
                tuples.add(new NodeTuple(t.getKeyNode(), value));
            }
            m.setValue(tuples);
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (text && item instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                    items.add(withPayload(s, payload, count));
                } else {
                    walk(item, false, settings, parent, payload, count);
                    items.add(item);
                }
            }
            seq.getValue().clear();
            seq.getValue().addAll(items);
        } else if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR) && !settings) {
            leftAlone.add(parent);
        }
    }

    private static ScalarNode withPayload(ScalarNode s, String payload, int[] count) {
        count[0]++;
        return new ScalarNode(Tag.STR, s.getValue() + " " + payload, s.getStartMark(), s.getEndMark(),
                DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    /** Frames and a video whose titles and captions carry the payload (as detections' text would). */
    static SiteMedia media(String payload, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path vtt = dir.resolve("captions.vtt");
        Files.writeString(vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n" + payload.replace("-->", "- ->") + "\n",
                StandardCharsets.UTF_8);
        SiteMedia.Video v = new SiteMedia.Video(video.mp4(), video.poster(), vtt, vtt, 14 * 3600, 300.0);
        List<SiteMedia.Frame> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path svg = dir.resolve("frame-" + i + ".svg");
            Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"></svg>");
            frames.add(new SiteMedia.Frame(svg, 14 * 3600 + 60 * i, "Frame " + i + " " + payload));
        }
        Map<String, SiteMedia.VariantMedia> variants = new LinkedHashMap<>();
        variants.put("baseline", new SiteMedia.VariantMedia("The incident " + payload, v, null, frames));
        variants.put("timeout-breaker", new SiteMedia.VariantMedia("Mitigated " + payload, v, v, List.of()));
        return new SiteMedia(Map.of(ID, new SiteMedia.ProblemMedia(variants, SiteFixture.ANSWERS)));
    }

    @Test
    void everyPayloadReachedEveryTextFieldAndWasPublishedAsText() throws IOException {
        // about 500 fields of problem.yaml for each payload (31 of them the decisions' free text), as many for each
        int first = fields.get(PAYLOADS.get(0));
        assertThat(fields.values()).allSatisfy(n -> assertThat(n).isGreaterThan(450).isEqualTo(first));
        assertThat(decisionFields.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(30));
        assertThat(leftAlone).as("strings left without a payload that are not the validator's vocabulary:"
                + " text fields missing from TEXT_KEYS").isSubsetOf(VOCABULARY);
        for (var e : sites.entrySet()) {
            Document page = Jsoup.parse(e.getValue().resolve("problems/" + ID + ".html").toFile(), "UTF-8");
            String text = page.text();
            assertThat(text).as("the problem's title shows the payload as text: %s", e.getKey())
                    .contains("Bank API slows to 30 s");
            assertThat(page.title()).startsWith("Bank API slows to 30 s");
        }
        String mustache = PAYLOADS.get(8);
        Document d = Jsoup.parse(sites.get(mustache).resolve("problems/" + ID + ".html").toFile(), "UTF-8");
        assertThat(d.select("h1").text()).as("Mustache delimiters are text, not tags").contains("{{=<% %>=}}")
                .contains("{{&searchJson}}");
        Document script = Jsoup.parse(sites.get(PAYLOADS.get(0)).resolve("problems/" + ID + ".html").toFile(), "UTF-8");
        assertThat(script.select("h1").text()).contains("<script>window.__pwned=1</script>");
    }

    @Test
    void noMarkupEscapesItsContextOnAnyPage() throws Exception {
        Path clean = tmp.resolve("clean");
        SiteBuilder.publish(SiteFixture.bank(), media("", tmp.resolve("media-clean")), SiteFixture.templates(), clean,
                null, l -> { });
        List<String> problems = new ArrayList<>();
        for (var e : sites.entrySet()) {
            for (Path page : SiteFiles.pages(e.getValue())) {
                Path rel = e.getValue().relativize(page);
                Document d = Jsoup.parse(page.toFile(), "UTF-8");
                Document c = Jsoup.parse(clean.resolve(rel).toFile(), "UTF-8");
                check(d, c, rel + " [" + e.getKey() + "]", problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void check(Document d, Document clean, String where, List<String> problems) {
        // the templates' own addresses (the favicon is a data: URL)
        Set<String> own = new java.util.HashSet<>();
        clean.getAllElements().forEach(el -> el.attributes().forEach(a -> own.add(a.getValue())));
        for (Element el : d.getAllElements()) {
            for (Attribute a : el.attributes()) {
                if (a.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on")) {
                    problems.add(where + ": event handler " + a.getKey() + " on <" + el.tagName() + ">");
                }
                if (Set.of("href", "src", "action", "formaction", "data", "poster", "xlink:href").contains(a.getKey())
                        && !a.getValue().startsWith("data:text/vtt;base64,") && !own.contains(a.getValue())
                        && Links.safe(a.getValue()) == null) {
                    problems.add(where + ": " + a.getKey() + "=\"" + a.getValue() + "\" on <" + el.tagName() + ">");
                }
            }
        }
        if (!d.select(".pwn, iframe, object, embed, frame, base, style, svg script, foreignObject").isEmpty()) {
            problems.add(where + ": injected element " + d.select(".pwn, iframe, object, embed, frame, base, style,"
                    + " svg script, foreignObject").first().tagName());
        }
        List<String> scripts = d.select("script").stream().map(InjectionTest::describe).toList();
        List<String> cleanScripts = clean.select("script").stream().map(InjectionTest::describe).toList();
        if (!scripts.equals(cleanScripts)) {
            problems.add(where + ": scripts " + scripts + ", expected " + cleanScripts);
        }
        for (Element s : d.select("script[type=application/json]")) {
            try {
                JSON.readTree(s.data());
            } catch (IOException ex) {
                problems.add(where + ": #" + s.id() + " is no longer JSON: " + ex.getMessage());
            }
        }
        if (d.select("img").size() != clean.select("img").size()) {
            problems.add(where + ": " + d.select("img").size() + " images, expected " + clean.select("img").size());
        }
        if (d.select("meta[http-equiv]").size() != clean.select("meta[http-equiv]").size()) {
            problems.add(where + ": a meta element was injected");
        }
    }

    private static String describe(Element script) {
        return script.hasAttr("src") ? "src:" + script.attr("src").replaceAll("\\.[0-9a-f]{10}\\.js$", ".js")
                : script.attr("type") + "#" + script.id();
    }

    @Test
    void noPayloadRunsInChromiumFromFileUrls() throws Exception {
        b = Browser.start();
        b.driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        List<String> ran = new ArrayList<>();
        for (var e : sites.entrySet()) {
            for (String page : List.of("problems/" + ID + ".html", "index.html", "embed/" + ID + "--baseline.html")) {
                b.driver.get(e.getValue().resolve(page).toUri().toString());
                String where = page + " [" + e.getKey() + "]";
                try {
                    b.js("localStorage.clear()");
                    Object pwned = b.js(EXERCISE);
                    if (pwned != null) {
                        ran.add(where + ": window.__pwned = " + pwned);
                    }
                } catch (org.openqa.selenium.UnhandledAlertException ex) {
                    ran.add(where + ": a dialog opened: " + ex.getMessage());
                }
                try {
                    b.driver.switchTo().alert().dismiss();
                    ran.add(where + ": a dialog opened");
                } catch (NoAlertPresentException ok) {
                    // as it should be
                }
            }
        }
        assertThat(ran).isEmpty();
        assertThat(sites).hasSize(PAYLOADS.size());
    }

    /**
     * Drives everything that inserts author text: every hint, every question answered (its feedback,
     * explanation and checklist inserted), the frame stepper, the search; then reports window.__pwned.
     */
    static final String EXERCISE = String.join("\n",
            "document.querySelectorAll('.hint-next').forEach(function (b) { for (var i = 0; i < 5; i++) { b.click(); } });",
            "document.querySelectorAll('form.q').forEach(function (f) {",
            "  var r = f.querySelector('input[type=radio], input[type=checkbox]'); if (r) { r.click(); }",
            "  var v = f.querySelector('input[name=value]'); if (v) { v.value = '1'; }",
            "  f.querySelectorAll('select').forEach(function (s) { s.selectedIndex = 1; });",
            "  var t = f.querySelector('textarea'); if (t) { t.value = 'x'; }",
            "  var c = f.querySelector('button.check'); if (c) { c.click(); }",
            "  f.querySelectorAll('.self-assess input[type=checkbox]').forEach(function (x) { x.click(); });",
            "  var s = f.querySelector('.save-self'); if (s) { s.click(); }",
            "});",
            "document.querySelectorAll('.step-next').forEach(function (b) { b.click(); b.click(); });",
            "document.querySelectorAll('.tl-jump').forEach(function (b) { b.click(); });",
            "var q = document.getElementById('q');",
            "if (q) { ['pwned', 'script', 'bank', 'onerror'].forEach(function (w) { q.value = w;",
            "  q.dispatchEvent(new Event('input')); }); }",
            "document.querySelectorAll('b, a, img, svg').forEach(function (e) {",
            "  e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); });",
            "return window.__pwned === undefined ? null : String(window.__pwned);");

    @Test
    void payloadsInIdsAndResourceAddressesAreRefusedByValidation() throws IOException {
        String[][] cases = {
            {"(?m)^id: bank-api-slow$", "id: \"bank-api-slow\\\"><script>alert(1)</script>\""},
            {"(?m)^(\\s+)url: \"https://sre.google/sre-book/addressing-cascading-failures/\"$",
                "$1url: \"javascript:alert(1)\""},
            {"(?m)^(\\s+)url: \"https://sre.google/sre-book/addressing-cascading-failures/\"$",
                "$1url: \"data:text/html,<script>alert(1)</script>\""},
            {"(?m)^(\\s+- id: )([a-z-]+)$", "$1\"x\\\" onmouseover=\\\"alert(1)\""},
        };
        for (String[] c : cases) {
            Path bank = TempBank.copy(tmp.resolve("refused-" + Math.abs(c[1].hashCode())), ID);
            Path yaml = bank.resolve(ID + "/problem.yaml");
            String before = Files.readString(yaml);
            String after = before.replaceFirst(c[0], c[1]);
            assertThat(after).as("the case applies: %s", c[1]).isNotEqualTo(before);
            Files.writeString(yaml, after);
            assertThatThrownBy(() -> Bank.load(bank)).as(c[1]).isInstanceOf(BankException.class);
        }
    }
}
