package dev.warroom.story;

/**
 * A caption cue (or a chapter) on the video's time line.
 *
 * @param startMs video time it starts, ms
 * @param endMs   video time it ends, ms (exclusive)
 * @param simMs   simulated time of the detection it narrates
 * @param clock   the wall clock of that detection, {@code HH:MM:SS}
 * @param service the service it concerns ("" for a chapter without one)
 * @param kind    the detection kind
 * @param text    the narration
 */
public record Cue(long startMs, long endMs, long simMs, String clock, String service, String kind, String text) {
    public Cue {
        if (endMs <= startMs) {
            throw new IllegalArgumentException("endMs: must be after startMs " + startMs + ", got " + endMs);
        }
    }

    /** Whether the cue shows at video time {@code ms}. */
    public boolean covers(long ms) {
        return ms >= startMs && ms < endMs;
    }
}
