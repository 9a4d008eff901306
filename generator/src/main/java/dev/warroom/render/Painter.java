package dev.warroom.render;

import dev.warroom.story.EdgeState;
import dev.warroom.story.Frame;
import dev.warroom.story.Health;
import dev.warroom.story.NodeState;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The one painter: draws a {@link Frame} of a {@link Storyboard} onto any Graphics2D — a
 * BufferedImage for the video, Batik's SVGGraphics2D for the SVG frames — so both show the
 * same picture. It draws in a 1280x720 design space and scales uniformly to the target.
 */
final class Painter {
    static final int W = 1280;
    static final int H = 720;

    // regions of the design space; below CAPTION_ZONE nothing is drawn: the player's controls
    // and its WebVTT captions (the one place of the narration) show there
    static final Rectangle2D SCENE = new Rectangle2D.Double(16, 62, 1248, 428);
    static final double LEGEND_Y = 512;
    static final double LEGEND_Y2 = 532;
    static final double TRACK_Y = 558;
    static final double TRACK_X0 = 96;
    static final double TRACK_X1 = 1184;
    static final double CAPTION_ZONE = 604;

    /** Card heights with one and with two lines of name. */
    static final double CARD_H = 64;
    static final double CARD_H2 = 80;
    private static final double NAME_LEAD = 17;
    /** Cards narrower than this leave out the reason, the error rate and the queue. */
    private static final double COMPACT_W = 240;

    static final BasicStroke HAIR = new BasicStroke(1f);
    private static final BasicStroke EDGE_STROKE = new BasicStroke(1.6f);
    static final BasicStroke BORDER = new BasicStroke(2f);
    private static final BasicStroke ICON = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private Painter() {
    }

    /**
     * What a paint covers. A video frame is the storyboard's {@link #BACKDROP} (painted once per
     * canvas and copied) with the frame's {@link #MOTION} on top; the two cover disjoint parts
     * of the picture, except that dots cross the edges' lines, which the backdrop holds and the
     * full paint also draws first, so the result is the full paint's pixels. SVG frames paint
     * {@link #ALL} in one pass, in the full order.
     */
    enum Layer {
        ALL, BACKDROP, MOTION;

        boolean backdrop() {
            return this != MOTION;
        }

        boolean motion() {
            return this != BACKDROP;
        }
    }

    /** Paints frame {@code f} of {@code sb} filling a {@code width}x{@code height} target. */
    static void paint(Graphics2D g, Storyboard sb, Frame f, int width, int height) {
        paint(g, sb, f, width, height, Layer.ALL);
    }

