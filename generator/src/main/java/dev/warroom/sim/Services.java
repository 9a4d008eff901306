package dev.warroom.sim;

import static dev.warroom.sim.Outcome.DROPPED;
import static dev.warroom.sim.Outcome.FAILED;
import static dev.warroom.sim.Outcome.FALLBACK;
import static dev.warroom.sim.Outcome.OK;
import static dev.warroom.sim.Outcome.REJECTED;
import static dev.warroom.sim.Outcome.TIMED_OUT;

import dev.warroom.bank.Scenario;

/**
 * The serving side of a call at a service (an external's is {@link Externals}). A service
 * admits a request (rate limit, shedding, its queue and what overflows it), gives it a worker
 * for its whole life (thread-per-request: the worker waits out the calls too, which is how a
 * slow dependency exhausts its callers' pools), and ends it with one {@link Outcome}.
 */
final class Services {
    private final Engine engine;
    private final EventQueue queue;
    /** Second result of {@link Faults#affect}: whether the affected work fails. */
    private final boolean[] failFlag = new boolean[1];

    Services(Engine engine) {
        this.engine = engine;
        this.queue = engine.queue;
    }

    // ---- admission ---------------------------------------------------------------------

    /** A request arrives at a service. */
    void arrive(Req r) {
        Node n = r.node;
        int b = engine.bucket;
        long now = engine.now;
        r.arrived = now;
        n.arrivals[b]++;
        if (r.isRetry) {
            n.retries[b]++;
        }
        if (n.down) {
            finish(r, REJECTED); // restarting: the connection is refused
            return;
        }
        Scenario.Service s = n.service;
        if (s.rateLimit() != null && !takeToken(n, s.rateLimit())) {
            finish(r, REJECTED);
            return;
        }
        if (n.active < n.threads) {
            start(r);
            return;
        }
        Scenario.Shed shed = s.shed();
        if (shed != null && (shed.maxQueue() > 0 && n.queued >= shed.maxQueue()
                || shed.maxQueueWaitMs() > 0 && headWait(n) > shed.maxQueueWaitMs())) {
            finish(r, REJECTED);
            return;
        }
        if (n.queued >= n.capacity) {
            finish(r, n.dropOnOverflow ? DROPPED : REJECTED);
            return;
        }
        r.state = Req.QUEUED;
        n.queue.addLast(r);
        n.touch(now);
        n.queued++;
        if (n.queueTimeout > 0) {
            r.timerSeq = n.timeouts.add(now + n.queueTimeout, r, Engine.A_QUEUE_TIMEOUT);
            r.timerLane = n.timeouts;
        }
    }

    private long headWait(Node n) {
        Req head = n.queue.peekFirst(); // the oldest, whatever the order of service
        while (head != null && head.state != Req.QUEUED) {
            n.queue.pollFirst();
            head = n.queue.peekFirst();
        }
        return head == null ? 0 : engine.now - head.arrived;
    }

    /** The token bucket, refilled lazily: only when someone asks for a token. */
    private boolean takeToken(Node n, Scenario.RateLimit rl) {
        long now = engine.now;
        double refill = (now - n.tokensAt) * rl.rps() / 1000.0;
        n.tokens = Math.min(rl.burst(), n.tokens + refill);
        n.tokensAt = now;
        if (n.tokens >= 1) {
            n.tokens -= 1;
            return true;
        }
        return false;
    }

    /** A queued request timed out before a worker reached it: 504 at this service. */
    void queueTimedOut(Req r) {
        if (r.state == Req.QUEUED) {
            // Queue timeouts expire in arrival order, so the request is the oldest one waiting,
            // the deque's first: dropping it now spares dequeue() a cache miss on it later.
            if (r.node.queue.peekFirst() == r) {
                r.node.queue.pollFirst();
            }
            r.node.touch(engine.now);
            r.node.queued--;
            finish(r, TIMED_OUT);
        }
    }

