package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No broken internal link, asset or anchor anywhere in the site, and nothing loaded from outside it. */
@org.junit.jupiter.api.Tag("slow")
class LinkCheckTest {
    @TempDir
    Path tmp;

    @Test
    void everyRelativeLinkAndAnchorResolvesInsideTheSite() throws Exception {
        List<String> broken = new ArrayList<>();
        assertThat(check(SiteFixture.build(tmp), broken)).isGreaterThan(100);
        assertThat(broken).isEmpty();
    }

    /** Adds every broken link, asset, anchor or external resource of the site to {@code broken}; returns how many links it checked. */
    static int check(Path built, List<String> broken) throws IOException {
        Path site = built.toAbsolutePath().normalize();
        Map<Path, Document> docs = new HashMap<>();
        for (Path p : SiteFiles.pages(site)) {
            docs.put(p, Jsoup.parse(p.toFile(), "UTF-8"));
        }
        int checked = 0;
        for (var e : docs.entrySet()) {
            Path page = e.getKey();
            for (Element el : e.getValue().select("[href], [src], [poster]")) {
                for (String attr : new String[] {"href", "src", "poster"}) {
                    String ref = el.attr(attr);
                    if (ref.isEmpty() || ref.startsWith("data:") || ref.startsWith("mailto:")) {
                        continue;
                    }
                    if (ref.startsWith("http:") || ref.startsWith("https:") || ref.startsWith("//")) {
                        if (!"a".equals(el.tagName())) {
                            broken.add(where(site, page) + ": external resource " + ref);
                        }
                        continue;
                    }
                    checked++;
                    String problem = resolve(site, page, ref, docs);
                    if (problem != null) {
                        broken.add(where(site, page) + ": " + attr + "=\"" + ref + "\" " + problem);
                    }
                }
            }
        }
        return checked;
    }

    private static String resolve(Path site, Path page, String ref, Map<Path, Document> docs) throws IOException {
        URI u = URI.create(ref.replace(" ", "%20"));
        String path = u.getRawPath() == null ? "" : URLDecoder.decode(u.getRawPath(), StandardCharsets.UTF_8);
        Path target = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!target.startsWith(site)) {
            return "leaves the site";
        }
        if (!Files.isRegularFile(target)) {
            return "no such file " + site.relativize(target);
        }
        String frag = u.getFragment();
        if (frag != null && !frag.isEmpty() && target.toString().endsWith(".html")) {
            Document d = docs.get(target);
            if (d.getElementById(frag) == null && d.select("a[name=" + frag + "]").isEmpty()) {
                return "no anchor #" + frag + " in " + site.relativize(target);
            }
        }
        return null;
    }

    private static String where(Path site, Path page) {
        return site.relativize(page).toString();
    }
}
