package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Detections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a trace's series into events: the captions and timeline markers of the pictures.
 * A condition must hold for {@code sustain} (default 5 s) to become an event, stamped at the
 * first second it held; it can fire again after it has been false for as long. Thresholds
 * come from the problem's {@code detections} or {@link Detections#DEFAULTS}:
 * <ul>
 * <li>{@code latency_spike}: p99 ≥ latency_spike_factor × the service's normal p99 (the median
 *     p99 before the first fault);</li>
 * <li>{@code pool_exhausted}: busy workers ≥ pool_exhausted × threads;</li>
 * <li>{@code rejecting}, {@code timing_out}: 503s, 504s ≥ error_rate, timeout_rate of the
 *     requests completed in the second; {@code failing}: all failures together ≥ error_rate
 *     when neither of the two alone is;</li>
 * <li>{@code retry_storm}: retries ≥ retry_ratio of arrivals;</li>
 * <li>{@code breaker_opened}, {@code breaker_half_open}, {@code breaker_closed}: an edge's
 *     breaker opens from closed, tries its first trial, closes again;</li>
 * <li>{@code recovered}: a service that had any of the above is healthy again for six times
 *     sustain: failures ≤ 1 − error_rate of completions, p99 below √factor × normal (a
 *     hysteresis, so a p99 hovering around the spike line does not flap), pool not
 *     exhausted. Each kind fires once per episode of trouble; recovery ends the episode.</li>
 * </ul>
 */
public final class Detector {
    /** Fewer completions than this in a second say nothing about rates. */
    static final int MIN_COMPLETED = 5;
    /** Recovery must hold this many times the sustain (30 s by default): no flapping captions. */
    static final int RECOVERY_FACTOR = 6;

    private Detector() {
    }

    /** A breaker transition on the edge from → to. */
    public record Transition(long tMs, String from, String to, String state) {
    }

    /** The trace with its events filled in. */
    public static Trace detect(Trace t, Scenario s, List<Transition> transitions) {
        Detections d = s.detections();
        int k = (int) Math.max(1, Math.round(d.threshold("sustain") / t.bucketMs()));
        long firstFault = s.faults().stream().mapToLong(Scenario.Fault::atMs).min().orElse(t.durationMs());
        List<Trace.TraceEvent> events = new ArrayList<>();
        for (var entry : t.services().entrySet()) {
            service(entry.getKey(), entry.getValue(), t, s, k, firstFault, events);
        }
        breakers(t, s, transitions, events);
        events.sort(Comparator.comparingLong(Trace.TraceEvent::tMs));
        return new Trace(t.problem(), t.variant(), t.seed(), t.bucketMs(), t.startClock(), t.durationMs(),
                t.services(), t.edges(), events, t.stats(), t.branch());
    }

    /** The median p99 of the seconds before the first fault (or of the first minute). */
    static long normalP99(List<Trace.Bucket> series, long untilMs) {
        List<Long> v = new ArrayList<>();
        for (Trace.Bucket b : series) {
            if (b.tMs() + 1000 > untilMs && v.size() >= 10) {
                break;
            }
            if (b.completed() > 0) {
                v.add(b.p99Ms());
            }
            if (v.size() >= 600) {
                break;
            }
        }
        if (v.isEmpty()) {
            return 0;
        }
        v.sort(Long::compare);
        return v.get(v.size() / 2);
    }

