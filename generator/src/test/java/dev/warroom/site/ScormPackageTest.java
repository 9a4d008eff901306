package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The SCORM 1.2 packages of the published site, checked as the content packaging spec has it:
 * a well-formed imsmanifest.xml at the root with an identifier, ADL SCORM 1.2 metadata, a
 * default organization whose items point at resources and carry the mastery score, SCO
 * resources whose files all exist in the zip with relative hrefs, and no file in the zip that
 * the manifest does not list; the launch page's own references stay inside the package; two
 * builds give the same bytes.
 */
class ScormPackageTest {
    static final String CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    static final String ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2";

    @TempDir
    static Path tmp;
    static Path site;
    static Bank bank;

    @BeforeAll
    static void build() throws Exception {
        site = SiteFixture.build(tmp);
        bank = SiteFixture.bank();
    }

    /** A zip's entries, name to bytes, in the zip's order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                assertThat(out).as("duplicate entry " + e.getName()).doesNotContainKey(e.getName());
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    static org.w3c.dom.Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    static List<org.w3c.dom.Element> children(org.w3c.dom.Element parent, String ns, String name) {
        List<org.w3c.dom.Element> out = new ArrayList<>();
        NodeList l = parent.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) {
            if (l.item(i) instanceof org.w3c.dom.Element e && ns.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static org.w3c.dom.Element only(org.w3c.dom.Element parent, String ns, String name) {
        List<org.w3c.dom.Element> l = children(parent, ns, name);
        assertThat(l).as(parent.getLocalName() + " has one " + name).hasSize(1);
        return l.get(0);
    }

    /** Checks one package per the spec; returns the SCO launch hrefs by item identifier. */
    static Map<String, String> check(Path zip, int scos) throws Exception {
        Map<String, byte[]> files = entries(zip);
        assertThat(new ArrayList<>(files.keySet())).as("entries sorted").isSorted();
        assertThat(files).containsKey("imsmanifest.xml");
        org.w3c.dom.Element root = xml(files.get("imsmanifest.xml")).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(CP);
        assertThat(root.getLocalName()).isEqualTo("manifest");
        assertThat(root.getAttribute("identifier")).isNotBlank();
        org.w3c.dom.Element md = only(root, CP, "metadata");
        assertThat(only(md, CP, "schema").getTextContent()).isEqualTo("ADL SCORM");
        assertThat(only(md, CP, "schemaversion").getTextContent()).isEqualTo("1.2");
        org.w3c.dom.Element orgs = only(root, CP, "organizations");
        String dflt = orgs.getAttribute("default");
        org.w3c.dom.Element org = children(orgs, CP, "organization").stream()
                .filter(o -> o.getAttribute("identifier").equals(dflt)).findFirst().orElseThrow(
                        () -> new AssertionError("organizations default=" + dflt + " names no organization"));
        assertThat(only(org, CP, "title").getTextContent()).isNotBlank();
        Map<String, org.w3c.dom.Element> resources = new HashMap<>();
        for (org.w3c.dom.Element r : children(only(root, CP, "resources"), CP, "resource")) {
            assertThat(resources.put(r.getAttribute("identifier"), r)).as("unique resource id").isNull();
        }
        Set<String> ids = new TreeSet<>();
        ids.add(root.getAttribute("identifier"));
        ids.add(org.getAttribute("identifier"));
        Set<String> referenced = new TreeSet<>();
        Map<String, String> launches = new LinkedHashMap<>();
        for (org.w3c.dom.Element item : children(org, CP, "item")) {
            assertThat(ids.add(item.getAttribute("identifier"))).as("unique identifier").isTrue();
            assertThat(only(item, CP, "title").getTextContent()).isNotBlank();
            assertThat(only(item, ADLCP, "masteryscore").getTextContent()).isEqualTo(
                    String.valueOf(ScormPackages.MASTERY_SCORE));
            org.w3c.dom.Element res = resources.get(item.getAttribute("identifierref"));
            assertThat(res).as("item " + item.getAttribute("identifier") + " points at a resource").isNotNull();
            assertThat(res.getAttributeNS(ADLCP, "scormtype")).isEqualTo("sco");
            launches.put(item.getAttribute("identifier"), res.getAttribute("href"));
        }
        assertThat(launches).hasSize(scos);
        for (org.w3c.dom.Element res : resources.values()) {
            assertThat(res.getAttribute("type")).isEqualTo("webcontent");
            assertThat(res.getAttributeNS(ADLCP, "scormtype")).isIn("sco", "asset");
            Set<String> own = new TreeSet<>();
            for (org.w3c.dom.Element f : children(res, CP, "file")) {
                String href = f.getAttribute("href");
                assertRelative(href);
                assertThat(files).as(href + " listed in the manifest is in the zip").containsKey(href);
                own.add(href);
                referenced.add(href);
            }
            for (org.w3c.dom.Element d : children(res, CP, "dependency")) {
                assertThat(resources).containsKey(d.getAttribute("identifierref"));
            }
            if (res.hasAttribute("href")) {
                assertRelative(res.getAttribute("href"));
                assertThat(own).as("a SCO lists its launch page").contains(res.getAttribute("href"));
            }
        }
        Set<String> inZip = new TreeSet<>(files.keySet());
        inZip.remove("imsmanifest.xml");
        assertThat(inZip).as("every file in the zip is listed in the manifest").isEqualTo(referenced);
        // every reference of the package's pages stays inside the package
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().endsWith(".html")) {
                for (String ref : references(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8))) {
                    assertThat(files).as(e.getKey() + " refers to " + ref).containsKey(ref);
                }
            }
        }
        return launches;
    }

    static void assertRelative(String href) {
        assertThat(href).as(href).doesNotStartWith("/").doesNotContain("://").doesNotContain("..")
                .doesNotContain("\\").doesNotStartWith("#");
        assertThat(URI.create(href).isAbsolute()).as(href).isFalse();
    }

    static final Pattern RELATIVE = Pattern.compile("\"(\\.\\./[^\"?#]+)");

    /** The package paths a page refers to: its relative src, href and poster, and the ../ paths inside its JSON. */
    static Set<String> references(String page, String html) {
        Set<String> out = new TreeSet<>();
        URI base = URI.create("pkg:/" + page);
        Document d = Jsoup.parse(html);
        for (Element e : d.select("[src], [href], [poster]")) {
            for (String attr : List.of("src", "href", "poster")) {
                String v = e.attr(attr);
                if (v.isEmpty() || v.startsWith("#") || v.startsWith("?") || v.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;
                }
                out.add(base.resolve(v.replaceAll("[?#].*$", "")).getPath().substring(1));
            }
        }
        Matcher m = RELATIVE.matcher(html.replace("&quot;", "\""));
        while (m.find()) {
            out.add(base.resolve(m.group(1)).getPath().substring(1));
        }
        return out;
    }

    @Test
    void everyProblemHasAPackageThatFollowsTheContentPackagingSpec() throws Exception {
        for (Problem p : bank.problems()) {
            Path zip = site.resolve("scorm/" + p.id() + ".zip");
            assertThat(zip).exists();
            assertThat(check(zip, 1)).containsExactly(Map.entry("item-" + p.id(), "problems/" + p.id() + ".html"));
        }
    }

    @Test
    void theCourseHasEveryProblemAsASco() throws Exception {
        Map<String, String> launches = check(site.resolve("scorm/warroom-course.zip"), bank.problems().size());
        assertThat(launches.values()).containsExactlyElementsOf(
                bank.problems().stream().map(p -> "problems/" + p.id() + ".html").toList());
    }

    @Test
    void theLaunchPageIsTheDrillWithTheRuntimeBeforeTheQuizAndNoSiteNavigation() throws Exception {
        Map<String, byte[]> files = entries(site.resolve("scorm/bank-api-slow.zip"));
        Document page = Jsoup.parse(new String(files.get("problems/bank-api-slow.html"), StandardCharsets.UTF_8));
        List<String> scripts = page.select("script[src]").eachAttr("src").stream()
                .map(s -> s.replaceAll("^.*/([a-z]+)\\.[0-9a-f]{10}\\.js$", "$1")).toList();
        assertThat(scripts).containsSubsequence("grading", "scorm", "quiz", "drill");
        assertThat(page.select("header.top, footer.foot, .crumbs, .study-link, .for-instructors, .embed-drill, .exports"))
                .isEmpty();
        assertThat(page.getElementById("quiz-data")).isNotNull();
        assertThat(page.select(".phase")).hasSize(bank.problem("bank-api-slow").study().phases().size());
        // the site's own page is the same drill, with the navigation and the instructors' links
        Document onSite = Jsoup.parse(site.resolve("problems/bank-api-slow.html").toFile(), "UTF-8");
        assertThat(onSite.select(".for-instructors a").eachAttr("href")).containsExactly(
                "../scorm/bank-api-slow.zip", "../scorm/warroom-course.zip", "../instructors.html");
        assertThat(onSite.select("header.top")).hasSize(1);
    }

    @Test
    void theInstructorPageHasEverySessionScriptFromTheBank() throws Exception {
        Document d = Jsoup.parse(site.resolve("instructors.html").toFile(), "UTF-8");
        assertThat(Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8").select("nav.nav a").eachAttr("href"))
                .contains("instructors.html");
        for (Problem p : bank.problems()) {
            Element s = d.getElementById("session-" + p.id());
            assertThat(s).as(p.id()).isNotNull();
            String text = s.text();
            for (Study.Phase ph : p.study().phases()) {
                assertThat(text).contains(ph.title());
            }
            p.study().probes().forEach(pr -> assertThat(text).contains(Jsoup.parse(Markdown.NO_IMAGES.inline(
                    pr.hints().get(0))).text()));
            p.decisions().forEach(dec -> dec.options().forEach(o -> assertThat(text).contains(
                    Jsoup.parse(Markdown.NO_IMAGES.inline(o.label())).text())));
            assertThat(s.select(".session-plan > li")).hasSize(p.study().phases().size() + 3);
            assertThat(s.select(".session-plan > li").first().text()).startsWith("00–05 min");
            assertThat(s.select(".session-plan > li").last().text()).startsWith("55–60 min");
            assertThat(s.select("a").eachAttr("href")).contains("scorm/" + p.id() + ".zip");
        }
        assertThat(d.text()).contains("Import into Moodle").contains("Import into Canvas")
                .contains("mastery score in each package's manifest is " + ScormPackages.MASTERY_SCORE);
        // the runtime's fallback mastery score is the manifest's
        String js = Files.readString(SiteFixture.templates().resolve("assets/scorm.js"));
        assertThat(js).contains("var MASTERY = " + ScormPackages.MASTERY_SCORE + ";");
    }

    @Test
    void twoBuildsGiveTheSameZipBytes() throws Exception {
        Path again = SiteFixture.build(tmp.resolve("again"));
        for (Problem p : bank.problems()) {
            assertThat(Files.readAllBytes(again.resolve("scorm/" + p.id() + ".zip"))).as(p.id())
                    .isEqualTo(Files.readAllBytes(site.resolve("scorm/" + p.id() + ".zip")));
        }
        assertThat(Files.readAllBytes(again.resolve("scorm/warroom-course.zip")))
                .isEqualTo(Files.readAllBytes(site.resolve("scorm/warroom-course.zip")));
    }
}
