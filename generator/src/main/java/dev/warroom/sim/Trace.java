package dev.warroom.sim;

import java.util.List;
import java.util.Map;

/**
 * The result of one simulation run: per-second series for every service and edge, the
 * detected events, and run statistics. This is a public contract (DESIGN §3): users export
 * it, the tests and the pictures read it. Field names are fixed; {@link TraceJson} maps
 * them to snake_case.
 *
 * @param problem     the problem id
 * @param variant     the variant id ({@code baseline} for the unmodified scenario)
 * @param seed        the RNG seed the run used
 * @param bucketMs    width of every bucket in simulated milliseconds (1000)
 * @param startClock  the scenario's wall clock at t = 0, {@code HH:MM:SS}
 * @param durationMs  simulated length of the run
 * @param services    series per service and external dependency, in topology order
 * @param edges       series per call edge, keyed {@code caller->callee}, in topology order
 * @param events      detected events in time order
 * @param stats       how much work the run did
 * @param branch      where this run left its parent, if it plays a decision's option; else null
 */
public record Trace(
        String problem,
        String variant,
        long seed,
        int bucketMs,
        String startClock,
        long durationMs,
        Map<String, ServiceSeries> services,
        Map<String, EdgeSeries> edges,
        List<TraceEvent> events,
        TraceStats stats,
        Branch branch) {

    public Trace {
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        edges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(edges));
        events = List.copyOf(events);
    }

    /** A run that is no decision's branch. */
    public Trace(String problem, String variant, long seed, int bucketMs, String startClock, long durationMs,
                 Map<String, ServiceSeries> services, Map<String, EdgeSeries> edges, List<TraceEvent> events,
                 TraceStats stats) {
        this(problem, variant, seed, bucketMs, startClock, durationMs, services, edges, events, stats, null);
    }

    /** This trace as the branch of {@code from} that leaves it at {@code atMs}. */
    public Trace withBranch(Branch b) {
        return new Trace(problem, variant, seed, bucketMs, startClock, durationMs, services, edges, events, stats, b);
    }

    /**
     * Where a branch leaves its parent.
     *
     * @param decision the decision's id
     * @param from     the parent variant (baseline, or an earlier decision's option)
     * @param atMs     the decision's moment: series before it equal the parent's
     * @param entry    the entry service, where users see the outcome
     * @param normalUntilMs the first fault's start: the minute before it is the normal level
     */
    public record Branch(String decision, String from, long atMs, String entry, long normalUntilMs) {
    }

    /** Number of buckets in every series. */
    public int bucketCount() {
        return (int) (durationMs / bucketMs);
    }

    /** Series of one service or external; throws if unknown. */
    public ServiceSeries service(String id) {
        ServiceSeries s = services.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no service '" + id + "' in trace; known: " + services.keySet());
        }
        return s;
    }

    /**
     * A service with {@code memory}, per second: the fullest running pod's live heap (MB) and
     * the share of its time the collector runs (%) at the end of the second, and the pods
     * OOM-killed in it.
     */
    public record HeapSeries(List<Integer> heapMb, List<Integer> gcPercent, List<Integer> oomKills) {
        public HeapSeries {
            heapMb = List.copyOf(heapMb);
            gcPercent = List.copyOf(gcPercent);
            oomKills = List.copyOf(oomKills);
        }
    }

    /**
     * Per-service series.
     *
     * @param name     display name
     * @param kind     {@code service} or {@code external}
     * @param threads  worker pool size (0 for an external without a concurrency limit)
     * @param series   one bucket per second
     */
    public record ServiceSeries(String name, String kind, int threads, List<Bucket> series, List<Integer> ready,
                                List<Integer> ejected, HeapSeries heap,
                                ShardSeries shards, QueueSeries queue) {
        public ServiceSeries {
            series = List.copyOf(series);
            ready = ready == null ? null : List.copyOf(ready);
            ejected = ejected == null ? null : List.copyOf(ejected);
        }

        /** Without a memory model, shards or a message queue. */
        public ServiceSeries(String name, String kind, int threads, List<Bucket> series, List<Integer> ready,
                             List<Integer> ejected) {
            this(name, kind, threads, series, ready, ejected, null, null, null);
        }

        /** Without outlier detection on any call to it. */
        public ServiceSeries(String name, String kind, int threads, List<Bucket> series, List<Integer> ready) {
            this(name, kind, threads, series, ready, null);
        }

        /** A service without health probes, or an external. */
        public ServiceSeries(String name, String kind, int threads, List<Bucket> series) {
            this(name, kind, threads, series, null);
        }
    }

    /**
     * A service with shards, per second at its end: the busy workers of its busiest shard and
     * the longest queue of one shard.
     */
    public record ShardSeries(List<Integer> busyMax, List<Integer> queuedMax) {
        public ShardSeries {
            busyMax = List.copyOf(busyMax);
            queuedMax = List.copyOf(queuedMax);
        }
    }

    /**
     * The SQS queue a consumer service reads (docs/simulation.md, "Message queues"), one number
     * per second: messages sent and deleted in the second; visible, in flight (received, not yet
     * deleted nor visible again), the age of the oldest message not deleted (seconds) and the
     * dead-letter queue's messages, at the end of the second.
     */
    public record QueueSeries(List<Integer> published, List<Integer> deleted, List<Integer> visible,
                              List<Integer> inFlight, List<Integer> oldestAgeS, List<Integer> dlq) {
        public QueueSeries {
            published = List.copyOf(published);
            deleted = List.copyOf(deleted);
            visible = List.copyOf(visible);
            inFlight = List.copyOf(inFlight);
            oldestAgeS = List.copyOf(oldestAgeS);
            dlq = List.copyOf(dlq);
        }

        /** The named series: published, deleted, visible, in_flight, oldest_age_s, dlq; or backlog (visible + in flight). */
        public int at(String which, int second) {
            return switch (which) {
                case "published" -> published.get(second);
                case "deleted" -> deleted.get(second);
                case "visible" -> visible.get(second);
                case "in_flight" -> inFlight.get(second);
                case "oldest_age_s" -> oldestAgeS.get(second);
                case "dlq" -> dlq.get(second);
                case "backlog" -> visible.get(second) + inFlight.get(second);
                default -> throw new IllegalArgumentException("no queue series " + which);
            };
        }

        public int size() {
            return visible.size();
        }
    }

    /**
     * One second of one service, from the service's point of view: every request that
     * arrived at it (first attempts and retries) ends in exactly one outcome.
     * Conservation: cumulative arrivals = cumulative (ok + fallback + rejected + timed_out
     * + failed + fast_failed) + active + queued.
     *
     * @param tMs        bucket start, simulated ms
     * @param arrivals   requests that arrived (including retries)
     * @param ok         answered successfully
     * @param fallback   answered with a degraded fallback
     * @param rejected   503 from this service itself: pool and queue full, shed, rate limited
     * @param timedOut   504: a downstream call or the queue wait timed out
     * @param failed     5xx because a downstream call failed or was rejected
     * @param fastFailed failed at once because a breaker on a downstream call was open
     * @param retries    how many of the arrivals were retries by a caller
     * @param abandoned  requests this service finished after its caller had given up (wasted work)
     * @param active     busy workers at the end of the bucket (including those waiting on calls)
     * @param queued     requests waiting for a worker at the end of the bucket
     * @param p50Ms      median latency of requests completed in the bucket (0 if none)
     * @param p99Ms      99th percentile latency of requests completed in the bucket (0 if none)
     * @param breaker    worst state of the breakers guarding calls into this service:
     *                   {@code closed}, {@code half_open}, {@code open}, or {@code none}
     */
    public record Bucket(
            long tMs, int arrivals, int ok, int fallback, int rejected, int timedOut, int failed,
            int fastFailed, int retries, int abandoned, int active, int queued,
            long p50Ms, long p99Ms, String breaker) {

        /** All requests that ended in a failure of any kind. */
        public int failures() {
            return rejected + timedOut + failed + fastFailed;
        }

        /** Requests that completed in this bucket, whatever the outcome. */
        public int completed() {
            return ok + fallback + failures();
        }

        /** Failures over completions; 0 when nothing completed. */
        public double errorRate() {
            int c = completed();
            return c == 0 ? 0 : (double) failures() / c;
        }
    }

    /**
     * Per call edge, from the caller's side: attempts sent and how they ended.
     *
     * @param from    caller id
     * @param to      callee id
     * @param series  one bucket per second
     * @param effects    for a call with a side effect (else null): per second, the effects the callee applied
     *                   for this edge's attempts (a charge each), whether or not the caller still waited
     * @param duplicates for a call with a side effect (else null): per second, the effects that were not
     *                   the first of their call (a retry charged again)
     * @param hits    for a call with a cache (else null): per second, calls answered from the cache (fresh or stale)
     * @param misses  for a call with a cache (else null): per second, calls it did not answer (fetched, or waited
     *                for another's fetch)
     * @param dns     for a call with name resolution (else null): its lookups per second
     * @param connections for a call with persistent connections (else null): its handshakes and connections
     */
    public record EdgeSeries(String from, String to, List<EdgeBucket> series, List<Integer> effects,
                             List<Integer> duplicates, List<Integer> hits, List<Integer> misses, DnsSeries dns,
                             ConnectionSeries connections) {
        public EdgeSeries {
            series = List.copyOf(series);
            effects = effects == null ? null : List.copyOf(effects);
            duplicates = duplicates == null ? null : List.copyOf(duplicates);
            hits = hits == null ? null : List.copyOf(hits);
            misses = misses == null ? null : List.copyOf(misses);
        }

        /** An edge whose call has no cache, no name resolution and no persistent connections. */
        public EdgeSeries(String from, String to, List<EdgeBucket> series, List<Integer> effects,
                          List<Integer> duplicates) {
            this(from, to, series, effects, duplicates, null, null, null, null);
        }

        /** An edge whose call has no side effect. */
        public EdgeSeries(String from, String to, List<EdgeBucket> series) {
            this(from, to, series, null, null);
        }
    }

    /**
     * Name resolution on one edge, per second, over the caller's pods.
     *
     * @param lookups  lookups started (a miss that found no lookup to join)
     * @param failed   lookups that ended without an address (every query timed out or failed)
     * @param stale    attempts that went on with an expired address (serve-stale)
     * @param negative attempts failed at once by a remembered failure (negative caching)
     */
    public record DnsSeries(List<Integer> lookups, List<Integer> failed, List<Integer> stale, List<Integer> negative) {
        public DnsSeries {
            lookups = List.copyOf(lookups);
            failed = List.copyOf(failed);
            stale = List.copyOf(stale);
            negative = List.copyOf(negative);
        }
    }

    /**
     * One second of one edge.
     *
     * @param tMs          bucket start
     * @param attempts     attempts sent to the callee (first tries and retries)
     * @param retries      of which retries
     * @param ok           attempts that came back successful
     * @param failed       attempts that came back with an error (5xx or rejection)
     * @param timedOut     attempts the caller gave up on (its timeout)
     * @param shortCircuited calls refused by the caller's own breaker, bulkhead or retry budget (never sent)
     * @param inFlight     attempts outstanding at the end of the bucket
     * @param breaker      state of this edge's breaker: {@code closed}, {@code half_open}, {@code open}, {@code none}
     */
    public record EdgeBucket(
            long tMs, int attempts, int retries, int ok, int failed, int timedOut,
            int shortCircuited, int inFlight, String breaker) {
    }

    /**
     * A detected event: a caption and a timeline marker later.
     *
     * @param tMs     simulated time
     * @param clock   the scenario's wall clock, {@code HH:MM:SS}
     * @param service the service it concerns
     * @param kind    e.g. {@code latency_spike}, {@code pool_exhausted}, {@code breaker_opened}
     * @param text    a one-line narration
     */
    public record TraceEvent(long tMs, String clock, String service, String kind, String text) {
    }

    /**
     * @param eventsProcessed discrete events the scheduler executed
     * @param wallMs          wall time of the run (the only non-deterministic field)
     */
    public record TraceStats(long eventsProcessed, long wallMs) {
    }

    /**
     * Per second, for a call with persistent connections: TLS handshakes the callee completed
     * ({@code handshakes}), those of them for a client that had already given up
     * ({@code wasted}), connect attempts that timed out at the client ({@code connect_timeouts}),
     * and the connections up at the end of the second ({@code up}).
     */
    public record ConnectionSeries(List<Integer> handshakes, List<Integer> wasted, List<Integer> connectTimeouts,
                                   List<Integer> up) {
        public ConnectionSeries {
            handshakes = List.copyOf(handshakes);
            wasted = List.copyOf(wasted);
            connectTimeouts = List.copyOf(connectTimeouts);
            up = List.copyOf(up);
        }
    }
}
