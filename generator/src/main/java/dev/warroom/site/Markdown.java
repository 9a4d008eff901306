package dev.warroom.site;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown from problem files to HTML, safely: raw HTML is escaped and unsafe link
 * schemes (javascript:) are dropped, so no problem file can inject script. Headings get
 * anchor ids of their own namespace ({@link HeadingIds}).
 */
final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true)
            .attributeProviderFactory(context -> new HeadingIds()).build();

    private Markdown() {
    }

    /** Block HTML of a Markdown text. */
    static String html(String markdown) {
        return markdown == null ? "" : RENDERER.render(PARSER.parse(markdown));
    }

    /**
     * A document placed under a page's own headings: a leading level-1 heading (the
     * document's title, already the page's) is dropped and the others move one level down.
     */
    static String section(String markdown) {
        if (markdown == null) {
            return "";
        }
        org.commonmark.node.Node doc = PARSER.parse(markdown);
        org.commonmark.node.Node first = doc.getFirstChild();
        if (first instanceof org.commonmark.node.Heading h && h.getLevel() == 1) {
            first.unlink();
        }
        doc.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + 1));
                visitChildren(heading);
            }
        });
        return RENDERER.render(doc);
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
