package dev.warroom.sim;

import java.util.List;

/**
 * How a run ends for its users, as the rubric's Mitigation Speed asks: the outcome measures
 * of docs/simulation.md, "Outcome measures". Everything is read off a service's series
 * (usually the entry, where users are) from a moment on: a branch's decision, or for a run
 * that is no branch the first time the service's goodput dipped.
 *
 * <p>Goodput is what users got an answer from: ok + fallback per second. Its normal level is
 * the mean over the minute before the first fault (at least the 5 s after the start). A
 * second is healthy when, over the 5 seconds from it, goodput is at least {@code fraction} of
 * the normal level and at most {@code 1 - fraction} of the requests that ended failed (a
 * backlog that drains all at once lifts goodput while users still fail). The service has
 * recovered at the first second from which it stays healthy {@value #SUSTAIN_S} seconds in a row.
 */
public final class Outcomes {
    /** How long goodput must stay up to count as recovered. */
    public static final int SUSTAIN_S = 30;
    /** The smoothing window, seconds: one second of Poisson arrivals is too noisy to judge. */
    static final int SMOOTH_S = 5;
    /** The fraction of the normal level the summary and the site judge by. */
    public static final double DEFAULT_FRACTION = 0.9;

    private final Trace trace;
    private final List<Trace.Bucket> series;
    private final double normal;
    private final int from;

    /** The measures of {@code service} in {@code t}, from its branch moment (or its first dip). */
    public Outcomes(Trace t, String service, long firstFaultMs) {
        this.trace = t;
        this.series = t.service(service).series();
        this.normal = normalLevel(series, firstFaultMs, t.bucketMs());
        this.from = t.branch() != null ? (int) (t.branch().atMs() / t.bucketMs()) : -1;
    }

    /** The measures of a branch's entry service, from its decision on. */
    public static Outcomes of(Trace branch) {
        return new Outcomes(branch, branch.branch().entry(), branch.branch().normalUntilMs());
    }

    /** When the scenario's first fault starts (its end if it has none). */
    public static long firstFaultMs(dev.warroom.bank.Scenario s) {
        return s.faults().stream().mapToLong(dev.warroom.bank.Scenario.Fault::atMs).min().orElse(s.durationMs());
    }

    /** Mean goodput per second over the minute before the first fault. */
    static double normalLevel(List<Trace.Bucket> series, long firstFaultMs, int bucketMs) {
        return normalMean(series, firstFaultMs, bucketMs, Outcomes::goodput);
    }

    /**
     * The mean of a per-second figure over the minute before the first fault (from 5 s after
     * the start at the earliest): what "normal" means for goodput and for load.
     */
    private static double normalMean(List<Trace.Bucket> series, long firstFaultMs, int bucketMs,
                                     java.util.function.ToIntFunction<Trace.Bucket> figure) {
        int end = (int) Math.min(series.size(), Math.max(SMOOTH_S + 1, firstFaultMs / bucketMs));
        int start = Math.max(Math.min(SMOOTH_S, end - 1), end - 60);
        double sum = 0;
        for (int b = start; b < end; b++) {
            sum += figure.applyAsInt(series.get(b));
        }
        return sum / (end - start);
    }

    static int goodput(Trace.Bucket b) {
        return b.ok() + b.fallback();
    }

    /** The normal goodput, per second. */
    public double normalLevel() {
        return normal;
    }

    /** The bucket the measures start at: the branch moment, or the first dip below {@code fraction}. */
    public int start(double fraction) {
        if (from >= 0) {
            return from;
        }
        for (int b = 0; b + SMOOTH_S <= series.size(); b++) {
            if (!healthy(b, fraction)) {
                return b;
            }
        }
        return series.size();
    }

    /** Whether the 5 seconds from {@code b} are healthy: enough goodput, few failures. */
    private boolean healthy(int b, double fraction) {
        long good = 0;
        long failed = 0;
        for (int k = b; k < b + SMOOTH_S; k++) {
            Trace.Bucket x = series.get(k);
            good += goodput(x);
            failed += x.failures();
        }
        return good >= fraction * normal * SMOOTH_S && failed <= (1 - fraction) * (good + failed);
    }

