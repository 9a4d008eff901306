package dev.warroom.sim;

import static dev.warroom.sim.Outcome.F_BULKHEAD;
import static dev.warroom.sim.Outcome.F_OPEN;
import static dev.warroom.sim.Outcome.F_TIMEOUT;

import dev.warroom.bank.Scenario;

/**
 * The calling side, attempt by attempt: one try of a call passes the caller's breaker and
 * bulkhead (or is refused there, or waits for a bulkhead permit), goes out with its timeout
 * cut to the call's deadline, and ends by the callee's answer or by that timeout. The
 * outcome goes to the breaker and back to {@link Calls}, which decides what comes next.
 */
final class Attempts {
    private final Engine engine;
    private final EventQueue queue;

    Attempts(Engine engine) {
        this.engine = engine;
        this.queue = engine.queue;
    }

    /** One attempt through the breaker and the bulkhead. */
    void send(Req r, Edge e) {
        r.attemptId++;
        if (e.conn != null && !e.conn.connected()) {
            e.shortCircuited[engine.bucket]++; // its client has no connection: the app fails it at once
            releaseRetrySlot(r, e);
            engine.calls.attemptFailed(r, e, F_OPEN);
            return;
        }
        if (e.breaker != null) {
            if (!e.breaker.tryAcquire(engine.now)) {
                e.shortCircuited[engine.bucket]++;
                releaseRetrySlot(r, e);
                engine.calls.attemptFailed(r, e, F_OPEN);
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
                engine.calls.attemptFailed(r, e, F_BULKHEAD);
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
        if (e.outlier != null) {
            r.attemptPod = -1; // set by the load balancer when it picks a pod
        }
        if (e.dns != null && !engine.dns.resolve(r, e, id)) {
            return; // waits for a lookup, or failed at once
        }
        deliver(r, e, id, end);
    }

    /** The attempt waited for a lookup and has the callee's address now: it goes out. */
    void resolved(Req r) {
        Edge e = r.node.edges[r.callIdx];
        r.wait = Req.W_REPLY;
        long end = r.callDeadline;
        if (e.call.timeoutMs() > 0) {
            end = Math.min(end, r.attemptStart + e.call.timeoutMs());
        }
        deliver(r, e, r.attemptId, end);
    }

    private void deliver(Req r, Edge e, int id, long end) {
        Node to = e.to;
        Effects.Attempt effect = e.call.sideEffect() == null ? null : engine.effects.attempt(r, e);
        if (to.isExternal()) {
            engine.externals.call(r, to, id, effect);
            return;
        }
        Req child = new Req(to, r, id, r.attempt > 0, 0);
        if (to.service.propagateDeadline()) {
            child.deadline = end;
        }
        if (effect != null) {
            engine.effects.serving.put(child, effect);
        }
        engine.services.arrive(child);
    }

    /** A live attempt answered: its failure kind, or {@link Outcome#F_NONE} for success. */
    void reply(Req r, int failure) {
        Edge e = r.node.edges[r.callIdx];
        int b = engine.bucket;
        r.disarm();
        attemptEnded(r, e, failure >= 0);
        if (e.outlier != null && r.attemptPod >= 0) {
            e.outlier.result(r.attemptPod, failure);
        }
        if (failure < 0) {
            e.ok[b]++;
            engine.calls.succeeded(r);
        } else {
            e.failed[b]++;
            engine.calls.attemptFailed(r, e, failure);
        }
    }

    /** Our timeout on attempt {@code id}, if it is still out. */
    void timedOut(Req r, int id) {
        if (r.state == Req.RUNNING && (r.wait == Req.W_REPLY || r.wait == Req.W_DNS) && r.attemptId == id) {
            Edge e = r.node.edges[r.callIdx];
            e.timedOut[engine.bucket]++;
            attemptEnded(r, e, true);
            if (e.outlier != null && r.attemptPod >= 0) {
                e.outlier.result(r.attemptPod, F_TIMEOUT); // a locally originated timeout: Envoy maps it to 504
            }
            engine.calls.attemptFailed(r, e, F_TIMEOUT);
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

    /** A retry holds a slot of the edge's retry budget until its attempt ends or is refused. */
    private void releaseRetrySlot(Req r, Edge e) {
        if (r.retrySlot) {
            r.retrySlot = false;
            e.retriesInFlight--;
        }
    }

    /**
     * The caller died with this attempt under way (its instance restarted): give back what
     * the attempt holds. Its callee goes on working and its answer finds no one waiting.
     */
    void abandon(Req r) {
        if (r.callIdx >= r.node.edges.length) {
            r.disarm();
            return;
        }
        Edge e = r.node.edges[r.callIdx];
        if (e.cache != null) {
            e.cache.abandoned(r); // whoever waits on its fetch gets an error
        }
        switch (r.wait) {
            case Req.W_REPLY, Req.W_DNS -> {
                e.inFlight--;
                releaseRetrySlot(r, e);
                releaseBreakerTrial(r, e);
                if (r.bulkheadHeld) {
                    r.bulkheadHeld = false;
                    e.bulkheadInUse--;
                    wakeBulkheadWaiter(e);
                }
            }
            case Req.W_BACKOFF -> releaseRetrySlot(r, e);
            case Req.W_BULKHEAD -> {
                releaseRetrySlot(r, e);
                releaseBreakerTrial(r, e);
            }
            default -> {
            }
        }
        r.disarm();
    }

    private void wakeBulkheadWaiter(Edge e) {
        // a policy change may have removed the bulkhead: then everyone waiting goes
        while (!e.bulkheadWaiters.isEmpty()
                && (e.call.bulkhead() == null || e.bulkheadInUse < e.call.bulkhead().maxConcurrent())) {
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
            engine.calls.attemptFailed(r, e, F_BULKHEAD);
        }
    }
}
