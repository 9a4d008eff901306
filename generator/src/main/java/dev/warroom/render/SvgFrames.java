package dev.warroom.render;

import dev.warroom.story.Frame;
import dev.warroom.story.Storyboard;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Locale;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SVG stills through Batik's SVGGraphics2D: the painter's picture as a standalone SVG with
 * a viewBox, a {@code <title>} and {@code <desc>}, text kept as text.
 */
final class SvgFrames {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private SvgFrames() {
    }

    /** The SVG document of frame {@code f} as text. */
    static String svg(Storyboard sb, Frame f) {
        DOMImplementation impl = GenericDOMImplementation.getDOMImplementation();
        Document doc = impl.createDocument(SVG_NS, "svg", null);
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
        ctx.setComment(null);
        ctx.setPrecision(1);
        ctx.setEmbeddedFontsOn(false);
        SVGGraphics2D g = new SVGGraphics2D(ctx, false);
        g.setSVGCanvasSize(new java.awt.Dimension(Painter.W, Painter.H));
        Painter.paint(g, sb, f, Painter.W, Painter.H);
        Element root = g.getRoot();
        root.setAttributeNS(null, "viewBox", "0 0 " + Painter.W + " " + Painter.H);
        root.setAttributeNS(null, "width", Integer.toString(Painter.W));
        root.setAttributeNS(null, "height", Integer.toString(Painter.H));
        root.setAttributeNS(null, "role", "img");
        Element title = doc.createElementNS(SVG_NS, "title");
        title.setTextContent(sb.title() + " — " + f.clock());
        Element desc = doc.createElementNS(SVG_NS, "desc");
        desc.setTextContent(describe(f));
        root.insertBefore(desc, root.getFirstChild());
        root.insertBefore(title, desc);
        StringWriter w = new StringWriter(24_000);
        try {
            g.stream(root, w, false, false);
        } catch (org.apache.batik.svggen.SVGGraphics2DIOException e) {
            throw new IllegalStateException("cannot write SVG: " + e.getMessage(), e);
        } finally {
            g.dispose();
        }
        return compact(w.toString());
    }

    private static final java.util.regex.Pattern RGB = java.util.regex.Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)");
    private static final java.util.regex.Pattern NO_STROKE_WIDTH =
            java.util.regex.Pattern.compile("<(circle|rect|path|text|ellipse)([^>]*?) stroke-width=\"[^\"]*\"([^>]*stroke=\"none\")");

    /**
     * Batik's output, minus its bloat: the layout whitespace inside tags, the DTD, the
     * rendering hints, stroke widths on unstroked shapes; colours as hex. The picture is
     * unchanged.
     */
    static String compact(String svg) {
        String s = svg.replaceFirst("(?s)<\\?xml.*?<svg", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg");
        s = s.replaceAll("\\s*\n\\s*(/?>)", "$1")
                .replace(" text-rendering=\"geometricPrecision\"", "")
                .replace(" xml:space=\"preserve\"", "")
                .replace(" font-family=\"&apos;Dialog&apos;\"", " font-family=\"sans-serif\"")
                .replace(" font-family=\"'Dialog'\"", " font-family=\"sans-serif\"");
        s = NO_STROKE_WIDTH.matcher(s).replaceAll("<$1$2$3");
        java.util.regex.Matcher m = RGB.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, String.format(Locale.ROOT, "#%02x%02x%02x",
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A text alternative: the clock, every service's health, the caption. */
    static String describe(Frame f) {
        StringBuilder s = new StringBuilder("At ").append(f.clock()).append(": ");
        for (int p = 0; p < f.panes().size(); p++) {
            Frame.PaneFrame pf = f.panes().get(p);
            if (f.panes().size() > 1) {
                s.append(p == 0 ? "" : " | ").append(pf.pane().label()).append(": ");
            }
            for (int i = 0; i < pf.nodes().size(); i++) {
                var n = pf.nodes().get(i);
                s.append(i == 0 ? "" : ", ").append(pf.pane().scene().nodes().get(i).name()).append(' ')
                        .append(n.health().word());
                if (!"healthy".equals(n.reason()) && !"idle".equals(n.reason())) {
                    s.append(" (").append(n.reason()).append(')');
                }
            }
            s.append('.');
        }
        if (f.caption() != null) {
            s.append(' ').append(f.caption().text());
        }
        return s.toString().toLowerCase(Locale.ROOT).isEmpty() ? "" : s.toString();
    }

    static void write(Storyboard sb, Frame f, Writer out) throws IOException {
        out.write(svg(sb, f));
    }
}
