package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/** The running state of one call edge: the caller's client policy and its per-bucket counters. */
final class Edge {
    final int index;
    final Node from;
    final Node to;
    /** The running client policy: replaced when an intervention changes it. */
    Scenario.Call call;
    CircuitBreaker breaker;
    /** Envoy's outlier detection over the callee's pods, or null. */
    Outlier outlier;
    /** The clients' persistent connections to the callee, or null. */
    Connections conn;
    final RandomGenerator rng;
    /** Bit per failure kind (Outcome.F_TIMEOUT, F_ERROR, F_REJECTED) that the retry policy retries. */
    int retryOn;
    /** A feature flag: 0 the call is made, SKIPPED or ANSWERED_BY_FALLBACK. */
    int disabled;
    static final int SKIPPED = 1;
    static final int ANSWERED_BY_FALLBACK = 2;
    /** Bulkhead: permits in use and callers waiting for one. */
    int bulkheadInUse;
    final ArrayDeque<Req> bulkheadWaiters = new ArrayDeque<>();
    /** Timers with one delay each (a lane is FIFO): a new delay gets a new lane. */
    Lane timeouts;
    Lane bulkheadTimeouts;
    /** Attempts outstanding, and how many of them are retries (Envoy's budget counts both). */
    int inFlight;
    int retriesInFlight;

    final int[] attempts;
    final int[] retries;
    final int[] ok;
    final int[] failed;
    final int[] timedOut;
    final int[] shortCircuited;
    final int[] inFlightAt;
    final int[] breakerAt;
    /** Side effects applied by the callee for this edge's attempts, and those beyond the first of their call. */
    final int[] effects;
    final int[] duplicates;
    /** Whether the call had a side effect at any time in the run: only then the trace has the two series. */
    boolean sideEffects;
    /** The call's look-aside cache, or null: once a cache, always one (a removed cache's fetches still end in it). */
    Cache cache;
    /** Name resolution (caches per caller pod, counts), for a call that has had dns at any time in the run; else null. */
    Dns.EdgeDns dns;
    /** Breaker transitions: (time, state) pairs in order. */
    final java.util.List<long[]> transitions = new java.util.ArrayList<>();

    Edge(int index, Node from, Node to, Scenario.Call call, int buckets, RandomGenerator rng) {
        this.index = index;
        this.timeouts = from == null ? null : new Lane(from.engine);
        this.bulkheadTimeouts = from == null ? null : new Lane(from.engine);
        this.from = from;
        this.to = to;
        this.call = call;
        this.rng = rng;
        this.retryOn = retryBits(call);
        this.breaker = newBreaker(call, 0);
        if (call.outlier() != null && from != null) {
            this.outlier = new Outlier(from.engine, this, call.outlier());
        }
        if (call.connections() != null && from != null) {
            this.conn = new Connections(from.engine, this, call.connections(), buckets);
        }
        attempts = new int[buckets];
        retries = new int[buckets];
        ok = new int[buckets];
        failed = new int[buckets];
        timedOut = new int[buckets];
        shortCircuited = new int[buckets];
        inFlightAt = new int[buckets];
        breakerAt = new int[buckets];
        effects = new int[buckets];
        duplicates = new int[buckets];
        sideEffects = call.sideEffect() != null;
        if (call.cache() != null && from != null) {
            cache = new Cache(from.engine, this, call.cache(), buckets);
        }
        if (call.dns() != null && from != null) {
            dns = Dns.initial(call, from, buckets, rng);
        }
    }

