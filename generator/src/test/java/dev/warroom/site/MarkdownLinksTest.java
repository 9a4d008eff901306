package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Author Markdown links only to http, https, mailto and relative addresses, however the scheme
 * is disguised, and shows only images that are the problem's own files.
 */
class MarkdownLinksTest {
    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](DaTa:text/html,hi)",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](VBScript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](java&#9;script:alert(1))",
        "[x](java&#x0A;script:alert(1))",
        "[x](java&#13;script:alert(1))",
        "[x](&#x20;javascript:alert(1))",
        "[x](&#1;javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](< javascript:alert(1)>)",
        "[x](//evil.example/page)",
        "[x](\\\\evil.example\\share)",
        "[x](/\\evil.example)",
        "[x][r]\n\n[r]: data:text/html,<script>alert(1)</script>",
        "[x][r]\n\n[r]: jAvAsCrIpT:alert(1)",
        "<data:text/html,hi>",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
    })
    void aLinkToAnotherSchemeKeepsItsTextButLosesTheLink(String markdown) {
        Document d = Jsoup.parseBodyFragment(Markdown.NO_IMAGES.html(markdown));
        assertThat(d.select("a")).as(d.body().html()).isEmpty();
        assertThat(d.text()).isNotBlank();
    }

    @Test
    void httpHttpsMailtoAndRelativeLinksStay() {
        String html = Markdown.NO_IMAGES.html("[a](https://sre.google/sre-book/) [b](HTTP://example.com/x) "
                + "[c](mailto:ic@example.com) [d](#md-the-situation) [e](../glossary.html#bulkhead) [f](rubric.html) "
                + "www.example.com <https://example.org> ic@example.com");
        assertThat(Jsoup.parseBodyFragment(html).select("a").eachAttr("href")).containsExactly(
                "https://sre.google/sre-book/", "HTTP://example.com/x", "mailto:ic@example.com", "#md-the-situation",
                "../glossary.html#bulkhead", "rubric.html", "http://www.example.com", "https://example.org",
                "mailto:ic@example.com");
    }

    @Test
    void linksAreCheckedAsABrowserReadsTheScheme() {
        assertThat(Links.safe(" \u0001J\ta\nv\rascript:alert(1)")).isNull();
        assertThat(Links.safe("\u00a0javascript:alert(1)")).as("no browser strips a no-break space: a path")
                .isEqualTo("\u00a0javascript:alert(1)");
        assertThat(Links.safe("ht\ttps://example.com")).isEqualTo("https://example.com");
        assertThat(Links.relative("https://example.com")).isFalse();
        assertThat(Links.relative("a/b.png")).isTrue();
    }

    @Test
    void imagesComeOnlyFromTheProblemsOwnFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("problem"));
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", dir.resolve("topology.png").toFile());
        Files.createDirectories(dir.resolve("img"));
        ImageIO.write(img, "png", dir.resolve("img/pool.png").toFile());
        Files.writeString(dir.resolve("notes.txt"), "not a picture");
        Path outside = tmp.resolve("secret.png");
        ImageIO.write(img, "png", outside.toFile());
        Files.createSymbolicLink(dir.resolve("link.png"), outside);
        Path site = Files.createDirectories(tmp.resolve("site"));
        Markdown md = new Markdown(new ProblemImages(dir, "media/p/files/", new Assets(site), "../"));

        Document ok = Jsoup.parseBodyFragment(md.html("![The topology](topology.png) ![Pool](img/pool.png)"));
        List<String> srcs = ok.select("img").eachAttr("src");
        assertThat(srcs).hasSize(2).allMatch(s -> s.matches("\\.\\./media/p/files/(img/pool|topology)\\.[0-9a-f]{10}\\.png"));
        for (String s : srcs) {
            assertThat(site.resolve(s.substring(3))).hasSameBinaryContentAs(dir.resolve(s.contains("pool")
                    ? "img/pool.png" : "topology.png"));
        }
        for (String bad : List.of("data:image/png;base64,iVBORw0KGgo=", "https://evil.example/x.png",
                "//evil.example/x.png", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "../secret.png", "/etc/x.png",
                "img/../../secret.png", "notes.txt", "link.png", "missing.png", "topology.png?x=1", ".hidden.png",
                "file:///etc/passwd")) {
            Document d = Jsoup.parseBodyFragment(md.html("![shown instead](" + bad + ")"));
            assertThat(d.select("img")).as(bad).isEmpty();
            assertThat(d.text()).as(bad).isEqualTo("shown instead");
        }
        assertThat(Jsoup.parseBodyFragment(Markdown.NO_IMAGES.html("![t](topology.png)")).select("img")).isEmpty();
    }

    @Test
    void aWalkthroughImageIsPublishedWithTheSite() throws Exception {
        Path bank = TempBank.copy(tmp.resolve("bank"), "bank-api-slow");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png",
                bank.resolve("bank-api-slow/pool.png").toFile());
        TempBank.edit(bank.resolve("bank-api-slow/walkthrough.md"),
                w -> w + "\n![Order's pool, full](pool.png) ![elsewhere](https://example.com/x.png)\n");
        Path out = tmp.resolve("out");
        SiteBuilder.publish(Bank.load(bank), new SiteMedia(Map.of()), SiteFixture.templates(), out, null, l -> { });
        Path page = out.resolve("problems/bank-api-slow.html");
        Document d = Jsoup.parse(page.toFile());
        assertThat(d.select("#sec-walkthrough img").eachAttr("alt")).containsExactly("Order's pool, full");
        String src = d.select("#sec-walkthrough img").attr("src");
        assertThat(page.getParent().resolve(src).normalize()).isRegularFile()
                .hasSameBinaryContentAs(bank.resolve("bank-api-slow/pool.png"));
        assertThat(d.select("#sec-walkthrough").text()).contains("elsewhere");
    }
}
