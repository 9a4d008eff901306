package dev.warroom.render;

import dev.warroom.story.Health;
import java.awt.Color;
import java.awt.Font;

/**
 * Colours and type. The signal colours are Okabe and Ito's palette ("Color Universal
 * Design", 2008), chosen to stay distinguishable under protanopia, deuteranopia and
 * tritanopia; every signal also has a shape or a word, so colour is never alone.
 * The ground is a dark slate, which suits a projector and keeps the signal colours vivid.
 */
final class Palette {
    private Palette() {
    }

    static final Color BG = new Color(0x0F172A);
    static final Color PANEL = new Color(0x16213A);
    static final Color PANEL_LINE = new Color(0x2A3A5A);
    static final Color CARD = new Color(0x1E2A44);
    static final Color TEXT = new Color(0xF1F5F9);
    static final Color MUTED = new Color(0x9AA8BF);
    static final Color EDGE = new Color(0x56647F);
    static final Color TRACK = new Color(0x334766);

    // Okabe–Ito
    static final Color GREEN = new Color(0x009E73);   // bluish green: healthy
    static final Color ORANGE = new Color(0xE69F00);  // orange: warning
    static final Color RED = new Color(0xD55E00);     // vermillion: down, error
    static final Color SKY = new Color(0x56B4E9);     // sky blue: ok request, progress
    static final Color YELLOW = new Color(0xF0E442);  // yellow: timeout, YOU ARE HERE
    static final Color PURPLE = new Color(0xCC79A7);  // reddish purple: retry
    static final Color GREY = new Color(0xB8C0CC);    // fast fail, waiting

    static Color health(Health h) {
        return switch (h) {
            case OK -> GREEN;
            case WARN -> ORANGE;
            case DOWN -> RED;
        };
    }

    static Color mix(Color a, Color b, double t) {
        if (t <= 0) {
            return a;
        }
        if (t >= 1) {
            return b;
        }
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    // logical families: Batik writes them as the generic sans-serif and monospace. Nothing is
    // under 14 px at 1280x720: embedded at 820 px wide, 14 px shows as 9 px, the least legible.
    static final int MIN_PX = 14;
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font CLOCK = new Font(Font.MONOSPACED, Font.BOLD, 30);
    static final Font NAME = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font BODY = new Font(Font.SANS_SERIF, Font.PLAIN, MIN_PX);
    static final Font BODY_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, MIN_PX);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, MIN_PX);
    static final Font SMALL_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, MIN_PX);
    static final Font PANE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    /** How the painter measures text (antialiased, fractional metrics, as it paints), without a Graphics. */
    static final java.awt.font.FontRenderContext FRC = new java.awt.font.FontRenderContext(null, true, true);

    static double width(Font f, String s) {
        return f.getStringBounds(s, FRC).getWidth();
    }
}
