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
    final Scenario.Service service;
    final Scenario.External external;
    final RandomGenerator rng;
    final Faults faults;
    Edge[] edges = new Edge[0];
    /** The traffic arriving here from users, if this is an entry. */
    Source source;

    // the pool and its queue (services); the concurrency limit (externals)
    int threads;
    final int capacity;
    final boolean lifo;
    final long queueTimeout;
    final boolean dropOnOverflow;
    final ArrayDeque<Req> queue = new ArrayDeque<>();
    final Lane timeouts;
    int active;
    int queued;
    double tokens;
    long tokensAt;

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
            capacity = s.queue().capacity();
            lifo = s.queue().order() == Scenario.Queue.Order.LIFO;
            queueTimeout = s.queue().timeoutMs();
            dropOnOverflow = s.queue().overflow() == Scenario.Queue.Overflow.DROP;
            tokens = s.rateLimit() == null ? 0 : s.rateLimit().burst();
        } else {
            threads = e.concurrency();
            capacity = 0;
            lifo = false;
            queueTimeout = 0;
            dropOnOverflow = false;
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