    private static void service(String id, Trace.ServiceSeries ss, Trace t, Scenario s, int k, long firstFault,
                                List<Trace.TraceEvent> out) {
        Detections d = s.detections();
        List<Trace.Bucket> bs = ss.series();
        int n = bs.size();
        long normal = normalP99(bs, firstFault);
        double factor = d.threshold("latency_spike_factor");
        double errRate = d.threshold("error_rate");
        double toRate = d.threshold("timeout_rate");
        double retryRatio = d.threshold("retry_ratio");
        double poolShare = d.threshold("pool_exhausted");
        boolean isService = "service".equals(ss.kind());
        String[] kinds = {"latency_spike", "pool_exhausted", "rejecting", "timing_out", "failing", "retry_storm"};
        boolean[][] cond = new boolean[kinds.length][n];
        boolean[] healthy = new boolean[n];
        for (int i = 0; i < n; i++) {
            Trace.Bucket b = bs.get(i);
            int c = b.completed();
            boolean enough = c >= MIN_COMPLETED;
            boolean spike = normal > 0 && c > 0 && b.p99Ms() >= factor * normal;
            boolean full = isService && ss.threads() > 0 && b.active() >= poolShare * ss.threads();
            boolean rej = enough && b.rejected() >= errRate * c;
            boolean tmo = enough && b.timedOut() >= toRate * c;
            boolean fail = enough && !rej && !tmo && b.failures() >= errRate * c;
            cond[0][i] = spike;
            cond[1][i] = full;
            cond[2][i] = rej;
            cond[3][i] = tmo;
            cond[4][i] = fail;
            cond[5][i] = b.arrivals() >= MIN_COMPLETED && b.retries() >= retryRatio * b.arrivals();
        }
        // each kind fires once per episode of trouble; a sustained healthy stretch ends the episode
        double calm = Math.sqrt(factor);
        for (int i = 0; i < n; i++) {
            Trace.Bucket b = bs.get(i);
            int c = b.completed();
            healthy[i] = c > 0 && (normal == 0 || b.p99Ms() < calm * normal) && !cond[1][i]
                    && b.failures() <= (1 - errRate) * c + 1e-9;
        }
        boolean[] fired = new boolean[kinds.length];
        boolean trouble = false;
        for (int i = 0; i < n; i++) {
            for (int kind = 0; kind < kinds.length; kind++) {
                if (!fired[kind] && holds(cond[kind], i, k)) {
                    fired[kind] = true;
                    trouble = true;
                    out.add(event(t, s, id, kinds[kind], bs.get(i).tMs(), text(kinds[kind], ss, bs.get(i), normal)));
                }
            }
            if (trouble && holds(healthy, i, RECOVERY_FACTOR * k)) {
                Trace.Bucket b = bs.get(i);
                out.add(event(t, s, id, "recovered", b.tMs(), String.format(Locale.ROOT,
                        "%s recovered: %s errors, p99 %s", ss.name(), pct((double) b.failures() / b.completed()),
                        ms(b.p99Ms()))));
                trouble = false;
                java.util.Arrays.fill(fired, false);
            }
        }
    }

    private static boolean holds(boolean[] c, int i, int k) {
        if (i + k > c.length) {
            return false;
        }
        for (int j = i; j < i + k; j++) {
            if (!c[j]) {
                return false;
            }
        }
        return true;
    }

    private static String text(String kind, Trace.ServiceSeries ss, Trace.Bucket b, long normal) {
        String name = ss.name();
        int c = Math.max(1, b.completed());
        return switch (kind) {
            case "latency_spike" -> name + " p99 " + ms(normal) + " -> " + ms(b.p99Ms());
            case "pool_exhausted" -> String.format(Locale.ROOT, "%s: %,d/%,d threads busy%s", name, b.active(),
                    ss.threads(), b.queued() > 0 ? String.format(Locale.ROOT, ", %,d queued", b.queued()) : "");
            case "rejecting" -> name + ": " + pct((double) b.rejected() / c) + " of requests rejected (503)";
            case "timing_out" -> name + ": " + pct((double) b.timedOut() / c) + " of requests time out (504)";
            case "failing" -> name + ": " + pct((double) b.failures() / c) + " of requests failing";
            default -> name + ": " + pct((double) b.retries() / Math.max(1, b.arrivals())) + " of arrivals are retries";
        };
    }

    private static void breakers(Trace t, Scenario s, List<Transition> transitions, List<Trace.TraceEvent> out) {
        java.util.Map<String, String> last = new java.util.HashMap<>();
        java.util.Set<String> trialSeen = new java.util.HashSet<>();
        for (Transition tr : transitions) {
            String key = tr.from() + "->" + tr.to();
            String before = last.getOrDefault(key, "closed");
            last.put(key, tr.state());
            String edge = s.nameOf(tr.from()) + " -> " + s.nameOf(tr.to());
            switch (tr.state()) {
                case "open" -> {
                    if (before.equals("closed")) {
                        trialSeen.remove(key);
                        out.add(event(t, s, tr.from(), "breaker_opened", tr.tMs(), edge + ": breaker opened, failing fast"));
                    }
                }
                case "half_open" -> {
                    if (trialSeen.add(key)) {
                        out.add(event(t, s, tr.from(), "breaker_half_open", tr.tMs(), edge + ": breaker half-open, trial calls"));
                    }
                }
                default -> out.add(event(t, s, tr.from(), "breaker_closed", tr.tMs(), edge + ": breaker closed again"));
            }
        }
    }

    private static Trace.TraceEvent event(Trace t, Scenario s, String service, String kind, long tMs, String text) {
        String caption = s.detections().caption(service, kind);
        return new Trace.TraceEvent(tMs, s.clockAt(tMs), service, kind, caption != null ? caption : text);
    }

    static String ms(long v) {
        return String.format(Locale.ROOT, "%,d ms", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