    /** Paints {@code layer} of frame {@code f}; the backdrop is the same for every frame of {@code sb}. */
    static void paint(Graphics2D g, Storyboard sb, Frame f, int width, int height, Layer layer) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        if (layer.backdrop()) {
            g.setColor(Palette.BG);
            g.fill(new Rectangle2D.Double(0, 0, width, height));
        }
        AffineTransform saved = g.getTransform();
        double s = Math.min(width / (double) W, height / (double) H);
        g.translate((width - W * s) / 2, (height - H * s) / 2);
        g.scale(s, s);
        Chrome.header(g, sb, f, layer);
        int panes = f.panes().size();
        for (int i = 0; i < panes; i++) {
            pane(g, f.panes().get(i), paneRect(i, panes), f.animationSec(), panes > 1, layer);
        }
        if (layer.backdrop()) {
            Chrome.legend(g);
        }
        Chrome.timeline(g, sb, f, layer);
        g.setTransform(saved);
    }

    // ---- one pane: edges, dots, cards -------------------------------------------------

    /** The scene area of pane {@code i} of {@code panes}, in design units. */
    static Rectangle2D paneRect(int i, int panes) {
        double gap = 16;
        double pw = (SCENE.getWidth() - gap * (panes - 1)) / panes;
        return new Rectangle2D.Double(SCENE.getX() + i * (pw + gap), SCENE.getY(), pw, SCENE.getHeight());
    }

    /** The cards of a scene drawn in {@code r}, in scene order, in design units. */
    static List<Rectangle2D> cards(SceneSpec scene, Rectangle2D r, boolean labelled) {
        List<Rectangle2D> out = new ArrayList<>();
        for (Box b : boxes(scene, r, labelled)) {
            out.add(new Rectangle2D.Double(b.x(), b.y(), b.w(), b.h()));
        }
        return out;
    }

    /**
     * The layout fills the pane: the nodes' relative positions are stretched to its width and
     * height, and cards are as wide as the closest two of a layer allow (at most 300). A name
     * that does not fit on one line takes two, and then every card of the scene is taller.
     */
    private static List<Box> boxes(SceneSpec scene, Rectangle2D r, boolean labelled) {
        List<SceneSpec.Node> nodes = scene.nodes();
        double top = r.getY() + (labelled ? 30 : 8);
        double bottom = r.getY() + r.getHeight() - 8;
        double left = r.getX() + 8;
        double right = r.getX() + r.getWidth() - 8;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (SceneSpec.Node n : nodes) {
            minX = Math.min(minX, n.x());
            maxX = Math.max(maxX, n.x());
            minY = Math.min(minY, n.y());
            maxY = Math.max(maxY, n.y());
        }
        double rangeX = maxX - minX;
        double closest = rangeX;
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                if (Math.abs(nodes.get(i).y() - nodes.get(j).y()) < 1e-9) {
                    closest = Math.min(closest, Math.abs(nodes.get(i).x() - nodes.get(j).x()));
                }
            }
        }
        double avail = right - left;
        // neighbours of a layer are closest * (avail - cw) apart, which must leave 16 between cards
        double du = rangeX <= 0 ? 0 : closest / rangeX;
        // one column (a chain) gets wider cards: the width cannot be filled otherwise
        double cw = rangeX <= 0 ? Math.min(420, avail)
                : du >= 1 ? Math.min(300, avail) : Math.min(300, (du * avail - 16) / (1 + du));
        double ch = CARD_H;
        for (SceneSpec.Node n : nodes) {
            if (nameLines(n.name(), cw).size() > 1) {
                ch = CARD_H2;
            }
        }
        double spanX = avail - cw;
        double spanY = bottom - top - ch;
        List<Box> boxes = new ArrayList<>();
        for (SceneSpec.Node n : nodes) {
            double cx = left + cw / 2 + (rangeX <= 0 ? spanX / 2 : (n.x() - minX) / rangeX * spanX);
            double cy = top + ch / 2 + (maxY - minY <= 0 ? spanY / 2 : (n.y() - minY) / (maxY - minY) * spanY);
            boxes.add(new Box(cx - cw / 2, cy - ch / 2, cw, ch));
        }
        return boxes;
    }

    /** Room for the name on a card of width {@code w}: after the stripe and icon, before the edge. */
    static double nameRoom(double w) {
        return w - 42;
    }

    /** The name's type: 15 px bold, 14 on compact cards. */
    static java.awt.Font nameFont(double cardWidth) {
        return cardWidth < COMPACT_W ? Palette.BODY_BOLD : Palette.NAME;
    }

    /** The name on one line, or on two when it does not fit: never cut. */
    static List<String> nameLines(String name, double cardWidth) {
        double room = nameRoom(cardWidth);
        java.awt.Font font = nameFont(cardWidth);
        if (Palette.width(font, name) <= room) {
            return List.of(name);
        }
        String[] words = name.split(" ");
        // the split that keeps the wider line narrowest
        List<String> best = List.of(name);
        double bestW = Double.MAX_VALUE;
        for (int k = 1; k < words.length; k++) {
            String a = String.join(" ", java.util.Arrays.copyOfRange(words, 0, k));
            String b = String.join(" ", java.util.Arrays.copyOfRange(words, k, words.length));
            double w = Math.max(Palette.width(font, a), Palette.width(font, b));
            if (w < bestW) {
                bestW = w;
                best = List.of(a, b);
            }
        }
        return best;
    }

    private record Box(double x, double y, double w, double h) {
        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    private static void pane(Graphics2D g, Frame.PaneFrame pf, Rectangle2D r, double anim, boolean labelled, Layer layer) {
        SceneSpec scene = pf.pane().scene();
        if (layer.backdrop()) {
            g.setColor(Palette.PANEL);
            g.fill(new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), 12, 12));
        }
        if (labelled && layer.backdrop()) {
            g.setFont(Palette.PANE);
            g.setColor(Palette.TEXT);
            Text.text(g, Text.fit(g, pf.pane().label(), r.getWidth() - 24), r.getX() + 12, r.getY() + 19);
        }
        List<Box> boxes = boxes(scene, r, labelled);
        boolean compact = boxes.isEmpty() || boxes.get(0).w() < COMPACT_W;
        // drawn in passes, one kind of mark at a time across the scene, so that an SVG groups
        // same-styled marks (far fewer <g> elements); nothing overlaps, so the picture is the same
        // the edges' lines (pass 0) are the backdrop; the dots and badges move
        for (int pass = layer.backdrop() ? 0 : 1; pass < (layer.motion() ? EDGE_PASSES : 1); pass++) {
            for (int i = 0; i < scene.edges().size(); i++) {
                SceneSpec.Edge e = scene.edges().get(i);
                int a = indexOf(scene, e.from());
                int b = indexOf(scene, e.to());
                if (a >= 0 && b >= 0) {
                    edge(g, boxes.get(a), boxes.get(b), pf.edges().get(i), anim, i, pass);
                }
            }
        }
        if (!layer.motion()) {
            return;
        }
        Integer[] order = new Integer[scene.nodes().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // within a pass, cards of the same health one after another
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> pf.nodes().get(i).health().ordinal()));
        for (int pass = 0; pass < CARD_PASSES; pass++) {
            for (int i : order) {
                card(g, scene.nodes().get(i), pf.nodes().get(i), boxes.get(i), compact, pass);
            }
        }
    }

    private static final int EDGE_PASSES = 8;
    private static final int CARD_PASSES = 11;

    private static int indexOf(SceneSpec scene, String id) {
        for (int i = 0; i < scene.nodes().size(); i++) {
            if (scene.nodes().get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the segment from the box centre towards (tx, ty) leaves the box. */
    private static double[] exit(Box b, double tx, double ty, double pad) {
        double dx = tx - b.cx();
        double dy = ty - b.cy();
        double hw = b.w() / 2 + pad;
        double hh = b.h() / 2 + pad;
        double k = Math.min(dx == 0 ? Double.MAX_VALUE : hw / Math.abs(dx), dy == 0 ? Double.MAX_VALUE : hh / Math.abs(dy));
        return new double[] {b.cx() + dx * k, b.cy() + dy * k};
    }

    /** Pass 0: the line and arrow; 1..6: the dots of one kind; 7: the breaker badge. */
    private static void edge(Graphics2D g, Box from, Box to, EdgeState st, double anim, int salt, int pass) {
        double[] p0 = exit(from, to.cx(), to.cy(), 2);
        double[] p1 = exit(to, from.cx(), from.cy(), 4);
        double dx = p1[0] - p0[0];
        double dy = p1[1] - p0[1];
        double len = Math.hypot(dx, dy);
        if (len < 4) {
            return;
        }
        if (pass == 0) {
            double ux = dx / len;
            double uy = dy / len;
            g.setStroke(EDGE_STROKE);
            g.setColor(Palette.EDGE);
            g.draw(new Line2D.Double(p0[0], p0[1], p1[0], p1[1]));
            Path2D head = new Path2D.Double();
            head.moveTo(p1[0], p1[1]);
            head.lineTo(p1[0] - ux * 8 - uy * 4, p1[1] - uy * 8 + ux * 4);
            head.lineTo(p1[0] - ux * 8 + uy * 4, p1[1] - uy * 8 - ux * 4);
            head.closePath();
            g.fill(head);
            return;
        }
        if (pass == EDGE_PASSES - 1) {
            if (!"none".equals(st.breaker())) {
                breakerBadge(g, p0[0] + dx * 0.5, p0[1] + dy * 0.5, st.breaker());
            }
            return;
        }
        // request dots: density follows the call rate (log scale), colour the outcome
        int kind = pass - 1;
        double perHundred = 2.2 * Math.log10(1 + st.callsPerSec());
        int n = (int) Math.min(28, Math.round(perHundred * len / 100));
        if (st.callsPerSec() >= 0.5) {
            n = Math.max(n, 2); // a short edge with traffic still shows it, and its mix
        }
        if (n <= 0) {
            return;
        }
        // colours by stratified shares (a dot for each n-th of the mix, the majority first when
        // dots are few); retries: at least one diamond as soon as 2 % of the attempts are retries
        int retries = st.retryShare() < 0.02 ? 0 : (int) Math.ceil(n * st.retryShare() - 1e-9);
        double speed = 70 * (1 - 0.8 * st.pending()) + 12;
        double phase = anim * speed / len;
        double[] cum = {st.ok(), st.failed(), st.timedOut(), st.fastFailed(), st.pending()};
        double total = 0;
        for (double c : cum) {
            total += c;
        }
        for (int i = 0; i < n; i++) {
            double u = frac((double) i / n + phase);
            int k = outcome(cum, total, ((i + salt) % n + 0.5) / n);
            boolean retry = (i + 3 * salt) % n < retries;
            int drawn = retry && k != 3 ? 5 : k;
            if (drawn != kind) {
                continue;
            }
            if (k == 3) {
                u *= 0.22; // refused at the caller: never travels far
            }
            dot(g, p0[0] + dx * u, p0[1] + dy * u, drawn);
        }
    }

    private static int outcome(double[] cum, double total, double u) {
        if (total <= 0) {
            return 0;
        }
        double acc = 0;
        for (int k = 0; k < cum.length; k++) {
            acc += cum[k] / total;
            if (u < acc) {
                return k;
            }
        }
        return cum.length - 1;
    }

    /** 0 ok, 1 error, 2 timeout, 3 fast fail, 4 waiting, 5 retry. */
    static void dot(Graphics2D g, double x, double y, int kind) {
        switch (kind) {
            case 0 -> fillCircle(g, Palette.SKY, x, y, 3.6);
            case 1 -> fillCircle(g, Palette.RED, x, y, 3.6);
            case 2 -> fillCircle(g, Palette.YELLOW, x, y, 3.6);
            case 3 -> {
                g.setColor(Palette.GREY);
                g.setStroke(ICON);
                g.draw(new Line2D.Double(x - 3, y - 3, x + 3, y + 3));
                g.draw(new Line2D.Double(x - 3, y + 3, x + 3, y - 3));
            }
            case 4 -> {
                g.setColor(Palette.GREY);
                g.setStroke(HAIR);
                g.draw(new Ellipse2D.Double(x - 3.4, y - 3.4, 6.8, 6.8));
            }
            default -> {
                g.setColor(Palette.PURPLE);
                Path2D d = new Path2D.Double();
                d.moveTo(x, y - 5);
                d.lineTo(x + 5, y);
                d.lineTo(x, y + 5);
                d.lineTo(x - 5, y);
                d.closePath();
                g.fill(d);
            }
        }
    }

    private static void fillCircle(Graphics2D g, Color c, double x, double y, double r) {
        g.setColor(c);
        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    private static void breakerBadge(Graphics2D g, double x, double y, String state) {
        String word = switch (state) {
            case "open" -> "OPEN";
            case "half_open" -> "HALF";
            default -> "CLOSED";
        };
        Color c = switch (state) {
            case "open" -> Palette.RED;
            case "half_open" -> Palette.ORANGE;
            default -> Palette.MUTED;
        };
        g.setFont(Palette.SMALL_BOLD);
        double w = 28 + g.getFontMetrics().stringWidth(word);
        g.setColor(Palette.BG);
        // 16 high: it sits in the gap between two layers of cards
        g.fill(new RoundRectangle2D.Double(x - w / 2, y - 8, w, 16, 8, 8));
        g.setColor(c);
        g.setStroke(HAIR);
        g.draw(new RoundRectangle2D.Double(x - w / 2, y - 8, w, 16, 8, 8));
        switchIcon(g, x - w / 2 + 5, y - 4, state, c);
        Text.text(g, word, x - w / 2 + 23, y + 5);
    }

    /** A knife switch: closed lies flat, open stands up, half-open halfway. */
    static void switchIcon(Graphics2D g, double x, double y, String state, Color c) {
        g.setColor(c);
        g.setStroke(ICON);
        double angle = switch (state) {
            case "open" -> Math.toRadians(50);
            case "half_open" -> Math.toRadians(25);
            default -> 0;
        };
        g.fill(new Ellipse2D.Double(x - 1.5, y + 2.5, 3, 3));
        g.fill(new Ellipse2D.Double(x + 11.5, y + 2.5, 3, 3));
        g.draw(new Line2D.Double(x, y + 4, x + 12 * Math.cos(angle), y + 4 - 12 * Math.sin(angle)));
    }

    /**
     * One pass of a card: 0 ground, 1 health stripe and border, 2 icon, 3 name and breaker,
     * 4 health word, 5 reason, 6 latency and errors, 7 gauge track, 8 gauge fill, 9 queue
     * mark, 10 gauge label.
     */
    private static void card(Graphics2D g, SceneSpec.Node node, NodeState st, Box b, boolean compact, int pass) {
        Color hc = Palette.mix(Palette.health(st.previousHealth()), Palette.health(st.health()), st.blend());
        RoundRectangle2D shape = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 10, 10);
        double left = b.x() + 18;
        double right = b.x() + b.w() - 8;
        List<String> name = nameLines(node.name(), b.w());
        double twoLines = b.h() > CARD_H ? NAME_LEAD - 1 : 0; // every row below the name moves down on tall cards
        double statusY = b.y() + 41 + twoLines;
        double gy = b.y() + 48 + twoLines;
        String label = st.threads() > 0
                ? Text.count(st.active()) + "/" + Text.count(st.threads()) + (st.queued() >= 0.5 && !compact ? " +" + Text.count(st.queued()) + "q" : "")
                : (node.external() && !compact ? "external · " : "") + Text.count(st.active()) + " in flight";
        g.setFont(Palette.SMALL);
        double gw = Math.max(20, right - left - g.getFontMetrics().stringWidth(label) - 8);
        switch (pass) {
            case 0 -> {
                g.setColor(Palette.CARD);
                g.fill(shape);
            }
            case 1 -> {
                g.setColor(hc);
                // the health stripe: solid, 12 px wide, what the pixel tests sample
                g.fill(new RoundRectangle2D.Double(b.x(), b.y(), 12, b.h(), 10, 10));
                g.fill(new Rectangle2D.Double(b.x() + 6, b.y(), 6, b.h()));
                g.setStroke(BORDER);
                g.draw(shape);
            }
            case 2 -> healthIcon(g, st.health(), left + 7, b.y() + 16, hc);
            case 3 -> {
                g.setColor(Palette.TEXT);
                g.setFont(nameFont(b.w()));
                for (int i = 0; i < name.size(); i++) {
                    Text.text(g, name.get(i), left + 18, b.y() + 21 + i * NAME_LEAD);
                }
                // the card's breaker, when there is room beside a one-line name (the edge shows it too)
                boolean room = name.size() == 1 && Palette.width(nameFont(b.w()), name.get(0)) + 80 <= nameRoom(b.w());
                if (!compact && room && !"none".equals(st.breaker())) {
                    g.setFont(Palette.SMALL_BOLD);
                    String w = "open".equals(st.breaker()) ? "OPEN" : "half_open".equals(st.breaker()) ? "HALF" : "CLOSED";
                    Color c = "open".equals(st.breaker()) ? Palette.RED : Palette.MUTED;
                    double ww = g.getFontMetrics().stringWidth(w);
                    switchIcon(g, right - ww - 20, b.y() + 11, st.breaker(), c);
                    g.setColor(c);
                    Text.right(g, w, right, b.y() + 20);
                }
            }
            case 4 -> {
                g.setFont(Palette.BODY_BOLD);
                g.setColor(hc);
                Text.text(g, st.health().word(), left, statusY);
            }
            case 5 -> {
                if (!compact) {
                    g.setFont(Palette.BODY_BOLD);
                    double wx = left + g.getFontMetrics().stringWidth(st.health().word()) + 6;
                    g.setFont(Palette.BODY);
                    double statsW = g.getFontMetrics().stringWidth(stats(st, compact));
                    g.setColor(Palette.MUTED);
                    // a reason that does not fit is left out, not cut
                    if (g.getFontMetrics().stringWidth(st.reason()) <= right - wx - statsW - 8) {
                        Text.text(g, st.reason(), wx, statusY);
                    }
                }
            }
            case 6 -> {
                g.setFont(Palette.BODY);
                g.setColor(Palette.TEXT);
                Text.right(g, stats(st, compact), right, statusY);
            }
            case 7 -> {
                if (st.threads() > 0) {
                    g.setColor(Palette.TRACK);
                    g.fill(new Rectangle2D.Double(left, gy, gw, 8));
                }
            }
            case 8 -> {
                if (st.threads() > 0) {
                    g.setColor(hc);
                    g.fill(new Rectangle2D.Double(left, gy, gw * Math.min(1, st.active() / st.threads()), 8));
                }
            }
            case 9 -> {
                if (st.threads() > 0 && st.queued() >= 0.5) {
                    g.setColor(Palette.YELLOW);
                    g.fill(new Rectangle2D.Double(left + gw - 3, gy - 2, 3, 12));
                }
            }
            default -> {
                g.setFont(Palette.SMALL);
                if (st.threads() > 0) {
                    g.setColor(Palette.TEXT);
                    Text.right(g, label, right, gy + 10);
                } else {
                    g.setColor(Palette.MUTED);
                    Text.text(g, label, left, gy + 10);
                }
            }
        }
    }

    private static String stats(NodeState st, boolean compact) {
        return compact ? Text.latency(st.p99Ms()) : Text.latency(st.p99Ms()) + " · " + Text.percent(st.errorRate()) + " err";
    }

    /** OK: a circle with a tick; WARN: a triangle with "!"; DOWN: an octagon with a cross. */
    static void healthIcon(Graphics2D g, Health h, double cx, double cy, Color c) {
        g.setColor(c);
        switch (h) {
            case OK -> {
                g.fill(new Ellipse2D.Double(cx - 7, cy - 7, 14, 14));
                g.setColor(Palette.BG);
                g.setStroke(ICON);
                Path2D t = new Path2D.Double();
                t.moveTo(cx - 3.5, cy);
                t.lineTo(cx - 1, cy + 3);
                t.lineTo(cx + 4, cy - 3);
                g.draw(t);
            }
            case WARN -> {
                Path2D t = new Path2D.Double();
                t.moveTo(cx, cy - 8);
                t.lineTo(cx + 8, cy + 6);
                t.lineTo(cx - 8, cy + 6);
                t.closePath();
                g.fill(t);
                g.setColor(Palette.BG);
                g.setStroke(ICON);
                g.draw(new Line2D.Double(cx, cy - 3, cx, cy + 1));
                g.fill(new Ellipse2D.Double(cx - 1.2, cy + 2.6, 2.4, 2.4));
            }
            default -> {
                Path2D o = new Path2D.Double();
                for (int i = 0; i < 8; i++) {
                    double a = Math.PI / 8 + i * Math.PI / 4;
                    double x = cx + 7.6 * Math.cos(a);
                    double y = cy + 7.6 * Math.sin(a);
                    if (i == 0) {
                        o.moveTo(x, y);
                    } else {
                        o.lineTo(x, y);
                    }
                }
                o.closePath();
                g.fill(o);
                g.setColor(Palette.BG);
                g.setStroke(ICON);
                g.draw(new Line2D.Double(cx - 3, cy - 3, cx + 3, cy + 3));
                g.draw(new Line2D.Double(cx - 3, cy + 3, cx + 3, cy - 3));
            }
        }
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }
}