    // ---- the worker pool ---------------------------------------------------------------

    /** A worker takes the request: its own work first, then its calls in order. */
    private void start(Req r) {
        Node n = r.node;
        long now = engine.now;
        n.touch(now);
        n.active++;
        r.holdsWorker = true;
        r.state = Req.RUNNING;
        n.link(r);
        if (r.deadline <= now) {
            finish(r, TIMED_OUT); // the caller's deadline passed while it queued: no work for nobody
            return;
        }
        long work;
        boolean fail = false;
        long f = n.faults.none() ? Faults.UNAFFECTED : n.faults.affect(now, n.rng, failFlag);
        if (f != Faults.UNAFFECTED) {
            work = f;
            fail = failFlag[0];
        } else {
            work = Dists.sample(n.service.processing(), n.rng);
            if (now < n.warmUntil) {
                work = (long) (work * n.warmFactor(now)); // restarted cold
            }
        }
        r.wait = Req.W_PROC;
        queue.schedule(now + work, r, Engine.A_PROC | (fail ? Engine.ERROR_BIT : 0));
    }

    /** The worker's own work is done: on to the calls, unless a fault failed it. */
    void workDone(Req r, boolean failed) {
        if (r.state == Req.RUNNING && r.wait == Req.W_PROC) {
            r.wait = Req.W_NONE;
            if (failed) {
                finish(r, FAILED);
            } else {
                engine.calls.makeCalls(r);
            }
        }
    }

    /** A worker is free: hand it to the next waiting request. */
    private void dequeue(Node n) {
        long now = engine.now;
        while (n.active < n.threads && n.queued > 0) {
            Req r = n.lifo ? n.queue.pollLast() : n.queue.pollFirst();
            if (r == null) {
                n.queued = 0;
                return;
            }
            if (r.state != Req.QUEUED) {
                continue; // timed out in the queue earlier
            }
            r.disarm();
            n.touch(now);
            n.queued--;
            Scenario.Shed shed = n.service.shed();
            if (shed != null && shed.maxQueueWaitMs() > 0 && now - r.arrived > shed.maxQueueWaitMs()) {
                finish(r, REJECTED);
                continue;
            }
            if (r.deadline <= now) {
                finish(r, TIMED_OUT);
                continue;
            }
            start(r);
        }
    }

    /** A capacity fault: no preemption, so a smaller pool shrinks only as workers finish. */
    void resize(Node n, int threads) {
        n.threads = threads;
        if (!n.isExternal()) {
            dequeue(n);
        }
    }

    // ---- the end of a request ----------------------------------------------------------

    /** The request ends with an outcome: count it, free the worker, answer the caller. */
    void finish(Req r, int outcome) {
        Node n = r.node;
        int b = engine.bucket;
        long now = engine.now;
        switch (outcome) {
            case OK -> n.ok[b]++;
            case FALLBACK -> n.fallback[b]++;
            case REJECTED, DROPPED -> n.rejected[b]++;
            case TIMED_OUT -> n.timedOut[b]++;
            case FAILED -> n.failed[b]++;
            default -> n.fastFailed[b]++;
        }
        if (r.parent != null && !r.parent.awaits(r)) {
            n.abandoned[b]++; // the caller gave up on it (timed out): wasted work
        }
        if (outcome != DROPPED) {
            n.latency(now - r.arrived);
            n.sojournMs += now - r.arrived;
        }
        r.state = Req.DONE;
        r.wait = Req.W_NONE;
        if (r.holdsWorker) {
            r.holdsWorker = false;
            n.unlink(r);
            n.touch(now);
            n.active--;
            dequeue(n);
        }
        Req p = r.parent;
        if (p != null) {
            if (outcome != DROPPED && p.awaits(r)) {
                engine.attempts.reply(p, Outcome.asSeenByCaller(outcome));
            }
        } else if (outcome >= REJECTED) {
            n.source.userFailed(r);
        }
    }
}
