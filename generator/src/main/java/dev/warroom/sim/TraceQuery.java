package dev.warroom.sim;

import dev.warroom.bank.Metric;
import dev.warroom.bank.Units;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates a {@link Metric} against traces: the numbers that numeric quiz answers and a
 * problem's claims state, computed from the simulation rather than typed by hand.
 */
public final class TraceQuery {
    private final String variant;
    private final Function<String, Trace> traces;

    /**
     * @param variant the variant a call without {@code @variant} reads
     * @param traces  the trace of a variant id (computed or cached by the caller)
     */
    public TraceQuery(String variant, Function<String, Trace> traces) {
        this.variant = variant;
        this.traces = traces;
    }

    /** The metric's value; throws {@link IllegalArgumentException} naming what is missing. */
    public double evaluate(Metric metric) {
        return eval(metric.root());
    }

    private double eval(Metric.Expr e) {
        if (e instanceof Metric.Num n) {
            return n.value();
        }
        if (e instanceof Metric.Negate n) {
            return -eval(n.operand());
        }
        if (e instanceof Metric.Binary b) {
            double l = eval(b.left());
            double r = eval(b.right());
            return switch (b.op()) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                default -> l / r;
            };
        }
        Metric.Call c = (Metric.Call) e;
        Trace t = traces.apply(c.variant() == null ? variant : c.variant());
        return call(t, c);
    }

    private static double call(Trace t, Metric.Call c) {
        List<String> a = c.args();
        int start = Units.parseClock(t.startClock());
        return switch (c.function()) {
            case "clock" -> Integer.parseInt(a.get(0)) - start;
            case "first" -> first(t, a.get(0), a.get(1));
            case "recovered_at", "mitigation_time", "users_failed", "failed_share", "error_minutes" -> {
                Outcomes o = new Outcomes(t, a.get(0), normalUntil(t));
                yield switch (c.function()) {
                    case "recovered_at" -> o.recoveredAt(Double.parseDouble(a.get(1)));
                    case "mitigation_time" -> o.timeToMitigate(Double.parseDouble(a.get(1)));
                    case "users_failed" -> o.usersFailed();
                    case "failed_share" -> o.failedShare();
                    default -> o.errorMinutes();
                };
            }
            case "peak_load" -> Outcomes.peakLoad(t, a.get(0), normalUntil(t));
            case "ready" -> at(ready(t, a.get(0)), Integer.parseInt(a.get(1)) - start);
            case "min_ready", "max_ready" -> {
                List<Integer> ready = ready(t, a.get(0));
                int from = Integer.parseInt(a.get(1)) - start;
                int to = Integer.parseInt(a.get(2)) - start;
                int best = c.function().equals("min_ready") ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                for (int k = Math.max(0, from); k < Math.min(ready.size(), to); k++) {
                    int v = ready.get(k);
                    best = c.function().equals("min_ready") ? Math.min(best, v) : Math.max(best, v);
                }
                yield best;
            }
            case "ejected" -> {
                List<Integer> ejected = t.service(a.get(0)).ejected();
                yield ejected == null ? 0 : at(ejected, Integer.parseInt(a.get(1)) - start);
            }
            case "shard_busy", "shard_queued" -> {
                Trace.ShardSeries sh = t.service(a.get(0)).shards();
                if (sh == null) {
                    throw new IllegalArgumentException(c.function() + ": '" + a.get(0) + "' has no shards");
                }
                yield at(c.function().equals("shard_busy") ? sh.busyMax() : sh.queuedMax(),
                        Integer.parseInt(a.get(1)) - start);
            }
            case "ejected_seconds" -> {
                // seconds in the window that ended with a pod ejected
                Trace.ServiceSeries s = t.service(a.get(0));
                int from = Integer.parseInt(a.get(1)) - start;
                int to = Integer.parseInt(a.get(2)) - start;
                int n = 0;
                for (int k = Math.max(0, from); s.ejected() != null && k < Math.min(s.ejected().size(), to); k++) {
                    n += s.ejected().get(k) > 0 ? 1 : 0;
                }
                yield n;
            }
            case "heap", "gc" -> {
                Trace.HeapSeries h = heap(t, a.get(0));
                yield at(c.function().equals("heap") ? h.heapMb() : h.gcPercent(), Integer.parseInt(a.get(1)) - start);
            }
            case "max_gc", "oom_kills" -> {
                Trace.HeapSeries h = heap(t, a.get(0));
                int from = Integer.parseInt(a.get(1)) - start;
                int to = Integer.parseInt(a.get(2)) - start;
                boolean max = c.function().equals("max_gc");
                List<Integer> s = max ? h.gcPercent() : h.oomKills();
                int v = 0;
                for (int k = Math.max(0, from); k < Math.min(s.size(), to); k++) {
                    v = max ? Math.max(v, s.get(k)) : v + s.get(k);
                }
                yield v;
            }
            case "effects", "duplicates", "effects_total", "duplicates_total" -> effects(t, c.function(), a.get(0),
                    Integer.parseInt(a.get(1)) - start, Integer.parseInt(a.get(2)) - start);
            case "hit_ratio", "cache_hits", "cache_misses" -> cache(t, c.function(), a.get(0),
                    Integer.parseInt(a.get(1)) - start, Integer.parseInt(a.get(2)) - start);
            case "dns_lookups", "dns_failures", "dns_stale", "dns_negative" -> dns(t, c.function(), a.get(0),
                    Integer.parseInt(a.get(1)) - start, Integer.parseInt(a.get(2)) - start);
            case "connections" -> {
                int k = Integer.parseInt(a.get(1)) - start;
                long up = 0;
                for (Trace.ConnectionSeries cs : connectionSeries(t, a.get(0))) {
                    up += at(cs.up(), k);
                }
                yield up;
            }
            case "handshakes", "wasted_handshakes" -> {
                int[] w = buckets(t, c.function(), a.get(0), Integer.parseInt(a.get(1)) - start,
                        Integer.parseInt(a.get(2)) - start, t.bucketCount());
                int lo = w[0];
                int hi = w[1];
                long sum = 0;
                for (Trace.ConnectionSeries cs : connectionSeries(t, a.get(0))) {
                    List<Integer> s = c.function().equals("handshakes") ? cs.handshakes() : cs.wasted();
                    for (int k = lo; k < hi; k++) {
                        sum += s.get(k);
                    }
                }
                yield sum / (double) (hi - lo);
            }
            case "backlog", "visible", "oldest_age", "dlq" -> queue(t, a.get(0))
                    .at(c.function().equals("oldest_age") ? "oldest_age_s" : c.function(),
                            clamp(queue(t, a.get(0)), Integer.parseInt(a.get(1)) - start));
            case "max_backlog", "published", "deleted" -> {
                Trace.QueueSeries q = queue(t, a.get(0));
                int[] w = buckets(t, c.function(), a.get(0), Integer.parseInt(a.get(1)) - start,
                        Integer.parseInt(a.get(2)) - start, q.size());
                int from = w[0];
                int to = w[1];
                long sum = 0;
                int most = 0;
                for (int k = from; k < to; k++) {
                    if (c.function().equals("max_backlog")) {
                        most = Math.max(most, q.at("backlog", k));
                    } else {
                        sum += q.at(c.function(), k);
                    }
                }
                yield c.function().equals("max_backlog") ? most : sum / (double) (to - from);
            }
            case "active", "queued", "p50", "p99" -> {
                Trace.Bucket b = bucketAt(t, a.get(0), Integer.parseInt(a.get(1)) - start);
                yield switch (c.function()) {
                    case "active" -> b.active();
                    case "queued" -> b.queued();
                    case "p50" -> b.p50Ms();
                    default -> b.p99Ms();
                };
            }
            default -> window(t, c.function(), a.get(0), Integer.parseInt(a.get(1)) - start,
                    Integer.parseInt(a.get(2)) - start);
        };
    }

    /** The first fault's start: a branch knows it; else the first detected event, else the first minute. */
    private static long normalUntil(Trace t) {
        if (t.branch() != null) {
            return t.branch().normalUntilMs();
        }
        return t.events().isEmpty() ? 65_000 : t.events().get(0).tMs();
    }

    private static double first(Trace t, String service, String kind) {
        for (Trace.TraceEvent ev : t.events()) {
            if (ev.service().equals(service) && ev.kind().equals(kind)) {
                return ev.tMs() / 1000.0;
            }
        }
        throw new IllegalArgumentException("no '" + kind + "' event for " + service + " in the " + t.variant() + " trace");
    }

    private static Trace.Bucket bucketAt(Trace t, String service, long second) {
        List<Trace.Bucket> series = t.service(service).series();
        int i = (int) (second * 1000 / t.bucketMs());
        if (i < 0 || i >= series.size()) {
            throw new IllegalArgumentException(service + ": " + Units.formatClock(Units.parseClock(t.startClock()) + second)
                    + " is outside the " + t.variant() + " trace");
        }
        return series.get(i);
    }

    private static Trace.HeapSeries heap(Trace t, String service) {
        Trace.HeapSeries h = t.service(service).heap();
        if (h == null) {
            throw new IllegalArgumentException(service + " has no memory model: no heap series");
        }
        return h;
    }

    private static List<Integer> ready(Trace t, String service) {
        List<Integer> ready = t.service(service).ready();
        if (ready == null) {
            throw new IllegalArgumentException(service + " has no health probes: no ready series");
        }
        return ready;
    }

    private static Trace.QueueSeries queue(Trace t, String service) {
        Trace.QueueSeries q = t.service(service).queue();
        if (q == null) {
            throw new IllegalArgumentException(service + " consumes no message queue: no queue series");
        }
        return q;
    }

    private static int clamp(Trace.QueueSeries q, int second) {
        return Math.max(0, Math.min(q.size() - 1, second));
    }

    /** A per-second series at a second from the start, clamped to the run. */
    private static int at(List<Integer> series, int second) {
        return series.get(Math.max(0, Math.min(series.size() - 1, second)));
    }

    /**
     * Side effects applied by {@code callee} (or their duplicates) in the buckets that start in [from, to),
     * summed over the calls into it that have a side effect: per second, or in all for the {@code _total}s.
     */
    private static double effects(Trace t, String fn, String callee, long from, long to) {
        int[] w = buckets(t, fn, callee, from, to, t.bucketCount());
        int lo = w[0];
        int hi = w[1];
        boolean dup = fn.startsWith("duplicates");
        boolean any = false;
        long sum = 0;
        for (Trace.EdgeSeries e : t.edges().values()) {
            if (e.to().equals(callee) && e.effects() != null) {
                any = true;
                List<Integer> s = dup ? e.duplicates() : e.effects();
                for (int k = lo; k < hi; k++) {
                    sum += s.get(k);
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException(fn + "(" + callee + "): no call into " + callee
                    + " has a side_effect in the " + t.variant() + " trace");
        }
        return fn.endsWith("_total") ? sum : sum / ((hi - lo) * t.bucketMs() / 1000.0);
    }

    /**
     * The caches of the calls into {@code callee} in the buckets that start in [from, to): the share of
     * calls they answered ({@code hit_ratio}, 0..1), or hits / misses per second.
     */
    private static double cache(Trace t, String fn, String callee, long from, long to) {
        int[] w = buckets(t, fn, callee, from, to, t.bucketCount());
        int lo = w[0];
        int hi = w[1];
        boolean any = false;
        long hits = 0;
        long misses = 0;
        for (Trace.EdgeSeries e : t.edges().values()) {
            if (e.to().equals(callee) && e.hits() != null) {
                any = true;
                for (int k = lo; k < hi; k++) {
                    hits += e.hits().get(k);
                    misses += e.misses().get(k);
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException(fn + "(" + callee + "): no call into " + callee
                    + " has a cache in the " + t.variant() + " trace");
        }
        double seconds = (hi - lo) * t.bucketMs() / 1000.0;
        return switch (fn) {
            case "hit_ratio" -> hits + misses == 0 ? 0 : (double) hits / (hits + misses);
            case "cache_hits" -> hits / seconds;
            default -> misses / seconds;
        };
    }

    /**
     * Name resolution of {@code callee}'s name per second in the buckets that start in [from, to), summed
     * over the calls into it that have {@code dns}: lookups started, lookups failed, attempts answered stale,
     * attempts failed by the negative cache.
     */
    private static double dns(Trace t, String fn, String callee, long from, long to) {
        int[] w = buckets(t, fn, callee, from, to, t.bucketCount());
        int lo = w[0];
        int hi = w[1];
        boolean any = false;
        long sum = 0;
        for (Trace.EdgeSeries e : t.edges().values()) {
            if (e.to().equals(callee) && e.dns() != null) {
                any = true;
                List<Integer> s = switch (fn) {
                    case "dns_lookups" -> e.dns().lookups();
                    case "dns_failures" -> e.dns().failed();
                    case "dns_stale" -> e.dns().stale();
                    default -> e.dns().negative();
                };
                for (int k = lo; k < hi; k++) {
                    sum += s.get(k);
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException(fn + "(" + callee + "): no call into " + callee
                    + " has dns in the " + t.variant() + " trace");
        }
        return sum / ((hi - lo) * t.bucketMs() / 1000.0);
    }

    /**
     * The buckets [lo, hi) that start in [from, to) seconds from the start, of a series of {@code size};
     * an empty window, or one outside the trace, is an error naming the metric.
     */
    private static int[] buckets(Trace t, String fn, String of, long from, long to, int size) {
        int lo = (int) (from * 1000 / t.bucketMs());
        int hi = (int) (to * 1000 / t.bucketMs());
        if (lo < 0 || hi > size || hi <= lo) {
            throw new IllegalArgumentException(fn + "(" + of + "): the window is empty or outside the "
                    + t.variant() + " trace");
        }
        return new int[] {lo, hi};
    }

    /** Rates over the buckets that start in [from, to), in seconds from the start. */
    private static double window(Trace t, String fn, String service, long from, long to) {
        List<Trace.Bucket> series = t.service(service).series();
        int[] w = buckets(t, fn, service, from, to, series.size());
        int lo = w[0];
        int hi = w[1];
        long ok = 0;
        long arrivals = 0;
        long failures = 0;
        long timeouts = 0;
        long rejects = 0;
        long completed = 0;
        long retries = 0;
        for (Trace.Bucket b : series.subList(lo, hi)) {
            ok += b.ok();
            arrivals += b.arrivals();
            failures += b.failures();
            timeouts += b.timedOut();
            rejects += b.rejected();
            completed += b.completed();
            retries += b.retries();
        }
        double seconds = (hi - lo) * t.bucketMs() / 1000.0;
        return switch (fn) {
            case "throughput" -> ok / seconds;
            case "arrivals" -> arrivals / seconds;
            case "retries" -> retries / seconds;
            case "error_rate" -> completed == 0 ? 0 : (double) failures / completed;
            case "timeout_rate" -> completed == 0 ? 0 : (double) timeouts / completed;
            default -> completed == 0 ? 0 : (double) rejects / completed;
        };
    }

    /** The connection series of the calls into {@code callee} that have persistent connections. */
    private static List<Trace.ConnectionSeries> connectionSeries(Trace t, String callee) {
        List<Trace.ConnectionSeries> out = new java.util.ArrayList<>();
        for (Trace.EdgeSeries e : t.edges().values()) {
            if (e.to().equals(callee) && e.connections() != null) {
                out.add(e.connections());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no call into " + callee + " has connections in the "
                    + t.variant() + " trace");
        }
        return out;
    }
}