    /**
     * The first bucket from the start on where goodput is back at {@code fraction} of normal
     * and stays there {@value #SUSTAIN_S} s; -1 if that never happens within the run.
     */
    public int recoveredBucket(double fraction) {
        int run = 0;
        int last = series.size() - SMOOTH_S;
        for (int b = start(fraction); b <= last; b++) {
            run = healthy(b, fraction) ? run + 1 : 0;
            if (run >= SUSTAIN_S - SMOOTH_S + 1) {
                return b - run + 1;
            }
        }
        return -1;
    }

    /** When it recovered, seconds since the run's start; +∞ if it did not. */
    public double recoveredAt(double fraction) {
        int b = recoveredBucket(fraction);
        return b < 0 ? Double.POSITIVE_INFINITY : b * (trace.bucketMs() / 1000.0);
    }

    /** Seconds from the start (the decision) to recovery; +∞ if it did not recover. */
    public double timeToMitigate(double fraction) {
        int b = recoveredBucket(fraction);
        return b < 0 ? Double.POSITIVE_INFINITY : Math.max(0, b - start(fraction)) * (trace.bucketMs() / 1000.0);
    }

    /** Whether the 5 seconds before the start were healthy: nothing to mitigate then. */
    public boolean healthyBefore(double fraction) {
        int s = start(fraction);
        return s >= SMOOTH_S && s <= series.size() && healthy(s - SMOOTH_S, fraction);
    }

    /** Whether the run ended without recovering: the system is still recovering (or failing) at the end. */
    public boolean stillRecoveringAtEnd(double fraction) {
        return start(fraction) < series.size() && recoveredBucket(fraction) < 0;
    }

    /** User requests that failed from the start on (503, 504, errors, fast failures; a refresh counts again). */
    public long usersFailed() {
        long n = 0;
        for (int b = Math.max(0, from); b < series.size(); b++) {
            n += series.get(b).failures();
        }
        return n;
    }

    /** The failed share of the requests that ended from the start on. */
    public double failedShare() {
        long failed = 0;
        long done = 0;
        for (int b = Math.max(0, from); b < series.size(); b++) {
            failed += series.get(b).failures();
            done += series.get(b).completed();
        }
        return done == 0 ? 0 : (double) failed / done;
    }

    /**
     * Error-minutes from the start on: each second weighs its failed share, so ten minutes
     * at half the requests failing are five error-minutes.
     */
    public double errorMinutes() {
        double sum = 0;
        for (int b = Math.max(0, from); b < series.size(); b++) {
            Trace.Bucket k = series.get(b);
            if (k.completed() > 0) {
                sum += (double) k.failures() / k.completed();
            }
        }
        return sum * (trace.bucketMs() / 1000.0) / 60;
    }

    /**
     * The peak arrivals per second at {@code service} from the start on, as a multiple of its
     * normal arrivals (the minute before the first fault): what the action puts on it.
     */
    public static double peakLoad(Trace t, String service, long firstFaultMs) {
        List<Trace.Bucket> s = t.service(service).series();
        double normalArrivals = normalMean(s, firstFaultMs, t.bucketMs(), Trace.Bucket::arrivals);
        int from = t.branch() != null ? (int) (t.branch().atMs() / t.bucketMs()) : 0;
        int peak = 0;
        for (int b = from; b < s.size(); b++) {
            peak = Math.max(peak, s.get(b).arrivals());
        }
        return normalArrivals == 0 ? 0 : peak / normalArrivals;
    }

    /** The service with the highest peak load (as a multiple of its normal) from the start on, and that multiple. */
    public record Peak(String service, double multiple) {
    }

    public static Peak peak(Trace t, long firstFaultMs) {
        Peak best = null;
        for (String id : t.services().keySet()) {
            double p = peakLoad(t, id, firstFaultMs);
            if (best == null || p > best.multiple()) {
                best = new Peak(id, p);
            }
        }
        return best;
    }
}
