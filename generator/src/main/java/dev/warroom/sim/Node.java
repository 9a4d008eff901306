package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/** The running state of one service or external dependency, and its per-bucket counters. */
final class Node extends EventQueue.Ev {
    final Engine engine;
    final int index;
    final String id;
    final String name;
    /** The running settings: replaced when an intervention changes them. */
    Scenario.Service service;
    Scenario.External external;
    final RandomGenerator rng;
    final Faults faults;
    Edge[] edges = new Edge[0];
    /** The traffic arriving here from users, if this is an entry. */
    Source source;

    // the pool and its queue (services); the concurrency limit (externals)
    int threads;
    int capacity;
    boolean lifo;
    long queueTimeout;
    boolean dropOnOverflow;
    final ArrayDeque<Req> queue = new ArrayDeque<>();
    /** Queue timeouts, all with one delay; a new delay gets a new lane (a lane is FIFO). */
    Lane timeouts;
    int active;
    int queued;
    double tokens;
    long tokensAt;

    // a restart: no connections accepted while down; then slower at first (a cold JIT, cold caches)
    boolean down;
    long warmFrom;
    long warmUntil;
    double warmSlowdown;
    double warmShare;
    /** With {@code health}: the pods, their probes and the load balancer; else null. */
    Health health;
    /** With {@code shards}: the shards (each a pod), the key space and its routing; else null. */
    Shards shards;
    /** Pods ready at the end of each second (with health only). */
    int[] readyAt;
    /** With outlier detection on a call to it (from when one exists): the most pods one caller had ejected at the end of each second; else null. */
    int[] ejectedAt;
    /** With {@code memory}: the fullest pod's live heap (MB), its collector share (%) at the end of each second, OOM kills in it; else null. */
    int[] heapAt;
    int[] gcAt;
    int[] oomAt;
    /** With {@code message_queue}: the SQS queue it consumes; else null. */
    Broker broker;
    /** The newest request holding a worker: the head of their list (a restart must find them). */
    Req activeHead;

    // per-bucket series
    final int[] arrivals;
    final int[] ok;
    final int[] fallback;
    final int[] rejected;
    final int[] timedOut;
    final int[] failed;
    final int[] fastFailed;
    final int[] retries;
    final int[] abandoned;
    final int[] activeAt;
    final int[] queuedAt;
    final long[] p50;
    final long[] p99;
    final int[] breakerAt;
    /** Little's law bookkeeping: ∫(active + queued) dt in request·ms, and the summed time in system of completed requests. */
    long areaMs;
    long sojournMs;
    private long touchedAt;

    /** Call before active or queued changes. */
    void touch(long now) {
        areaMs += (long) (active + queued) * (now - touchedAt);
        touchedAt = now;
    }

    /** Latencies of the requests completed in the current bucket. */
    long[] lat = new long[256];
    int latN;

    Node(Engine engine, int index, Scenario.Service s, Scenario.External e, int buckets, RandomGenerator rng,
         Faults faults) {
        this.engine = engine;
        this.index = index;
        this.service = s;
        this.external = e;
        this.id = s != null ? s.id() : e.id();
        this.name = s != null ? s.name() : e.name();
        this.rng = rng;
        this.faults = faults;
        this.timeouts = new Lane(engine);
        if (s != null) {
            threads = s.threads();
            queue(s.queue());
            tokens = s.rateLimit() == null ? 0 : s.rateLimit().burst();
        } else {
            threads = e.concurrency();
        }
        arrivals = new int[buckets];
        ok = new int[buckets];
        fallback = new int[buckets];
        rejected = new int[buckets];
        timedOut = new int[buckets];
        failed = new int[buckets];
        fastFailed = new int[buckets];
        retries = new int[buckets];
        abandoned = new int[buckets];
        activeAt = new int[buckets];
        queuedAt = new int[buckets];
        p50 = new long[buckets];
        p99 = new long[buckets];
        breakerAt = new int[buckets];
        readyAt = s != null && s.health() != null ? new int[buckets] : null;
        if (s != null && s.memory() != null) {
            heapAt = new int[buckets];
            gcAt = new int[buckets];
            oomAt = new int[buckets];
        }
    }

