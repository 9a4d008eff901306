package dev.warroom.bank;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats the format's durations ({@code 100ms}, {@code 30s}) and clocks ({@code 14:05}). */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    private Units() {
    }

    /**
     * The longest duration the format accepts, {@code 24h}: every duration, and every sum of
     * a clock and durations the simulation forms, then stays far from overflowing a long.
     */
    public static final long MAX_DURATION_MS = 24 * 3_600_000L;

    /** Milliseconds of a duration (rounded to whole ms, at most {@link Long#MAX_VALUE}), or -1 if the text is not one. */
    public static long parseDuration(String text) {
        double ms = exactMs(text);
        return ms < 0 ? -1 : Math.round(ms);
    }

    /** Milliseconds of a duration as written (possibly fractional or huge), or -1 if the text is not one. */
    static double exactMs(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        double factor = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return v * factor;
    }

    /** Seconds since midnight of a clock, or -1 if the text is not one. */
    public static int parseClock(String text) {
        Matcher m = CLOCK.matcher(text.trim());
        if (!m.matches()) {
            return -1;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (h > 23 || min > 59 || s > 59) {
            return -1;
        }
        return h * 3600 + min * 60 + s;
    }

    /** {@code HH:MM:SS} of seconds since midnight (wrapping past 24 h). */
    public static String formatClock(long secondsOfDay) {
        long s = Math.floorMod(secondsOfDay, 86_400L);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** A readable duration: {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 2m}. */
    public static String formatDuration(long ms) {
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
