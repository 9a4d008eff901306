package dev.warroom.site;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown from problem files to HTML, safely: raw HTML is escaped and unsafe link
 * schemes (javascript:) are dropped, so no problem file can inject script.
 */
final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            AutolinkExtension.create(), HeadingAnchorExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    /** Block HTML of a Markdown text. */
    static String html(String markdown) {
        return markdown == null ? "" : RENDERER.render(PARSER.parse(markdown));
    }

    /** Inline HTML: a single paragraph's content without the {@code <p>} wrapper. */
    static String inline(String markdown) {
        String h = html(markdown).strip();
        if (h.startsWith("<p>") && h.endsWith("</p>") && h.indexOf("<p>", 3) < 0) {
            return h.substring(3, h.length() - 4);
        }
        return h;
    }
}