    /** A copy for a fork: the same state in {@code engine}; what refers to requests is set by the fork. */
    Node(Node p, Engine engine, RandomGenerator rng, Fork f) {
        this.engine = engine;
        this.index = p.index;
        this.id = p.id;
        this.name = p.name;
        this.service = p.service;
        this.external = p.external;
        this.rng = rng;
        this.faults = p.faults.copy();
        this.threads = p.threads;
        this.capacity = p.capacity;
        this.lifo = p.lifo;
        this.queueTimeout = p.queueTimeout;
        this.dropOnOverflow = p.dropOnOverflow;
        this.active = p.active;
        this.queued = p.queued;
        this.tokens = p.tokens;
        this.tokensAt = p.tokensAt;
        this.down = p.down;
        this.warmFrom = p.warmFrom;
        this.warmUntil = p.warmUntil;
        this.warmSlowdown = p.warmSlowdown;
        this.warmShare = p.warmShare;
        arrivals = f.series(p.arrivals);
        ok = f.series(p.ok);
        fallback = f.series(p.fallback);
        rejected = f.series(p.rejected);
        timedOut = f.series(p.timedOut);
        failed = f.series(p.failed);
        fastFailed = f.series(p.fastFailed);
        retries = f.series(p.retries);
        abandoned = f.series(p.abandoned);
        activeAt = f.series(p.activeAt);
        queuedAt = f.series(p.queuedAt);
        p50 = f.series(p.p50);
        p99 = f.series(p.p99);
        breakerAt = f.series(p.breakerAt);
        readyAt = p.readyAt == null ? null : f.series(p.readyAt);
        ejectedAt = p.ejectedAt == null ? null : f.series(p.ejectedAt);
        heapAt = p.heapAt == null ? null : f.series(p.heapAt);
        gcAt = p.gcAt == null ? null : f.series(p.gcAt);
        oomAt = p.oomAt == null ? null : f.series(p.oomAt);
        areaMs = p.areaMs;
        sojournMs = p.sojournMs;
        touchedAt = p.touchedAt;
        lat = p.lat.clone();
        latN = p.latN;
    }

    /** Takes a queue's settings. */
    void queue(Scenario.Queue q) {
        capacity = q.capacity();
        lifo = q.order() == Scenario.Queue.Order.LIFO;
        if (q.timeoutMs() != queueTimeout) {
            timeouts = new Lane(engine);
        }
        queueTimeout = q.timeoutMs();
        dropOnOverflow = q.overflow() == Scenario.Queue.Overflow.DROP;
    }

    /** How much slower a worker is now than warm (1 when warm), averaged over the instances. */
    double warmFactor(long now) {
        if (now >= warmUntil) {
            return 1;
        }
        double left = 1 - (now - warmFrom) / (double) (warmUntil - warmFrom);
        return 1 + (warmSlowdown - 1) * left * warmShare;
    }

    /** A worker took {@code r}. */
    void link(Req r) {
        r.nextActive = activeHead;
        r.prevActive = null;
        if (activeHead != null) {
            activeHead.prevActive = r;
        }
        activeHead = r;
    }

    /** {@code r} gave its worker back. */
    void unlink(Req r) {
        if (r.prevActive != null) {
            r.prevActive.nextActive = r.nextActive;
        } else if (activeHead == r) {
            activeHead = r.nextActive;
        }
        if (r.nextActive != null) {
            r.nextActive.prevActive = r.prevActive;
        }
        r.prevActive = null;
        r.nextActive = null;
    }

    /** The requests holding a worker, oldest first. */
    java.util.List<Req> activeRequests() {
        java.util.List<Req> out = new java.util.ArrayList<>();
        for (Req r = activeHead; r != null; r = r.nextActive) {
            out.add(r);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The pod (with health) or shard (with shards) that request {@code r} was sent to. */
    Pod pod(Req r) {
        return health != null ? health.pod(r) : shards.pods.get(r.pod);
    }

    boolean isExternal() {
        return external != null;
    }

    void latency(long ms) {
        if (latN == lat.length) {
            lat = java.util.Arrays.copyOf(lat, latN * 2);
        }
        lat[latN++] = ms;
    }

    /** A capacity fault: the pool now has {@code arg} workers. */
    @Override
    void fire(long arg) {
        engine.services.resize(this, (int) arg);
    }
}
