package dev.warroom.render;

import dev.warroom.bank.Units;
import dev.warroom.story.Frame;
import dev.warroom.story.Health;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * The picture around the scene: title and wall clock, legend, timeline bar. The narration is
 * not drawn: it is the video's WebVTT captions track (and the text beside the SVG frames),
 * which the player shows above its controls, so it is never covered nor said twice.
 */
final class Chrome {
    private Chrome() {
    }

    // ---- header ---------------------------------------------------------------------

    static void header(Graphics2D g, Storyboard sb, Frame f, Painter.Layer layer) {
        if (layer.backdrop()) {
            g.setColor(Palette.TEXT);
            g.setFont(Palette.TITLE);
            Text.text(g, Text.fit(g, sb.title(), 930), 24, 30);
            g.setFont(Palette.SUBTITLE);
            g.setColor(Palette.MUTED);
            Text.text(g, Text.fit(g, sb.subtitle(), 930), 24, 52);
        }
        if (layer.motion()) {
            g.setFont(Palette.CLOCK);
            g.setColor(Palette.TEXT);
            Text.right(g, f.clock(), 1256, 32);
        }
        if (layer.backdrop()) {
            g.setFont(Palette.SMALL);
            g.setColor(Palette.MUTED);
            Text.right(g, "wall clock · video " + sb.speedLabel() + " real time", 1256, 52);
        }
    }


    // ---- legend, timeline ---------------------------------------------------------------

    static void legend(Graphics2D g) {
        double y = Painter.LEGEND_Y;
        double x = 24;
        g.setFont(Palette.SMALL_BOLD);
        g.setColor(Palette.MUTED);
        x = label(g, "HEALTH", x, y) + 8;
        for (Health h : Health.values()) {
            Painter.healthIcon(g, h, x + 7, y - 4, Palette.health(h));
            g.setFont(Palette.SMALL);
            g.setColor(Palette.TEXT);
            x = label(g, h.word(), x + 18, y) + 12;
        }
        g.setFont(Palette.SMALL_BOLD);
        g.setColor(Palette.MUTED);
        x = label(g, "REQUESTS", x + 10, y) + 8;
        String[] words = {"ok", "error", "timeout", "fast fail", "waiting", "retry"};
        for (int k = 0; k < words.length; k++) {
            Painter.dot(g, x + 5, y - 4, k);
            g.setFont(Palette.SMALL);
            g.setColor(Palette.TEXT);
            x = label(g, words[k], x + 14, y) + 12;
        }
        g.setColor(Palette.MUTED);
        label(g, "(more dots = more calls/s)", x, y);
        y = Painter.LEGEND_Y2;
        x = 24;
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
        Painter.switchIcon(g, x, y - 8, "closed", Palette.MUTED);
        g.setFont(Palette.SMALL);
        g.setColor(Palette.TEXT);
        x = label(g, "closed", x + 18, y) + 10;
        Painter.switchIcon(g, x, y - 8, "open", Palette.RED);
        g.setColor(Palette.TEXT);
        label(g, "open", x + 18, y);
    }

    private static double label(Graphics2D g, String s, double x, double y) {
        Text.text(g, s, x, y);
        return x + g.getFontMetrics().stringWidth(s);
    }

    static void timeline(Graphics2D g, Storyboard sb, Frame f, Painter.Layer layer) {
        double span = Painter.TRACK_X1 - Painter.TRACK_X0;
        double y = Painter.TRACK_Y;
        if (layer.backdrop()) {
            g.setFont(Palette.SMALL);
            g.setColor(Palette.MUTED);
            Text.text(g, Units.formatClock(sb.startClock()).substring(0, 5), 24, y + 4);
            Text.right(g, Units.formatClock(sb.startClock() + sb.durationMs() / 1000).substring(0, 5), 1256, y + 4);
        }
        if (!layer.motion()) {
            return; // the track and its markers change as the playhead passes them
        }
        g.setColor(Palette.TRACK);
        g.fill(new RoundRectangle2D.Double(Painter.TRACK_X0, y - 3, span, 6, 6, 6));
        double now = Painter.TRACK_X0 + span * f.simMs() / sb.durationMs();
        g.setColor(Palette.SKY);
        g.fill(new RoundRectangle2D.Double(Painter.TRACK_X0, y - 3, now - Painter.TRACK_X0, 6, 6, 6));
        double lastLabel = -1e9;
        SceneSpec.Marker labelled = null;
        int row = 0;
        for (SceneSpec.Marker m : sb.markers()) {
            if (m.tMs() < 0 || m.tMs() > sb.durationMs()) {
                continue;
            }
            double x = Painter.TRACK_X0 + span * m.tMs() / sb.durationMs();
            boolean passed = f.simMs() >= m.tMs();
            if (m.youAreHere()) {
                g.setColor(Palette.YELLOW);
                g.setStroke(Painter.BORDER);
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
                Text.text(g, l, Math.min(x + 12, Painter.TRACK_X1 + 60 - lw), y - 8);
                continue;
            }
            g.setColor(passed ? Palette.TEXT : Palette.MUTED);
            g.setStroke(Painter.HAIR);
            Ellipse2D tick = new Ellipse2D.Double(x - 4, y - 4, 8, 8);
            if (passed) {
                g.fill(tick);
            } else {
                g.setColor(Palette.BG);
                g.fill(tick);
                g.setColor(Palette.MUTED);
                g.draw(tick);
            }
            if (labelled != null && labelled.tMs() == m.tMs() && labelled.label().equals(m.label())) {
                continue; // two entries at the same moment: one label says it
            }
            g.setFont(Palette.SMALL);
            double lw = g.getFontMetrics().stringWidth(m.label());
            row = x - lw / 2 < lastLabel + 4 ? 1 - row : 0;
            Text.text(g, m.label(), x - lw / 2, y + 21 + row * 16);
            lastLabel = x + lw / 2;
            labelled = m;
        }
        g.setColor(Palette.TEXT);
        g.fill(new Ellipse2D.Double(now - 6, y - 6, 12, 12));
        g.setColor(Palette.SKY);
        g.fill(new Ellipse2D.Double(now - 3.5, y - 3.5, 7, 7));
    }
}
