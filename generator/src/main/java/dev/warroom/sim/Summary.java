package dev.warroom.sim;

import dev.warroom.bank.Units;
import java.util.List;
import java.util.Locale;

/**
 * A trace for the terminal: one health strip per service (a character per slice of time,
 * the worst state in that slice), a few figures per service, and the detected events in
 * order. Deterministic (no wall time), so it serves as a golden file.
 */
public final class Summary {
    /** Characters of a strip. */
    static final int WIDTH = 40;
    static final String LEGEND = "legend: ' ' idle  . healthy  ~ slow (p99 >= 10x normal)  # pool full  "
            + "x errors >= 5%  X errors >= 95%;  ok/s: first minute -> last minute";

    private Summary() {
    }

    public static String format(Trace t) {
        StringBuilder s = new StringBuilder();
        int start = Units.parseClock(t.startClock());
        int n = t.bucketCount();
        int per = Math.max(1, (n + WIDTH - 1) / WIDTH);
        int cols = (n + per - 1) / per;
        s.append(String.format(Locale.ROOT, "%s / %s / seed %d: %s + %s, %,d events%n", t.problem(), t.variant(),
                t.seed(), t.startClock().substring(0, 5), Units.formatDuration(t.durationMs()),
                t.stats().eventsProcessed()));
        int nameWidth = 18;
        for (Trace.ServiceSeries ss : t.services().values()) {
            nameWidth = Math.max(nameWidth, ss.name().length() + 1);
        }
        // clock labels every 10 columns
        StringBuilder axis = new StringBuilder(" ".repeat(nameWidth));
        for (int c = 0; c < cols; c += 10) {
            String label = Units.formatClock(start + (long) c * per * t.bucketMs() / 1000).substring(0, 5);
            while (axis.length() < nameWidth + c) {
                axis.append(' ');
            }
            axis.setLength(nameWidth + c);
            axis.append(label);
        }
        s.append(String.format(Locale.ROOT, "%nhealth, one character per %ds%n", per * t.bucketMs() / 1000));
        s.append(axis.toString().stripTrailing()).append('\n');
        for (Trace.ServiceSeries ss : t.services().values()) {
            List<Trace.Bucket> bs = ss.series();
            long normal = Detector.normalP99(bs, 60_000);
            StringBuilder strip = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                int worst = 0;
                for (int i = c * per; i < Math.min(n, (c + 1) * per); i++) {
                    worst = Math.max(worst, state(bs.get(i), ss, normal));
                }
                strip.append(" .~#xX".charAt(worst));
            }
            int maxActive = 0;
            int maxQueued = 0;
            long maxP99 = 0;
            for (Trace.Bucket b : bs) {
                maxActive = Math.max(maxActive, b.active());
                maxQueued = Math.max(maxQueued, b.queued());
                maxP99 = Math.max(maxP99, b.p99Ms());
            }
            String busy = ss.threads() > 0 ? String.format(Locale.ROOT, "busy <= %,d/%,d", maxActive, ss.threads())
                    : String.format(Locale.ROOT, "in flight <= %,d", maxActive);
            s.append(String.format(Locale.ROOT, "%-" + nameWidth + "s%s  %s, queue <= %,d, p99 <= %s, ok/s %s -> %s%n",
                    ss.name(), strip, busy, maxQueued, Detector.ms(maxP99), rate(bs, 0), rate(bs, n - 60)));
        }
        Trace.Branch br = t.branch();
        if (br != null) {
            int col = (int) (br.atMs() / t.bucketMs() / per);
            s.append(" ".repeat(nameWidth + Math.min(col, cols))).append("^ ")
                    .append(Units.formatClock(start + br.atMs() / 1000).substring(0, 5))
                    .append(" ").append(br.decision()).append(" (from ").append(br.from()).append(")\n");
        }
        s.append(LEGEND).append('\n');
        if (br != null) {
            s.append(outcome(t, start));
        }
        s.append(String.format(Locale.ROOT, "%nevents (%d)%n", t.events().size()));
        for (Trace.TraceEvent e : t.events()) {
            s.append(String.format(Locale.ROOT, "  %s  %-17s %s%n", e.clock(), e.kind(), e.text()));
        }
        return s.toString();
    }

    /** The outcome measures of a branch, for its entry service. */
    private static String outcome(Trace t, int start) {
        Outcomes o = Outcomes.of(t);
        double f = Outcomes.DEFAULT_FRACTION;
        int rb = o.recoveredBucket(f);
        String rec = rb < 0 ? "not recovered by the end (" + Units.formatClock(start + t.durationMs() / 1000).substring(0, 5) + ")"
                : o.timeToMitigate(f) == 0 && o.healthyBefore(f) ? "healthy throughout"
                : String.format(Locale.ROOT, "recovered at %s, %s after the decision",
                        Units.formatClock(start + (long) rb * t.bucketMs() / 1000),
                        Units.formatDuration((long) (o.timeToMitigate(f) * 1000)));
        Outcomes.Peak peak = Outcomes.peak(t, t.branch().normalUntilMs());
        return String.format(Locale.ROOT, "%noutcome at %s (goodput >= %.0f%% of normal %s ok/s, sustained %ds): %s%n"
                        + "  since the decision: %,d user requests failed (%.1f%%), %.1f error-minutes; "
                        + "peak load %.1fx normal at %s%n",
                t.branch().entry(), f * 100, o.normalLevel() >= 100 ? String.format(Locale.ROOT, "%,.0f", o.normalLevel())
                        : String.format(Locale.ROOT, "%.1f", o.normalLevel()),
                Outcomes.SUSTAIN_S, rec, o.usersFailed(), o.failedShare() * 100, o.errorMinutes(),
                peak.multiple(), peak.service());
    }

    /** 0 idle, 1 healthy, 2 slow, 3 pool full, 4 some errors, 5 nearly all errors. */
    private static int state(Trace.Bucket b, Trace.ServiceSeries ss, long normal) {
        int c = b.completed();
        if (c == 0 && b.arrivals() == 0 && b.active() == 0) {
            return 0;
        }
        double err = c == 0 ? 0 : (double) b.failures() / c;
        if (c >= Detector.MIN_COMPLETED && err >= 0.95) {
            return 5;
        }
        if (err >= 0.05) {
            return 4;
        }
        if (ss.threads() > 0 && "service".equals(ss.kind()) && b.active() >= ss.threads()) {
            return 3;
        }
        if (normal > 0 && b.p99Ms() >= 10 * normal) {
            return 2;
        }
        return 1;
    }

    /** Mean ok per second over the minute from bucket i. */
    private static String rate(List<Trace.Bucket> bs, int from) {
        int lo = Math.max(0, from);
        int hi = Math.min(bs.size(), lo + 60);
        long ok = 0;
        for (int i = lo; i < hi; i++) {
            ok += bs.get(i).ok() + bs.get(i).fallback();
        }
        double v = hi > lo ? ok / (double) (hi - lo) : 0;
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
