package dev.warroom.sim;

import static dev.warroom.sim.Outcome.FALLBACK;
import static dev.warroom.sim.Outcome.F_BULKHEAD;
import static dev.warroom.sim.Outcome.F_OPEN;
import static dev.warroom.sim.Outcome.F_REJECTED;
import static dev.warroom.sim.Outcome.F_TIMEOUT;
import static dev.warroom.sim.Outcome.OK;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Retry;

/**
 * The calling side: a worker makes its request's calls in order, each under the caller's
 * policy on that edge. An attempt passes the breaker and the bulkhead, goes out with its
 * timeout (cut to the call's deadline), and ends by reply or timeout; a failed attempt is
 * retried (backoff, retry budget), falls back, or fails the request. Retries wrap the
 * breaker, so the breaker sees every attempt.
 */
final class ClientSide {
    private final Engine engine;
    private final EventQueue queue;
    private final ServerSide server;

    ClientSide(Engine engine, ServerSide server) {
        this.engine = engine;
        this.queue = engine.queue;
        this.server = server;
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
                beginCall(r, e);
                return;
            }
            r.callIdx++;
        }
        server.finish(r, r.degraded ? FALLBACK : OK);
    }

    private void beginCall(Req r, Edge e) {
        Call c = e.call;
        r.attempt = 0;
        r.prevSleep = c.retry().baseMs();
        long dl = c.deadlineMs() > 0 ? engine.now + c.deadlineMs() : Long.MAX_VALUE;
        r.callDeadline = Math.min(dl, r.deadline);
        sendAttempt(r, e);
    }

    // ---- one attempt -------------------------------------------------------------------

    /** One attempt through the breaker and the bulkhead. */
    private void sendAttempt(Req r, Edge e) {
        r.attemptId++;
        if (e.breaker != null) {
            if (!e.breaker.tryAcquire(engine.now)) {
                e.shortCircuited[engine.bucket]++;
                releaseRetrySlot(r, e);
                callFailed(r, e, F_OPEN);
                return;
            }
            r.breakerGen = e.breaker.generation;
        }
        Scenario.Bulkhead bh = e.call.bulkhead();
        if (bh != null) {
            if (e.bulkheadInUse >= bh.maxConcurrent()) {
                if (bh.maxWaitMs() > 0) {
                    r.wait = Req.W_BULKHEAD;
                    e.bulkheadWaiters.addLast(r);
                    r.timerSeq = e.bulkheadTimeouts.add(engine.now + bh.maxWaitMs(), r,
                            Engine.A_BULKHEAD_TIMEOUT | (long) r.attemptId << 32);
                    r.timerLane = e.bulkheadTimeouts;
                    return;
                }
                e.shortCircuited[engine.bucket]++;
                releaseRetrySlot(r, e);
                releaseBreakerTrial(r, e);
                callFailed(r, e, F_BULKHEAD);
                return;
            }
            e.bulkheadInUse++;
            r.bulkheadHeld = true;
        }
        transmit(r, e);
    }

    /** An attempt let through half-open but refused by the bulkhead gives its trial back. */
    private void releaseBreakerTrial(Req r, Edge e) {
        if (e.breaker instanceof CircuitBreaker.Consecutive c && c.state == CircuitBreaker.HALF_OPEN
                && r.breakerGen == c.generation) {
            c.trialOut = false;
        } else if (e.breaker instanceof CircuitBreaker.Rate rb && rb.state == CircuitBreaker.HALF_OPEN
                && r.breakerGen == rb.generation) {
            rb.permitted--;
        }
    }

    /** The attempt leaves: to a service as a new request, to an external as a timed reply. */
    private void transmit(Req r, Edge e) {
        int b = engine.bucket;
        long now = engine.now;
        int id = r.attemptId;
        r.wait = Req.W_REPLY;
        r.attemptStart = now;
        e.attempts[b]++;
        if (r.attempt > 0) {
            e.retries[b]++;
        }
        e.inFlight++;
        long end = r.callDeadline;
        if (e.call.timeoutMs() > 0) {
            end = Math.min(end, now + e.call.timeoutMs());
        }
        if (end != Long.MAX_VALUE) {
            if (e.call.timeoutMs() > 0 && end == now + e.call.timeoutMs()) {
                r.timerSeq = e.timeouts.add(end, r, Engine.A_TIMEOUT | (long) id << 32);
                r.timerLane = e.timeouts;
            } else {
                queue.schedule(Math.max(now, end), r, Engine.A_TIMEOUT | (long) id << 32);
            }
        }
        Node to = e.to;
        if (to.isExternal()) {
            server.callExternal(r, to, id);
            return;
        }
        Req child = new Req(to, r, id, r.attempt > 0, 0);
        if (to.service.propagateDeadline()) {
            child.deadline = end;
        }
        server.arrive(child);
    }

    /** A live attempt answered: its failure kind, or {@link Outcome#F_NONE} for success. */
    void reply(Req r, int failure) {
        Edge e = r.node.edges[r.callIdx];
        int b = engine.bucket;
        r.disarm();
        attemptEnded(r, e, failure >= 0);
        if (failure < 0) {
            e.ok[b]++;
            r.callIdx++;
            r.wait = Req.W_NONE;
            nextCall(r);
        } else {
            e.failed[b]++;
            callFailed(r, e, failure);
        }
    }

    /** Our timeout on attempt {@code id}, if it is still out. */
    void timedOut(Req r, int id) {
        if (r.state == Req.RUNNING && r.wait == Req.W_REPLY && r.attemptId == id) {
            Edge e = r.node.edges[r.callIdx];
            e.timedOut[engine.bucket]++;
            attemptEnded(r, e, true);
            callFailed(r, e, F_TIMEOUT);
        }
    }

    /** Bookkeeping when an attempt ends by reply or by timeout. */
    private void attemptEnded(Req r, Edge e, boolean failure) {
        r.wait = Req.W_NONE;
        e.inFlight--;
        releaseRetrySlot(r, e);
        if (r.bulkheadHeld) {
            r.bulkheadHeld = false;
            e.bulkheadInUse--;
            wakeBulkheadWaiter(e);
        }
        if (e.breaker != null) {
            long now = engine.now;
            e.breaker.onResult(now, r.breakerGen, failure, now - r.attemptStart);
        }
    }

    private void releaseRetrySlot(Req r, Edge e) {
        if (r.retrySlot) {
            r.retrySlot = false;
            e.retriesInFlight--;
        }
    }

    // ---- the bulkhead's waiters --------------------------------------------------------

    private void wakeBulkheadWaiter(Edge e) {
        while (!e.bulkheadWaiters.isEmpty() && e.bulkheadInUse < e.call.bulkhead().maxConcurrent()) {
            Req w = e.bulkheadWaiters.pollFirst();
            if (w.state == Req.RUNNING && w.wait == Req.W_BULKHEAD) {
                w.disarm();
                e.bulkheadInUse++;
                w.bulkheadHeld = true;
                transmit(w, e);
            }
        }
    }

    /** No bulkhead permit within max_wait for attempt {@code id}: refused, a 503 at the caller. */
    void bulkheadWaitOver(Req r, int id) {
        if (r.state == Req.RUNNING && r.wait == Req.W_BULKHEAD && r.attemptId == id) {
            r.wait = Req.W_NONE;
            Edge e = r.node.edges[r.callIdx];
            e.shortCircuited[engine.bucket]++;
            releaseRetrySlot(r, e);
            releaseBreakerTrial(r, e);
            callFailed(r, e, F_BULKHEAD);
        }
    }

    // ---- after a failed attempt --------------------------------------------------------

    /** An attempt failed: retry, fall back, or fail the request. */
    private void callFailed(Req r, Edge e, int kind) {
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
                    sendAttempt(r, e);
                } else {
                    r.wait = Req.W_BACKOFF;
                    r.attemptId++;
                    queue.schedule(now + sleep, r, Engine.A_RETRY | (long) r.attemptId << 32);
                }
                return;
            }
        }
        if (e.call.fallback() != null) {
            r.degraded = true;
            r.wait = Req.W_FALLBACK;
            queue.schedule(now + e.call.fallback().latencyMs(), r, Engine.A_FALLBACK);
            return;
        }
        server.finish(r, Outcome.ofFailedCall(kind));
    }

    /** The backoff before retry attempt {@code id} is over. */
    void backoffOver(Req r, int id) {
        if (r.state == Req.RUNNING && r.wait == Req.W_BACKOFF && r.attemptId == id) {
            r.wait = Req.W_NONE;
            sendAttempt(r, r.node.edges[r.callIdx]);
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
