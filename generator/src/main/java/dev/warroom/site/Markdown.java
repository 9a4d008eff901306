package dev.warroom.site;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Markdown from problem files to HTML, safely: raw HTML is escaped; a link goes only to
 * http, https, mailto or a relative address ({@link Links}), else its text stays without the
 * link; an image shows only when it is one of the problem's own files ({@link Images}), else
 * its text stands in. Headings get anchor ids of their own namespace ({@link HeadingIds}).
 */
final class Markdown {
    /** Where an image of author text may come from. */
    interface Images {
        /** The image's address in the site for {@code destination} as written, or null to drop it. */
        String src(String destination);
    }

    /** Markdown where no image is allowed (text outside a problem, such as the glossary). */
    static final Markdown NO_IMAGES = new Markdown(destination -> null);

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    /** What the checks of {@link #safeTree} let through is checked again as it is written. */
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).urlSanitizer(new UrlSanitizer() {
                @Override
                public String sanitizeLinkUrl(String url) {
                    String safe = Links.safe(url);
                    return safe == null ? "" : safe;
                }

                @Override
                public String sanitizeImageUrl(String url) {
                    return Links.relative(url) ? url : "";
                }
            })
            .attributeProviderFactory(context -> new HeadingIds()).build();

    private final Images images;

    Markdown(Images images) {
        this.images = images;
    }

    /** Block HTML of a Markdown text. */
    String html(String markdown) {
        return markdown == null ? "" : RENDERER.render(safeTree(PARSER.parse(markdown)));
    }

    /**
     * A document placed under a page's own headings: a leading level-1 heading (the
     * document's title, already the page's) is dropped and the others move one level down.
     */
    String section(String markdown) {
        if (markdown == null) {
            return "";
        }
        Node doc = PARSER.parse(markdown);
        Node first = doc.getFirstChild();
        if (first instanceof Heading h && h.getLevel() == 1) {
            first.unlink();
        }
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + 1));
                visitChildren(heading);
            }
        });
        return RENDERER.render(safeTree(doc));
    }

    /** Inline HTML: a single paragraph's content without the {@code <p>} wrapper. */
    String inline(String markdown) {
        String h = html(markdown).strip();
        if (h.startsWith("<p>") && h.endsWith("</p>") && h.indexOf("<p>", 3) < 0) {
            return h.substring(3, h.length() - 4);
        }
        return h;
    }

    /** Links to where author text may not link and images that are not the problem's own lose their node. */
    private Node safeTree(Node doc) {
        List<Link> links = new ArrayList<>();
        List<Image> pictures = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link);
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                pictures.add(image);
                visitChildren(image);
            }
        });
        for (Link l : links) {
            String safe = Links.safe(l.getDestination());
            if (safe == null) {
                unwrap(l);
            } else {
                l.setDestination(safe);
            }
        }
        for (Image i : pictures) {
            String src = images.src(i.getDestination());
            if (src == null) {
                unwrap(i);
            } else {
                i.setDestination(src);
            }
        }
        return doc;
    }

    /** Replaces a node by its children: a link by its text, an image by its description. */
    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }
}