    /** A copy for a fork, between the copies of its ends; what refers to requests is set by the fork. */
    Edge(Edge p, Node from, Node to, RandomGenerator rng, Fork f) {
        this.index = p.index;
        this.from = from;
        this.to = to;
        this.call = p.call;
        this.rng = rng;
        this.retryOn = p.retryOn;
        this.disabled = p.disabled;
        this.bulkheadInUse = p.bulkheadInUse;
        this.inFlight = p.inFlight;
        this.retriesInFlight = p.retriesInFlight;
        attempts = f.series(p.attempts);
        retries = f.series(p.retries);
        ok = f.series(p.ok);
        failed = f.series(p.failed);
        timedOut = f.series(p.timedOut);
        shortCircuited = f.series(p.shortCircuited);
        inFlightAt = f.series(p.inFlightAt);
        breakerAt = f.series(p.breakerAt);
        effects = f.series(p.effects);
        duplicates = f.series(p.duplicates);
        sideEffects = p.sideEffects;
        for (long[] t : p.transitions) {
            transitions.add(t.clone());
        }
        if (p.outlier != null) {
            outlier = new Outlier(p.outlier, from.engine, this);
        }
        if (p.conn != null) {
            conn = new Connections(p.conn, from.engine, this, f);
        }
        if (p.breaker != null) {
            breaker = p.breaker.copy();
            breaker.listener = (t, s) -> transitions.add(new long[] {t, s});
        }
    }

    /**
     * Takes a new client policy from now on. Attempts already out keep their timer; a new
     * breaker starts closed, and results of attempts admitted before it are not counted.
     */
    void apply(Scenario.Call c) {
        Scenario.Call old = call;
        call = c;
        retryOn = retryBits(c);
        sideEffects |= c.sideEffect() != null;
        if (c.dns() != null && dns == null) {
            Scenario.Health h = from.service.health();
            dns = new Dns.EdgeDns(attempts.length, h == null ? 1 : h.pods()); // a resolver cache from now, empty
        }
        if (!java.util.Objects.equals(old.breaker(), c.breaker())) {
            reset();
        }
        if (c.timeoutMs() != old.timeoutMs()) {
            timeouts = new Lane(from.engine);
        }
        if (!java.util.Objects.equals(old.outlier(), c.outlier())) {
            // a new detector from now (its sweeps start now); without one, ejected pods are back at once
            outlier = c.outlier() == null ? null : new Outlier(from.engine, this, c.outlier());
        }
        if (!java.util.Objects.equals(old.cache(), c.cache())) {
            if (cache != null) {
                cache.apply(c.cache());
            } else if (c.cache() != null) {
                cache = new Cache(from.engine, this, c.cache(), attempts.length);
            }
        }
        if (c.connections() == null) {
            conn = null;
        } else if (conn == null) {
            conn = new Connections(from.engine, this, c.connections(), from.engine.buckets); // every client connected
        } else {
            conn.spec = c.connections(); // a new policy from now; the connections stay as they are
            conn.admitBacklog();
        }
        long oldWait = old.bulkhead() == null ? -1 : old.bulkhead().maxWaitMs();
        if (c.bulkhead() == null || c.bulkhead().maxWaitMs() != oldWait) {
            bulkheadTimeouts = new Lane(from.engine);
        }
    }

    /** A new breaker, closed; results of attempts admitted under the old one are ignored. */
    void reset() {
        breaker = newBreaker(call, breaker == null ? 1 : breaker.generation + 1);
    }

    private CircuitBreaker newBreaker(Scenario.Call c, int generation) {
        if (c.breaker() == null) {
            return null;
        }
        CircuitBreaker b = CircuitBreaker.of(c.breaker());
        b.generation = generation;
        b.listener = (t, s) -> transitions.add(new long[] {t, s});
        return b;
    }

    private static int retryBits(Scenario.Call c) {
        int on = 0;
        for (Scenario.Retry.RetryOn o : c.retry().on()) {
            on |= 1 << switch (o) {
                case TIMEOUT -> Outcome.F_TIMEOUT;
                case ERROR -> Outcome.F_ERROR;
                case REJECTED -> Outcome.F_REJECTED;
            };
        }
        return on;
    }

    /** Envoy: retries in flight ≤ max(min_retry_concurrency, budget_percent · (active + pending)). */
    boolean budgetAllowsRetry() {
        Scenario.RetryBudget b = call.retryBudget();
        if (b == null) {
            return true;
        }
        double cap = Math.max(b.minConcurrency(), b.percent() / 100.0 * inFlight);
        return retriesInFlight < cap;
    }
}
