package dev.warroom.site;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.html.AttributeProvider;

/**
 * Anchor ids for the headings of author Markdown: {@code md-} and a slug of the heading's
 * text ("## Quiz data" → {@code md-quiz-data}). The prefix keeps them apart from the page's
 * own ids (no template writes an id starting with {@code md-}), so a heading can never take
 * the id a script looks up; the slug is lower-cased in {@link Locale#ROOT}, so a build under
 * a Turkish locale gives the same ids. One instance per rendered document.
 */
final class HeadingIds implements AttributeProvider {
    /** The prefix of every id made from author text. */
    static final String PREFIX = "md-";

    private static final Pattern DROPPED = Pattern.compile("[^\\p{L}\\p{N}_-]+");
    private static final Pattern AUTHOR_ID = Pattern.compile("(?<![\\w-])id=\"(" + PREFIX + "[^\"]*)\"");
    private final Set<String> used = new HashSet<>();

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
        if (node instanceof Heading) {
            attributes.put("id", unique(used, PREFIX + slug(text(node))));
        }
    }

    /** Lower case, spaces to '-', only letters, digits, '_' and '-' kept; "section" when nothing is left. */
    static String slug(String text) {
        String s = DROPPED.matcher(text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-")).replaceAll("");
        return s.isEmpty() ? "section" : s;
    }

    /**
     * A page with the same heading in two of its Markdown fields would repeat an id: the
     * second and later ones get "-2", "-3", ... Only ids this class made start with
     * {@code id="md-}: author text cannot write a raw quote into the page.
     */
    static String uniqueOnPage(String html) {
        Set<String> seen = new HashSet<>();
        Matcher m = AUTHOR_ID.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("id=\"" + unique(seen, m.group(1)) + "\""));
        }
        return m.appendTail(out).toString();
    }

    private static String unique(Set<String> used, String id) {
        String candidate = id;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = id + "-" + n;
        }
        return candidate;
    }

    private static String text(Node heading) {
        StringBuilder sb = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                sb.append(code.getLiteral());
            }
        });
        return sb.toString();
    }
}
