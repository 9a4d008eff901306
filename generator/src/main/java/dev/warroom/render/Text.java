package dev.warroom.render;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Drawing and fitting text, and the number formats of the pictures (Locale.ROOT). */
final class Text {
    private Text() {
    }

    // ---- text helpers -----------------------------------------------------------------

    static void text(Graphics2D g, String s, double x, double y) {
        if (!s.isEmpty()) {
            g.drawString(s, (float) x, (float) y);
        }
    }

    static void right(Graphics2D g, String s, double x, double y) {
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

}
