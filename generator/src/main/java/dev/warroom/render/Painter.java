package dev.warroom.render;

import dev.warroom.bank.Units;
import dev.warroom.story.EdgeState;
import dev.warroom.story.Frame;
import dev.warroom.story.Health;
import dev.warroom.story.NodeState;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
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
import java.util.Locale;

/**
 * The one painter: draws a {@link Frame} of a {@link Storyboard} onto any Graphics2D — a
 * BufferedImage for the video, Batik's SVGGraphics2D for the SVG frames — so both show the
 * same picture. It draws in a 1280x720 design space and scales uniformly to the target.
 */
final class Painter {
    static final int W = 1280;
    static final int H = 720;

    // regions of the design space
    static final Rectangle2D SCENE = new Rectangle2D.Double(16, 68, 1248, 462);
    static final double LEGEND_Y = 552;
    static final double TRACK_Y = 592;
    static final double TRACK_X0 = 96;
    static final double TRACK_X1 = 1184;
    static final Rectangle2D CAPTION_BAND = new Rectangle2D.Double(16, 630, 1248, 78);

    static final double CARD_H = 56;

    private static final BasicStroke HAIR = new BasicStroke(1f);
    private static final BasicStroke EDGE_STROKE = new BasicStroke(1.6f);
    private static final BasicStroke BORDER = new BasicStroke(2f);
    private static final BasicStroke ICON = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private Painter() {
    }

