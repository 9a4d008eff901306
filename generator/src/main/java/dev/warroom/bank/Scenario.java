package dev.warroom.bank;

import java.util.List;
import java.util.Map;

/**
 * The simulated system of one problem variant: topology, traffic, faults and detection
 * settings. The baseline and every variant each have one; a variant's is the baseline with
 * the variant's overrides applied. Times are simulated milliseconds from the start.
 *
 * @param startClock  wall clock at t = 0, seconds since midnight
 * @param durationMs  simulated length of a run
 * @param services    in-house services by id, in file order
 * @param externals   external dependencies by id, in file order
 * @param traffic     open-loop arrival streams
 * @param faults      what goes wrong, in file order
 * @param detections  thresholds and caption overrides
 * @param actions     what an incident commander does mid-run, in time order (empty but in a
 *                    decision's branch): the system above is the one before the first action
 */
public record Scenario(
        int startClock,
        long durationMs,
        Map<String, Service> services,
        Map<String, External> externals,
        List<Traffic> traffic,
        List<Fault> faults,
        Detections detections,
        List<Action> actions) {

    /** A timeout or deadline of "none": wait forever. */
    public static final long NO_TIMEOUT = 0;
    /** An unbounded queue or unlimited concurrency. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public Scenario {
        services = Maps.ordered(services);
        externals = Maps.ordered(externals);
        traffic = List.copyOf(traffic);
        faults = List.copyOf(faults);
        actions = actions.stream().sorted(java.util.Comparator.comparingLong(Action::atMs)).toList();
    }

    /** A scenario with no mid-run actions. */
    public Scenario(int startClock, long durationMs, Map<String, Service> services, Map<String, External> externals,
                    List<Traffic> traffic, List<Fault> faults, Detections detections) {
        this(startClock, durationMs, services, externals, traffic, faults, detections, List.of());
    }

    /** This scenario run for {@code durationMs} with {@code more} actions after its own. */
    public Scenario branch(long durationMs, List<Action> more) {
        List<Action> all = new java.util.ArrayList<>(actions);
        all.addAll(more);
        return new Scenario(startClock, durationMs, services, externals, traffic, faults, detections, all);
    }

    /** The entry service of the first traffic stream: where users see the outcome. */
    public String entry() {
        return traffic.isEmpty() ? null : traffic.get(0).entry();
    }

    /** The wall clock ({@code HH:MM:SS}) of a simulated time. */
    public String clockAt(long tMs) {
        return Units.formatClock(startClock + Math.floorDiv(tMs, 1000));
    }

    /** Simulated ms of a clock given as seconds since midnight. */
    public long timeOf(int clockSeconds) {
        return (clockSeconds - startClock) * 1000L;
    }

    /** Display name of a service or external. */
    public String nameOf(String id) {
        Service s = services.get(id);
        if (s != null) {
            return s.name();
        }
        External e = externals.get(id);
        return e == null ? id : e.name();
    }

    /** A latency or processing-time distribution in milliseconds. */
    public record Dist(Kind kind, double meanMs, double medianMs, double p99Ms) {
        public enum Kind { FIXED, EXPONENTIAL, LOGNORMAL }

        public static Dist fixed(double ms) {
            return new Dist(Kind.FIXED, ms, ms, ms);
        }

        /** The distribution's mean in ms (for a lognormal, from its median and p99). */
        public double mean() {
            if (kind != Kind.LOGNORMAL) {
                return meanMs;
            }
            double sigma = sigma();
            return medianMs * Math.exp(sigma * sigma / 2);
        }

        /** Lognormal shape: p99 = median · e^(2.326·σ). */
        public double sigma() {
            return kind == Kind.LOGNORMAL ? Math.log(p99Ms / medianMs) / 2.3263478740408408 : 0;
        }
    }

    /** An in-house service: a worker pool, a queue, its own work, and its downstream calls. */
    public record Service(
            String id, String name, int threads, Queue queue, Dist processing, Shed shed,
            RateLimit rateLimit, boolean propagateDeadline, Layout layout, Map<String, Call> calls, Health health,
            Memory memory, Shards shards, MessageQueue messageQueue) {
        public Service {
            calls = Maps.ordered(calls);
        }

        /** A service without a memory model, shards or a message queue. */
        public Service(String id, String name, int threads, Queue queue, Dist processing, Shed shed,
                       RateLimit rateLimit, boolean propagateDeadline, Layout layout, Map<String, Call> calls, Health health) {
            this(id, name, threads, queue, processing, shed, rateLimit, propagateDeadline, layout, calls, health, null, null, null);
        }

        /** A service without health probes (one pool, one queue). */
        public Service(String id, String name, int threads, Queue queue, Dist processing, Shed shed,
                       RateLimit rateLimit, boolean propagateDeadline, Layout layout, Map<String, Call> calls) {
            this(id, name, threads, queue, processing, shed, rateLimit, propagateDeadline, layout, calls, null);
        }

        /** This service with other health settings. */
        public Service withHealth(Health h) {
            return new Service(id, name, threads, queue, processing, shed, rateLimit, propagateDeadline, layout, calls, h, memory,
                    shards, messageQueue);
        }

        /** This service with another memory model. */
        public Service withMemory(Memory m) {
            return new Service(id, name, threads, queue, processing, shed, rateLimit, propagateDeadline, layout, calls, health, m,
                    shards, messageQueue);
        }
    }

    /**
     * The heap of each pod of a JVM service (docs/simulation.md, "Memory and garbage
     * collection"): live memory is {@code baseMb} plus {@code perRequestMb} for every request
     * the pod holds (running or queued); the collector's time per unit of work is
     * {@code gcCost} × live / (heap − live) (Appel's cost of a tracing collector), so each
     * request's own work takes 1 + that as long; an admission that would bring live to the
     * heap kills the container (OOMKilled), which restarts as a liveness failure does.
     *
     * @param heapMb       the maximum heap (-Xmx), MB
     * @param baseMb       live memory of an idle pod (caches, classes, pools), MB
     * @param perRequestMb live memory each request holds while in the pod, MB
     * @param gcCost       the collector's time per unit of mutator time when live is half the heap
     */
    public record Memory(double heapMb, double baseMb, double perRequestMb, double gcCost) {
        /** Live memory, MB, with {@code held} requests in the pod. */
        public double live(int held) {
            return baseMb + perRequestMb * held;
        }
    }

    /**
     * A partitioned store (docs/simulation.md, "Shards"): {@code count} shards, each with its
     * share of the service's workers and queue; a request reads one key of {@code keys}, drawn
     * with Zipf popularity {@code zipf} (key 0 the most popular; 0 = uniform), which lives on
     * the shard its hash slot maps to and the {@code replicas − 1} shards after it; reads of a
     * key go to its replicas in turn.
     *
     * @param count        shards
     * @param keys         the key space
     * @param zipf         Zipf exponent s: key k (from 0) has weight (k + 1)^−s
     * @param replicas     shards every key lives on (consecutive shards from its own)
     * @param replicate    keys that live on more shards than {@code replicas}
     * @param keyLimit     a token bucket per key in front of the shards (503 beyond it), or null
     * @param hedgeAfterMs a read not answered after this is sent to another replica of its key too
     *                     (the first answer is taken); {@link #NO_TIMEOUT} for no hedging
     * @param cache        keys answered by a cache in front of the shards (at once, no shard work)
     */
    public record Shards(int count, int keys, double zipf, int replicas, List<Replicate> replicate,
                         RateLimit keyLimit, long hedgeAfterMs, List<Integer> cache) {
        public Shards {
            replicate = List.copyOf(replicate);
            cache = List.copyOf(cache);
        }

        /** How many shards key {@code key} lives on. */
        public int replicasOf(int key) {
            for (Replicate r : replicate) {
                if (r.key() == key) {
                    return r.replicas();
                }
            }
            return replicas;
        }
    }

    /** Key {@code key} lives on {@code replicas} shards. */
    public record Replicate(int key, int replicas) {
    }

    /**
     * The service consumes an Amazon SQS standard queue (docs/simulation.md, "Message queues"):
     * a call to it is a SendMessage, acknowledged at once; its {@code threads} are the consumer's
     * workers, each receiving one message, processing it (its own work and its calls) and deleting
     * it on success. A message not deleted becomes visible again {@code visibilityTimeoutMs} after
     * it was received (or after the backoff, when set); with {@code maxReceives} > 0 (a redrive
     * policy) a message received that many times moves to the dead-letter queue at its next receive.
     *
     * @param visibilityTimeoutMs SQS VisibilityTimeout (default 30 s)
     * @param maxReceives         the redrive policy's maxReceiveCount; 0 = no dead-letter queue
     * @param poison              the fraction of messages that fail whenever they are processed
     * @param maxRate             the consumer's receives per second at most (a paced drain); 0 = no limit
     * @param backoffBaseMs       on a failure the consumer sets the message's visibility to
     *                            min(cap, base·2^(receives−1)) (ChangeMessageVisibility); 0 = it does not
     * @param backoffCapMs        the cap of that delay
     */
    public record MessageQueue(long visibilityTimeoutMs, int maxReceives, double poison, double maxRate,
                               long backoffBaseMs, long backoffCapMs) {
        public static final long DEFAULT_VISIBILITY_MS = 30_000;
    }

    /**
     * Kubernetes-style health checking of a service run as {@code pods} pods behind a Service
     * (the load balancer). The service's {@code threads}, queue capacity and {@code shed.max_queue}
     * are totals, split evenly over the pods. A probe is a request of {@code probeWorkMs} of own
     * work that waits in its pod's queue and needs one of its workers like any other.
     *
     * @param pods        number of pods (replicas)
     * @param readiness   readiness probe, or null (every running pod is ready)
     * @param liveness    liveness probe, or null (no restarts)
     * @param probeWorkMs the probe handler's own work once a worker takes it
     * @param restartMs   a restarted container's time until it accepts connections (process start)
     */
    public record Health(int pods, Probe readiness, Probe liveness, long probeWorkMs, long restartMs) {
    }

    /**
     * One probe, with the fields and defaults of a Kubernetes container probe
     * (periodSeconds 10, timeoutSeconds 1, failureThreshold 3, successThreshold 1,
     * initialDelaySeconds 0).
     */
    public record Probe(long periodMs, long timeoutMs, int failureThreshold, int successThreshold, long initialDelayMs) {
        public static final Probe DEFAULT = new Probe(10_000, 1_000, 3, 1, 0);
    }

    /**
     * The request queue in front of the pool; capacity {@link #UNBOUNDED} for none.
     * {@code overflow} says what a caller sees when pool and queue are full: REJECT answers
     * 503 at once; DROP never accepts the connection (a full accept backlog), so the caller
     * waits for its own timeout. Both count as rejected at this service.
     */
    public record Queue(int capacity, Order order, long timeoutMs, Overflow overflow) {
        public enum Order { FIFO, LIFO }

        public enum Overflow { REJECT, DROP }

        public static final Queue DEFAULT = new Queue(UNBOUNDED, Order.FIFO, NO_TIMEOUT, Overflow.REJECT);

        public Queue(int capacity, Order order, long timeoutMs) {
            this(capacity, order, timeoutMs, Overflow.REJECT);
        }
    }

    /** Server-side load shedding: reject when the queue is longer, or its head has waited longer. 0 = off. */
    public record Shed(int maxQueue, long maxQueueWaitMs) {
    }

    /** A token bucket in front of the service. */
    public record RateLimit(double rps, int burst) {
    }

    /** Layout override for the pictures; -1 = automatic. */
    public record Layout(int layer, int order) {
        public static final Layout AUTO = new Layout(-1, -1);
    }

    /**
     * A downstream call with the caller's client policy.
     *
     * @param to          callee id (a service or an external)
     * @param probability share of the caller's requests that make this call
     * @param timeoutMs   per-attempt timeout, {@link #NO_TIMEOUT} for none
     * @param retry       retry policy ({@link Retry#NONE} for a single attempt)
     * @param breaker     circuit breaker, or null
     * @param bulkhead    max concurrent calls to the callee, or null
     * @param retryBudget Envoy-style retry budget, or null
     * @param deadlineMs  overall budget of the call including retries, {@link #NO_TIMEOUT} for none
     * @param fallback    degraded answer on failure, or null
     * @param sideEffect  what the callee does each time it completes an attempt (e.g. {@code charge}), or null:
     *                    the call is not idempotent, and the trace counts the effects and their duplicates
     * @param idempotencyKey whether the attempts carry one idempotency key, so the callee applies the effect once
     * @param cache       a look-aside cache in front of the callee (the caller's Redis), or null
     * @param dns         the caller's name resolution before each attempt (a cached address, a resolver), or null
     * @param connections the persistent (TLS) connections the caller's clients keep to the callee, or null:
     *                    a request needs one, and each one costs a handshake at the callee (docs/simulation.md)
     */
    public record Call(
            String to, double probability, long timeoutMs, Retry retry, Breaker breaker,
            Bulkhead bulkhead, RetryBudget retryBudget, long deadlineMs, Fallback fallback,
            OutlierDetection outlier, String sideEffect, boolean idempotencyKey, Cache cache, Dns dns, Connections connections) {

        /** A call without a cache, name resolution or connections. */
        public Call(String to, double probability, long timeoutMs, Retry retry, Breaker breaker,
                    Bulkhead bulkhead, RetryBudget retryBudget, long deadlineMs, Fallback fallback,
                    OutlierDetection outlier, String sideEffect, boolean idempotencyKey) {
            this(to, probability, timeoutMs, retry, breaker, bulkhead, retryBudget, deadlineMs, fallback, outlier,
                    sideEffect, idempotencyKey, null, null, null);
        }

        /** A call without outlier detection or side effects. */
        public Call(String to, double probability, long timeoutMs, Retry retry, Breaker breaker,
                    Bulkhead bulkhead, RetryBudget retryBudget, long deadlineMs, Fallback fallback) {
            this(to, probability, timeoutMs, retry, breaker, bulkhead, retryBudget, deadlineMs, fallback, null, null,
                    false);
        }
    }

    /**
     * The caller resolves the callee's name before each attempt (docs/simulation.md, "Name resolution"):
     * a cache per caller pod (the JVM's InetAddress cache), filled from the resolver as glibc's stub
     * resolver asks it (resolv.conf {@code timeout}, {@code attempts}, nameservers in order).
     *
     * @param nameservers    externals that answer the queries, tried in order (resolv.conf {@code nameserver} lines)
     * @param ttlMs          how long a resolved address is used (JDK {@code networkaddress.cache.ttl}, 30 s)
     * @param negativeTtlMs  how long a failed lookup is remembered (JDK {@code networkaddress.cache.negative.ttl}, 10 s)
     * @param staleTtlMs     how long after expiry the old address may still answer when a refresh fails
     *                       (RFC 8767 serve-stale, JDK 22 {@code networkaddress.cache.stale.ttl}); 0 = never
     * @param staleTimeoutMs with a stale address at hand, how long an attempt waits for the refresh before it uses
     *                       the stale one (RFC 8767 client response timeout, 1.8 s)
     * @param timeoutMs      per query (resolv.conf {@code timeout}, 5 s)
     * @param attempts       rounds over the nameservers (resolv.conf {@code attempts}, 2)
     * @param coalesce       concurrent misses of one cache share one lookup (the JDK's InetAddress does)
     */
    public record Dns(List<String> nameservers, long ttlMs, long negativeTtlMs, long staleTtlMs, long staleTimeoutMs,
                      long timeoutMs, int attempts, boolean coalesce) {
        public Dns {
            nameservers = List.copyOf(nameservers);
        }
    }

    /**
     * Persistent connections from a fleet of clients to a service (docs/simulation.md, "Connections").
     *
     * @param clients          how many clients keep one connection each
     * @param handshake        the callee's worker time for a full TLS handshake
     * @param resumed          the worker time of a resumed (abbreviated) handshake, or null: no session resumption
     * @param connectTimeoutMs how long a client waits for its connection (TCP and TLS) before it gives up
     * @param reconnect        the delay before a client's n-th connect attempt after a drop (attempts unused)
     * @param maxHandshakes    at most this many handshakes accepted at the callee at once (0 = no limit);
     *                         the others wait in the listen backlog, unaccepted
     */
    public record Connections(int clients, Dist handshake, Dist resumed, long connectTimeoutMs, Retry reconnect,
                              int maxHandshakes) {
    }

    /**
     * Envoy's outlier detection on a call to a service with pods ({@code config.cluster.v3.OutlierDetection}):
     * consecutive 5xx and consecutive gateway failures, ejection for base × times ejected (capped),
     * at most {@code maxEjectionPercent} % of the pods ejected, unejection at the interval's sweep.
     */
    public record OutlierDetection(int consecutive5xx, int consecutiveGatewayFailure, int enforcingConsecutive5xx,
                                   int enforcingConsecutiveGatewayFailure, long intervalMs, long baseEjectionMs,
                                   long maxEjectionMs, int maxEjectionPercent) {
    }

    /**
     * A look-aside cache on a call (docs/simulation.md, "Caches"): each call asks for one of
     * {@code keys} keys, Zipf-distributed with exponent {@code zipf}; a cached entry answers after
     * {@code hitLatencyMs}; a miss calls the callee and stores the answer (ok only) for {@code ttlMs}.
     * {@code coalesce}: concurrent misses of one key wait for the one fetch in flight (singleflight);
     * {@code staleMs}: an entry expired less than this ago is served and refreshed once in the background
     * (RFC 5861 stale-while-revalidate); {@code warm}: the hottest keys cached when the policy takes effect.
     */
    public record Cache(int keys, double zipf, long ttlMs, long hitLatencyMs, boolean coalesce, long staleMs,
                        int warm) {
    }

    /** Retries: at most {@code attempts} tries in all, with backoff and jitter, on the listed outcomes. */
    public record Retry(int attempts, Backoff backoff, long baseMs, long capMs, Jitter jitter, List<RetryOn> on) {
        public enum Backoff { NONE, FIXED, EXPONENTIAL }

        public enum Jitter { NONE, FULL, EQUAL, DECORRELATED }

        public enum RetryOn { TIMEOUT, ERROR, REJECTED }

        public static final Retry NONE = new Retry(1, Backoff.NONE, 0, 0, Jitter.NONE, List.of());

        public Retry {
            on = List.copyOf(on);
        }
    }

    /**
     * A circuit breaker. {@code CONSECUTIVE} follows pybreaker (failMax, resetTimeoutMs,
     * successThreshold); {@code RATE} follows resilience4j (the window and rate fields).
     */
    public record Breaker(
            Style style, int failMax, long resetTimeoutMs, int successThreshold,
            int window, WindowType windowType, int minimumCalls, double failureRatePercent,
            double slowCallRatePercent, long slowCallDurationMs, long waitOpenMs, int halfOpenCalls) {
        public enum Style { CONSECUTIVE, RATE }

        public enum WindowType { COUNT, TIME }
    }

    /** At most {@code maxConcurrent} calls in flight; a caller waits up to {@code maxWaitMs} for a slot. */
    public record Bulkhead(int maxConcurrent, long maxWaitMs) {
    }

    /** Envoy: retries in flight ≤ max(minConcurrency, percent % of requests in flight). */
    public record RetryBudget(double percent, int minConcurrency) {
    }

    /** Answer degraded after {@code latencyMs} instead of failing. */
    public record Fallback(long latencyMs) {
    }

    /** A dependency we do not run: its latency and errors, shaped by faults. */
    public record External(String id, String name, Dist latency, double errorRate, int concurrency, Layout layout) {
    }

    /** Open-loop arrivals at an entry service. */
    public record Traffic(String entry, Arrival arrival, double rate, List<RateChange> changes, UserRetry userRetry) {
        public enum Arrival { POISSON, CONSTANT }

        public Traffic {
            changes = List.copyOf(changes);
        }
    }

    /** From {@code atMs}, move to {@code rate} linearly over {@code overMs} (0 = a step). */
    public record RateChange(long atMs, double rate, long overMs) {
    }

    /** Users who retry a failed request after {@code delayMs}, up to {@code max} times. */
    public record UserRetry(double probability, long delayMs, int max) {
    }

    /**
     * A fault on a target. STEP, RAMP and OUTAGE make a fraction of calls to an external (or
     * a service's own work) take {@code latency} (OUTAGE: fail after it); RECOVERY brings the
     * fraction back to 0 over {@code overMs}; CAPACITY sets a service's worker count;
     * CONNECTION_RESET drops every connection of the calls with {@code connections} into the target.
     * HOT_KEY (a service with shards) sends {@code hotKey.share} of its reads to one key.
     */
    public record Fault(
            String target, Kind kind, long atMs, long overMs, Shape shape, Dist latency,
            double fraction, int threads, int pod, HotKey hotKey) {
        public Fault(String target, Kind kind, long atMs, long overMs, Shape shape, Dist latency,
                     double fraction, int threads, int pod) {
            this(target, kind, atMs, overMs, shape, latency, fraction, threads, pod, null);
        }

        public Fault(String target, Kind kind, long atMs, long overMs, Shape shape, Dist latency,
                     double fraction, int threads) {
            this(target, kind, atMs, overMs, shape, latency, fraction, threads, -1);
        }

        public enum Kind { STEP, RAMP, OUTAGE, RECOVERY, CAPACITY, FLUSH, CONNECTION_RESET, HOT_KEY }

        public enum Shape { LINEAR, EXPONENTIAL }
    }

    /** A HOT_KEY fault on a service with shards: from its time, {@code share} of the reads are of key {@code key} (reached linearly over the fault's {@code over}). */
    public record HotKey(int key, double share) {
    }

    /** Detection thresholds and caption overrides. */
    public record Detections(Map<String, Double> thresholds, List<Caption> captions) {
        /** Default thresholds; a problem may override any of them. */
        public static final Map<String, Double> DEFAULTS = Maps.sorted(Map.ofEntries(
                Map.entry("latency_spike_factor", 10.0),
                Map.entry("pool_exhausted", 1.0),
                Map.entry("error_rate", 0.95),
                Map.entry("timeout_rate", 0.95),
                Map.entry("retry_ratio", 0.5),
                Map.entry("sustain", 5_000.0)));

        public Detections {
            thresholds = Maps.ordered(thresholds);
            captions = List.copyOf(captions);
        }

        /** A threshold's value (sustain in ms). */
        public double threshold(String name) {
            Double v = thresholds.get(name);
            return v != null ? v : DEFAULTS.get(name);
        }

        /** The caption override for a detection, or null. */
        public String caption(String service, String kind) {
            for (Caption c : captions) {
                if (c.service().equals(service) && c.kind().equals(kind)) {
                    return c.text();
                }
            }
            return null;
        }
    }

    /** Better words for one detection. */
    public record Caption(String service, String kind, String text) {
    }

    /**
     * Something done to the running system at {@code atMs}, the simulated time it takes
     * effect (a delay such as a provisioning time is already added). What each one models is
     * described in docs/simulation.md, "Interventions".
     */
    public sealed interface Action permits Change, Restart, Disable, EndFaults {
        long atMs();
    }

    /**
     * New settings for some services and externals (a policy change, a scaled pool, an
     * admission limit, a fail-over's secondary): each record replaces the running one. Work
     * already under way keeps the policy it started with; what starts later gets the new one.
     */
    public record Change(long atMs, Map<String, Service> services, Map<String, External> externals) implements Action {
        public Change {
            services = Maps.ordered(services);
            externals = Maps.ordered(externals);
        }
    }

    /**
     * Restart a service's {@code instances} one at a time, each down for {@code downMs}: an
     * instance's share of queued and in-flight requests fails (connection reset), and it comes
     * back with an empty pool, {@code slowdown} times slower at first, warming up linearly over
     * {@code warmupMs}.
     */
    public record Restart(long atMs, String service, long downMs, int instances, long warmupMs, double slowdown,
                          int pod) implements Action {
        public Restart(long atMs, String service, long downMs, int instances, long warmupMs, double slowdown) {
            this(atMs, service, downMs, instances, warmupMs, slowdown, -1);
        }
    }

    /** A feature flag turns a call off: it is skipped, or answered at once by its fallback (degraded). */
    public record Disable(long atMs, String from, String to, boolean fallback) implements Action {
    }

    /** End every fault on {@code target} started so far, over {@code overMs} (a rollback, a fail-over). */
    public record EndFaults(long atMs, String target, long overMs) implements Action {
    }
}
