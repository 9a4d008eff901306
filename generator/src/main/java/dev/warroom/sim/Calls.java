package dev.warroom.sim;

import static dev.warroom.sim.Outcome.FALLBACK;
import static dev.warroom.sim.Outcome.F_REJECTED;
import static dev.warroom.sim.Outcome.OK;

import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Retry;

/**
 * The calling side, call by call: once its own work is done, a worker makes its request's
 * calls in file order, each with its probability. A call is one or more {@link Attempts}
 * within its deadline; when one fails, the call's policy retries it (backoff, retry budget),
 * falls back, or fails the request. Retries wrap the attempt, so the breaker sees them all.
 */
final class Calls {
    private final Engine engine;
    private final EventQueue queue;

    Calls(Engine engine) {
        this.engine = engine;
        this.queue = engine.queue;
    }

    /** The worker's own work is done: the calls, in file order. */
    void makeCalls(Req r) {
        r.callIdx = 0;
        nextCall(r);
    }

    /** The next downstream call this request makes, or its answer when none is left. */
    private void nextCall(Req r) {
        Edge[] es = r.node.edges;
        while (r.callIdx < es.length) {
            Edge e = es[r.callIdx];
            double p = e.call.probability();
            boolean make = r.route != -1 ? (r.route >>> Math.min(63, r.callIdx) & 1) != 0
                    : p >= 1 || e.rng.nextDouble() < p;
            if (make) {
                if (e.disabled == 0) {
                    beginCall(r, e);
                    return;
                }
                r.degraded |= e.disabled == Edge.ANSWERED_BY_FALLBACK; // a feature flag turned it off
            }
            r.callIdx++;
        }
        engine.services.finish(r, r.degraded ? FALLBACK : OK);
    }

    private void beginCall(Req r, Edge e) {
        if (e.cache != null) {
            int answer = e.cache.lookup(r);
            if (answer != Cache.MISS) {
                r.attemptId++;
                r.wait = Req.W_CACHE;
                if (answer == Cache.HIT) {
                    queue.schedule(engine.now + e.cache.policy.hitLatencyMs(), r,
                            Engine.A_CACHE_HIT | (long) r.attemptId << 32);
                }
                return;
            }
        }
        beginFetch(r, e);
    }

    /** The call goes to the callee (no cache, or a cache miss, or a cache's background refresh). */
    void beginFetch(Req r, Edge e) {
        Call c = e.call;
        r.attempt = 0;
        r.prevSleep = c.retry().baseMs();
        long dl = c.deadlineMs() > 0 ? engine.now + c.deadlineMs() : Long.MAX_VALUE;
        r.callDeadline = Math.min(dl, r.deadline);
        if (c.sideEffect() != null) {
            engine.effects.begin(r, e);
        }
        engine.attempts.send(r, e);
    }

    /** The current call succeeded: on to the next one. */
    void succeeded(Req r) {
        Edge e = r.node.edges[r.callIdx];
        if (e.cache != null && e.cache.ended(r, Outcome.F_NONE)) {
            r.state = Req.DONE; // a background refresh: it filled the entry, and answers no one
            r.wait = Req.W_NONE;
            return;
        }
        r.callIdx++;
        r.wait = Req.W_NONE;
        nextCall(r);
    }

    /** An attempt failed: retry, fall back, or fail the request. */
    void attemptFailed(Req r, Edge e, int kind) {
        Retry retry = e.call.retry();
        long now = engine.now;
        if (kind <= F_REJECTED && r.attempt + 1 < retry.attempts() && (e.retryOn & (1 << kind)) != 0
                && e.budgetAllowsRetry()) {
            long sleep = Backoff.delay(retry, r.attempt, r.prevSleep, e.rng);
            if (now + sleep < r.callDeadline) {
                r.prevSleep = sleep;
                r.attempt++;
                r.retrySlot = e.call.retryBudget() != null;
                if (r.retrySlot) {
                    e.retriesInFlight++;
                }
                if (sleep == 0) {
                    engine.attempts.send(r, e);
                } else {
                    r.wait = Req.W_BACKOFF;
                    r.attemptId++;
                    queue.schedule(now + sleep, r, Engine.A_RETRY | (long) r.attemptId << 32);
                }
                return;
            }
        }
        if (e.cache != null && e.cache.ended(r, kind)) {
            r.state = Req.DONE; // a background refresh failed: the stale entry stays until it is too old
            r.wait = Req.W_NONE;
            return;
        }
        giveUp(r, e, kind);
    }

    /** The call failed for good: its fallback, or the request fails. */
    private void giveUp(Req r, Edge e, int kind) {
        long now = engine.now;
        if (e.call.fallback() != null) {
            r.degraded = true;
            r.wait = Req.W_FALLBACK;
            queue.schedule(now + e.call.fallback().latencyMs(), r, Engine.A_FALLBACK);
            return;
        }
        engine.services.finish(r, Outcome.ofFailedCall(kind));
    }

    /** The backoff before retry attempt {@code id} is over. */
    void backoffOver(Req r, int id) {
        if (r.state == Req.RUNNING && r.wait == Req.W_BACKOFF && r.attemptId == id) {
            r.wait = Req.W_NONE;
            engine.attempts.send(r, r.node.edges[r.callIdx]);
        }
    }

    /** The cache answered attempt {@code id} (a hit after its latency, or the fetch this call waited for). */
    void cacheAnswered(Req r, int id) {
        if (r.state == Req.RUNNING && r.wait == Req.W_CACHE && r.attemptId == id) {
            r.wait = Req.W_NONE;
            succeeded(r);
        }
    }

    /** The fetch this call waited for (coalesced) failed: the same failure, without a retry of its own. */
    void cacheFailed(Req r, int id, int kind) {
        if (r.state == Req.RUNNING && r.wait == Req.W_CACHE && r.attemptId == id) {
            r.wait = Req.W_NONE;
            giveUp(r, r.node.edges[r.callIdx], kind);
        }
    }

    /** The fallback has answered: the request goes on with its next call, degraded. */
    void fallbackReady(Req r) {
        if (r.state == Req.RUNNING && r.wait == Req.W_FALLBACK) {
            r.wait = Req.W_NONE;
            r.callIdx++;
            nextCall(r);
        }
    }
}