    /** Paints frame {@code f} of {@code sb} filling a {@code width}x{@code height} target. */
    static void paint(Graphics2D g, Storyboard sb, Frame f, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Palette.BG);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        AffineTransform saved = g.getTransform();
        double s = Math.min(width / (double) W, height / (double) H);
        g.translate((width - W * s) / 2, (height - H * s) / 2);
        g.scale(s, s);
        header(g, sb, f);
        int panes = f.panes().size();
        for (int i = 0; i < panes; i++) {
            pane(g, f.panes().get(i), paneRect(i, panes), f.animationSec(), panes > 1);
        }
        legend(g);
        timeline(g, sb, f);
        caption(g, sb, f);
        g.setTransform(saved);
    }

    // ---- header ---------------------------------------------------------------------

    private static void header(Graphics2D g, Storyboard sb, Frame f) {
        g.setColor(Palette.TEXT);
        g.setFont(Palette.TITLE);
        text(g, fit(g, sb.title(), 960), 24, 32);
        g.setFont(Palette.SUBTITLE);
        g.setColor(Palette.MUTED);
        text(g, fit(g, sb.subtitle(), 960), 24, 54);
        g.setFont(Palette.CLOCK);
        g.setColor(Palette.TEXT);
        right(g, f.clock(), 1256, 38);
        g.setFont(Palette.SMALL);
        g.setColor(Palette.MUTED);
        right(g, "wall clock · video " + sb.speedLabel() + " real time", 1256, 56);
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

    private static List<Box> boxes(SceneSpec scene, Rectangle2D r, boolean labelled) {
        double top = r.getY() + (labelled ? 26 : 6);
        double height = r.getY() + r.getHeight() - 6 - top;
        double spacing = r.getWidth() * 0.235;
        double cw = Math.min(250, spacing - 14);
        List<Box> boxes = new ArrayList<>();
        for (SceneSpec.Node n : scene.nodes()) {
            double cx = r.getX() + n.x() * r.getWidth();
            double cy = top + n.y() * height;
            boxes.add(new Box(cx - cw / 2, cy - CARD_H / 2, cw, CARD_H));
        }
        return boxes;
    }

    private record Box(double x, double y, double w, double h) {
        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    private static void pane(Graphics2D g, Frame.PaneFrame pf, Rectangle2D r, double anim, boolean labelled) {
        g.setColor(Palette.PANEL);
        g.fill(new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), 12, 12));
        SceneSpec scene = pf.pane().scene();
        if (labelled) {
            g.setFont(Palette.PANE);
            g.setColor(Palette.TEXT);
            text(g, fit(g, pf.pane().label(), r.getWidth() - 24), r.getX() + 12, r.getY() + 19);
        }
        List<Box> boxes = boxes(scene, r, labelled);
        boolean compact = boxes.isEmpty() || boxes.get(0).w() < 180;
        for (int i = 0; i < scene.edges().size(); i++) {
            SceneSpec.Edge e = scene.edges().get(i);
            int a = indexOf(scene, e.from());
            int b = indexOf(scene, e.to());
            if (a < 0 || b < 0) {
                continue;
            }
            edge(g, boxes.get(a), boxes.get(b), pf.edges().get(i), anim, i);
        }
        for (int i = 0; i < scene.nodes().size(); i++) {
            card(g, scene.nodes().get(i), pf.nodes().get(i), boxes.get(i), compact);
        }
    }

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

    private static void edge(Graphics2D g, Box from, Box to, EdgeState st, double anim, int salt) {
        double[] p0 = exit(from, to.cx(), to.cy(), 2);
        double[] p1 = exit(to, from.cx(), from.cy(), 4);
        double dx = p1[0] - p0[0];
        double dy = p1[1] - p0[1];
        double len = Math.hypot(dx, dy);
        if (len < 4) {
            return;
        }
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

        // request dots: density follows the call rate (log scale), colour the outcome
        double perHundred = 2.2 * Math.log10(1 + st.callsPerSec());
        int n = (int) Math.min(28, Math.round(perHundred * len / 100));
        if (n > 0) {
            double speed = 70 * (1 - 0.8 * st.pending()) + 12;
            double phase = anim * speed / len;
            double[] cum = {st.ok(), st.failed(), st.timedOut(), st.fastFailed(), st.pending()};
            double total = 0;
            for (double c : cum) {
                total += c;
            }
            // draw by kind so an SVG groups same-coloured dots
            for (int kind = 0; kind < 6; kind++) {
                for (int i = 0; i < n; i++) {
                    double u = frac((double) i / n + phase);
                    int k = outcome(cum, total, frac(i * 0.6180339887 + salt * 0.137));
                    boolean retry = frac(i * 0.7548776662 + salt * 0.291) < st.retryShare();
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
        }
        if (!"none".equals(st.breaker())) {
            breakerBadge(g, p0[0] + dx * 0.5, p0[1] + dy * 0.5, st.breaker());
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
        double w = 26 + g.getFontMetrics().stringWidth(word);
        g.setColor(Palette.BG);
        g.fill(new RoundRectangle2D.Double(x - w / 2, y - 9, w, 18, 8, 8));
        g.setColor(c);
        g.setStroke(HAIR);
        g.draw(new RoundRectangle2D.Double(x - w / 2, y - 9, w, 18, 8, 8));
        switchIcon(g, x - w / 2 + 5, y, state, c);
        text(g, word, x - w / 2 + 22, y + 4);
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

    private static void card(Graphics2D g, SceneSpec.Node node, NodeState st, Box b, boolean compact) {
        Color hc = Palette.mix(Palette.health(st.previousHealth()), Palette.health(st.health()), st.blend());
        RoundRectangle2D shape = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 10, 10);
        g.setColor(Palette.CARD);
        g.fill(shape);
        g.setColor(hc);
        // the health stripe: solid, 10 px wide, what the pixel tests sample
        g.fill(new RoundRectangle2D.Double(b.x(), b.y(), 12, b.h(), 10, 10));
        g.fill(new Rectangle2D.Double(b.x() + 6, b.y(), 6, b.h()));
        g.setStroke(BORDER);
        g.draw(shape);

        double left = b.x() + 18;
        double right = b.x() + b.w() - 8;
        healthIcon(g, st.health(), left + 7, b.y() + 13, hc);
        g.setColor(Palette.TEXT);
        g.setFont(compact ? Palette.NAME_SMALL : Palette.NAME);
        String name = compact ? node.name().replace(" Service", "") : node.name();
        double nameRoom = right - left - 18 - (compact || "none".equals(st.breaker()) ? 0 : 62);
        text(g, fit(g, name, nameRoom), left + 18, b.y() + 18);
        if (!compact && !"none".equals(st.breaker())) {
            g.setFont(Palette.SMALL_BOLD);
            String w = "open".equals(st.breaker()) ? "OPEN" : "half_open".equals(st.breaker()) ? "HALF" : "CLOSED";
            switchIcon(g, right - 56, b.y() + 10, st.breaker(), "open".equals(st.breaker()) ? Palette.RED : Palette.MUTED);
            g.setColor("open".equals(st.breaker()) ? Palette.RED : Palette.MUTED);
            right(g, w, right, b.y() + 16);
        }

        // row 2: the word, why, latency and errors
        g.setFont(Palette.BODY_BOLD);
        g.setColor(hc);
        String word = st.health().word();
        text(g, word, left, b.y() + 34);
        double wx = left + g.getFontMetrics().stringWidth(word) + 5;
        String stats = compact ? latency(st.p99Ms()) : latency(st.p99Ms()) + " · " + percent(st.errorRate()) + " err";
        g.setFont(Palette.BODY);
        FontMetrics fm = g.getFontMetrics();
        double statsW = fm.stringWidth(stats);
        g.setColor(Palette.MUTED);
        if (!compact) {
            text(g, fit(g, st.reason(), right - wx - statsW - 8), wx, b.y() + 34);
        }
        g.setColor(Palette.TEXT);
        right(g, stats, right, b.y() + 34);

        // row 3: the pool gauge (active / max, + queued)
        double gy = b.y() + 41;
        if (st.threads() > 0) {
            String label = count(st.active()) + "/" + count(st.threads()) + (st.queued() >= 0.5 && !compact
                    ? " +" + count(st.queued()) + "q" : "");
            g.setFont(Palette.SMALL);
            double lw = g.getFontMetrics().stringWidth(label);
            double gw = Math.max(20, right - left - lw - 8);
            g.setColor(Palette.TRACK);
            g.fill(new Rectangle2D.Double(left, gy, gw, 8));
            double u = Math.min(1, st.active() / st.threads());
            g.setColor(hc);
            g.fill(new Rectangle2D.Double(left, gy, gw * u, 8));
            if (st.queued() >= 0.5) {
                g.setColor(Palette.YELLOW);
                g.fill(new Rectangle2D.Double(left + gw - 3, gy - 2, 3, 12));
            }
            g.setColor(Palette.TEXT);
            right(g, label, right, gy + 8);
        } else {
            g.setFont(Palette.SMALL);
            g.setColor(Palette.MUTED);
            text(g, (node.external() ? "external · " : "") + count(st.active()) + " in flight", left, gy + 8);
        }
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

    // ---- legend, timeline, caption ----------------------------------------------------

    private static void legend(Graphics2D g) {
        double y = LEGEND_Y;
        double x = 24;
        g.setFont(Palette.SMALL_BOLD);
        g.setColor(Palette.MUTED);
        x = label(g, "HEALTH", x, y) + 8;
        for (Health h : Health.values()) {
            healthIcon(g, h, x + 7, y - 4, Palette.health(h));
            g.setFont(Palette.SMALL);
            g.setColor(Palette.TEXT);
            x = label(g, h.word(), x + 18, y) + 12;
        }
        g.setFont(Palette.SMALL_BOLD);
        g.setColor(Palette.MUTED);
        x = label(g, "REQUESTS", x + 10, y) + 8;
        String[] words = {"ok", "error", "timeout", "fast fail", "waiting", "retry"};
        for (int k = 0; k < words.length; k++) {
            dot(g, x + 5, y - 4, k);
            g.setFont(Palette.SMALL);
            g.setColor(Palette.TEXT);
            x = label(g, words[k], x + 14, y) + 12;
        }
        g.setColor(Palette.MUTED);
        x = label(g, "(more dots = more calls/s)", x, y) + 22;
        g.setFont(Palette.SMALL_BOLD);
        x = label(g, "POOL", x, y) + 8;
        g.setColor(Palette.TRACK);
        g.fill(new Rectangle2D.Double(x, y - 8, 30, 8));
        g.setColor(Palette.GREEN);
        g.fill(new Rectangle2D.Double(x, y - 8, 18, 8));
        g.setFont(Palette.SMALL);
        g.setColor(Palette.TEXT);
        x = label(g, "busy/threads +queued", x + 36, y) + 22;
        g.setFont(Palette.SMALL_BOLD);
        g.setColor(Palette.MUTED);
        x = label(g, "BREAKER", x, y) + 8;
        switchIcon(g, x, y - 8, "closed", Palette.MUTED);
        g.setFont(Palette.SMALL);
        g.setColor(Palette.TEXT);
        x = label(g, "closed", x + 18, y) + 10;
        switchIcon(g, x, y - 8, "open", Palette.RED);
        g.setColor(Palette.TEXT);
        label(g, "open", x + 18, y);
    }

    private static double label(Graphics2D g, String s, double x, double y) {
        text(g, s, x, y);
        return x + g.getFontMetrics().stringWidth(s);
    }

    private static void timeline(Graphics2D g, Storyboard sb, Frame f) {
        double span = TRACK_X1 - TRACK_X0;
        double y = TRACK_Y;
        g.setFont(Palette.SMALL);
        g.setColor(Palette.MUTED);
        text(g, Units.formatClock(sb.startClock()).substring(0, 5), 24, y + 4);
        right(g, Units.formatClock(sb.startClock() + sb.durationMs() / 1000).substring(0, 5), 1256, y + 4);
        g.setColor(Palette.TRACK);
        g.fill(new RoundRectangle2D.Double(TRACK_X0, y - 3, span, 6, 6, 6));
        double now = TRACK_X0 + span * f.simMs() / sb.durationMs();
        g.setColor(Palette.SKY);
        g.fill(new RoundRectangle2D.Double(TRACK_X0, y - 3, now - TRACK_X0, 6, 6, 6));
        double lastLabel = -1e9;
        int row = 0;
        for (SceneSpec.Marker m : sb.markers()) {
            if (m.tMs() < 0 || m.tMs() > sb.durationMs()) {
                continue;
            }
            double x = TRACK_X0 + span * m.tMs() / sb.durationMs();
            boolean passed = f.simMs() >= m.tMs();
            if (m.youAreHere()) {
                g.setColor(Palette.YELLOW);
                g.setStroke(BORDER);
                g.draw(new Line2D.Double(x, y - 14, x, y + 8));
                Path2D flag = new Path2D.Double();
                flag.moveTo(x, y - 14);
                flag.lineTo(x + 9, y - 10.5);
                flag.lineTo(x, y - 7);
                flag.closePath();
                g.fill(flag);
                g.setFont(Palette.SMALL_BOLD);
                String l = "YOU ARE HERE " + m.label();
                double lw = g.getFontMetrics().stringWidth(l);
                text(g, l, Math.min(x + 12, TRACK_X1 + 60 - lw), y - 8);
                continue;
            }
            g.setColor(passed ? Palette.TEXT : Palette.MUTED);
            g.setStroke(HAIR);
            Ellipse2D tick = new Ellipse2D.Double(x - 4, y - 4, 8, 8);
            if (passed) {
                g.fill(tick);
            } else {
                g.setColor(Palette.BG);
                g.fill(tick);
                g.setColor(Palette.MUTED);
                g.draw(tick);
            }
            g.setFont(Palette.SMALL);
            double lw = g.getFontMetrics().stringWidth(m.label());
            row = x - lw / 2 < lastLabel + 4 ? 1 - row : 0;
            text(g, m.label(), x - lw / 2, y + 17 + row * 11);
            lastLabel = x + lw / 2;
        }
        g.setColor(Palette.TEXT);
        g.fill(new Ellipse2D.Double(now - 6, y - 6, 12, 12));
        g.setColor(Palette.SKY);
        g.fill(new Ellipse2D.Double(now - 3.5, y - 3.5, 7, 7));
    }

    private static void caption(Graphics2D g, Storyboard sb, Frame f) {
        Rectangle2D b = CAPTION_BAND;
        g.setColor(Palette.PANEL);
        g.fill(new RoundRectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 12, 12));
        g.setColor(Palette.YELLOW);
        g.fill(new Rectangle2D.Double(b.getX(), b.getY() + 10, 4, b.getHeight() - 20));
        double x = b.getX() + 18;
        double maxW = b.getWidth() - 36;
        g.setFont(Palette.SMALL_BOLD);
        g.setColor(Palette.MUTED);
        String meta;
        String body;
        if (f.caption() != null) {
            meta = f.caption().clock() + (f.caption().service().isEmpty() ? "" : " · " + f.caption().service())
                    + " · " + f.caption().kind().replace('_', ' ');
            body = f.caption().text();
            g.setColor(Palette.YELLOW);
        } else {
            meta = "NARRATION";
            body = f.simMs() == 0 ? sb.subtitle() : "Requests flow top to bottom; watch the pools and the dots.";
        }
        text(g, meta.toUpperCase(Locale.ROOT), x, b.getY() + 21);
        g.setFont(Palette.CAPTION);
        g.setColor(f.caption() != null ? Palette.TEXT : Palette.MUTED);
        List<String> lines = wrap(g, body, maxW, 2);
        for (int i = 0; i < lines.size(); i++) {
            text(g, lines.get(i), x, b.getY() + 44 + i * 22);
        }
    }

    // ---- text helpers -----------------------------------------------------------------

    private static void text(Graphics2D g, String s, double x, double y) {
        if (!s.isEmpty()) {
            g.drawString(s, (float) x, (float) y);
        }
    }

    private static void right(Graphics2D g, String s, double x, double y) {
        text(g, s, x - g.getFontMetrics().stringWidth(s), y);
    }

    /** The text, cut with an ellipsis to fit {@code w}. */
    static String fit(Graphics2D g, String s, double w) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= w) {
            return s;
        }
        String cut = s;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > w) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.isEmpty() ? "" : cut.stripTrailing() + "…";
    }

    static List<String> wrap(Graphics2D g, String s, double w, int maxLines) {
        FontMetrics fm = g.getFontMetrics();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = s.split(" ");
        for (int i = 0; i < words.length; i++) {
            String trial = line.length() == 0 ? words[i] : line + " " + words[i];
            if (fm.stringWidth(trial) <= w || line.length() == 0) {
                line.setLength(0);
                line.append(trial);
                continue;
            }
            if (lines.size() == maxLines - 1) {
                lines.add(fit(g, line + " " + String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length)), w));
                return lines;
            }
            lines.add(line.toString());
            line.setLength(0);
            line.append(words[i]);
        }
        if (line.length() > 0) {
            lines.add(fit(g, line.toString(), w));
        }
        return lines;
    }

    static String latency(double ms) {
        if (ms < 0) {
            return "p99 –";
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "p99 %.0fms", ms);
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "p99 %.1fs", ms / 1000);
        }
        return String.format(Locale.ROOT, "p99 %.0fs", ms / 1000);
    }

    static String percent(double r) {
        return r > 0 && r < 0.01 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", r * 100);
    }

    static String count(double v) {
        long n = Math.round(v);
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1000.0);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
        }
        return Long.toString(n);
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }

    static Font font() {
        return Palette.BODY;
    }
}
