package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/** The running state of one call edge: the caller's client policy and its per-bucket counters. */
final class Edge {
    final int index;
    final Node from;
    final Node to;
    final Scenario.Call call;
    final CircuitBreaker breaker;
    final RandomGenerator rng;
    /** Bit per failure kind (Outcome.F_TIMEOUT, F_ERROR, F_REJECTED) that the retry policy retries. */
    final int retryOn;
    /** Bulkhead: permits in use and callers waiting for one. */
    int bulkheadInUse;
    final ArrayDeque<Req> bulkheadWaiters = new ArrayDeque<>();
    final Lane timeouts;
    final Lane bulkheadTimeouts;
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
        int on = 0;
        for (Scenario.Retry.RetryOn o : call.retry().on()) {
            on |= 1 << switch (o) {
                case TIMEOUT -> Outcome.F_TIMEOUT;
                case ERROR -> Outcome.F_ERROR;
                case REJECTED -> Outcome.F_REJECTED;
            };
        }
        this.retryOn = on;
        this.breaker = call.breaker() == null ? null : CircuitBreaker.of(call.breaker());
        if (breaker != null) {
            breaker.listener = (t, s) -> transitions.add(new long[] {t, s});
        }
        attempts = new int[buckets];
        retries = new int[buckets];
        ok = new int[buckets];
        failed = new int[buckets];
        timedOut = new int[buckets];
        shortCircuited = new int[buckets];
        inFlightAt = new int[buckets];
        breakerAt = new int[buckets];
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
