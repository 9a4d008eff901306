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
    /**
     * A reply finishes the caller, whose reply finishes its caller, and so on up a chain of
     * calls: past {@link #MAX_NESTED_REPLIES} nested replies the rest wait here and the
     * outermost finish sends them, so a chain of thousands of services cannot overflow the
     * stack. Those nested calls are all in tail position, so the order of work is the same.
     */
    private static final int MAX_NESTED_REPLIES = 64;
    private final java.util.ArrayDeque<Req> deferredTo = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Integer> deferredOutcome = new java.util.ArrayDeque<>();
    private int nestedReplies;

    Services(Engine engine) {
        this.engine = engine;
        this.queue = engine.queue;
    }

    // ---- admission ---------------------------------------------------------------------

    /** A request arrives at a service. */
    void arrive(Req r) {
        Node n = r.node;
        if (n.broker != null) {
            n.broker.publish(r); // a queue consumer: the call is a SendMessage to its queue
            return;
        }
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
        if (n.health != null) {
            arrivePod(r, n, s);
            return;
        }
        if (n.shards != null) {
            Pod p = n.shards.route(r);
            if (p == null) {
                finish(r, REJECTED); // the key's rate limit
                return;
            }
            if (p == Shards.CACHED) {
                finish(r, OK); // answered by the cache in front of the shards: no shard work
                return;
            }
            admitTo(r, n, s, p);
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
        enqueue(r, n, n.queue);
    }

    /** A consumer's worker received a message: the request that processes it starts at once. */
    void consume(Req r) {
        Node n = r.node;
        int b = engine.bucket;
        r.arrived = engine.now;
        n.arrivals[b]++;
        if (r.isRetry) {
            n.retries[b]++; // a redelivery
        }
        start(r);
    }

    /** The queue stored a sent message: the sender's call succeeds at once. */
    void ack(Req r) {
        r.state = Req.DONE;
        engine.effects.finished(r, true);
        Req p = r.parent;
        if (p != null && p.awaits(r)) {
            reply(p, Outcome.asSeenByCaller(OK));
        }
    }

    /** The request waits in {@code queue} (the service's, or its pod's), under the service's queue timeout. */
    private void enqueue(Req r, Node n, java.util.ArrayDeque<Req> queue) {
        long now = engine.now;
        r.state = Req.QUEUED;
        queue.addLast(r);
        n.touch(now);
        n.queued++;
        if (n.queueTimeout > 0) {
            r.timerSeq = n.timeouts.add(now + n.queueTimeout, r, Engine.A_QUEUE_TIMEOUT);
            r.timerLane = n.timeouts;
        }
    }

    private long headWait(Node n) {
        return headWait(n.queue);
    }

    private long headWait(java.util.ArrayDeque<Req> queue) {
        Req head = queue.peekFirst(); // the oldest, whatever the order of service
        while (head != null && head.state != Req.QUEUED) {
            queue.pollFirst();
            head = queue.peekFirst();
        }
        return head == null ? 0 : engine.now - head.arrived;
    }

    /** With health: the load balancer sends the request to the next ready pod; that pod admits it or not. */
    private void arrivePod(Req r, Node n, Scenario.Service s) {
        Req caller = r.parent;
        Outlier od = caller == null ? null : caller.node.edges[caller.callIdx].outlier;
        Pod p = od == null ? n.health.pick() : n.health.pick(od);
        if (p == null) {
            finish(r, REJECTED); // no ready endpoint: nothing to connect to
            return;
        }
        if (od != null) {
            caller.attemptPod = p.index; // the caller's Envoy knows which host it sent the attempt to
        }
        admitTo(r, n, s, p);
    }

    /** The request is at pod (or shard) {@code p}: a free worker takes it, or it waits in the pod's queue if there is room. */
    private void admitTo(Req r, Node n, Scenario.Service s, Pod p) {
        r.pod = p.index;
        p.arrivals++;
        if (p.active < p.threads) {
            if (p.memory != null && Gc.exhausts(p)) {
                Gc.oomKill(engine, n, p, r);
                return;
            }
            start(r);
            return;
        }
        Scenario.Shed shed = s.shed();
        if (shed != null && (p.maxQueue > 0 && p.queued >= p.maxQueue
                || shed.maxQueueWaitMs() > 0 && headWait(p.queue) > shed.maxQueueWaitMs())) {
            finish(r, REJECTED);
            return;
        }
        if (p.queued >= p.capacity) {
            finish(r, n.dropOnOverflow ? DROPPED : REJECTED);
            return;
        }
        if (p.memory != null && Gc.exhausts(p)) {
            Gc.oomKill(engine, n, p, r);
            return;
        }
        p.queued++;
        enqueue(r, n, p.queue);
    }

    /**
     * A hedge of a read at a service with shards (docs/simulation.md, "Shards"): the duplicate
     * goes to shard {@code p} only if it would be admitted there (else it is not sent); it is
     * then an arrival and a retry at the service, and the first of the two to finish answers.
     */
    void hedge(Req h, Node n, Pod p) {
        boolean room = !n.down && (p.active < p.threads || p.queued < p.capacity
                && (p.maxQueue == 0 || p.queued < p.maxQueue));
        if (!room) {
            return;
        }
        h.arrived = engine.now;
        n.arrivals[engine.bucket]++;
        n.retries[engine.bucket]++;
        admitTo(h, n, n.service, p);
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
            java.util.ArrayDeque<Req> q = r.node.queue;
            if (r.pod >= 0) {
                Pod p = r.node.pod(r);
                p.queued--;
                q = p.queue;
            }
            if (q.peekFirst() == r) {
                q.pollFirst();
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
        Pod pod = null;
        if (r.pod >= 0) {
            pod = n.pod(r);
            pod.active++;
        }
        r.holdsWorker = true;
        r.state = Req.RUNNING;
        n.link(r);
        if (r.deadline <= now) {
            finish(r, TIMED_OUT); // the caller's deadline passed while it queued: no work for nobody
            return;
        }
        long work;
        boolean fail = false;
        long f = n.faults.none() ? Faults.UNAFFECTED : n.faults.affect(now, n.rng, failFlag, r.pod);
        if (f != Faults.UNAFFECTED) {
            work = f;
            fail = failFlag[0];
        } else {
            work = Dists.sample(n.service.processing(), n.rng);
            if (now < n.warmUntil) {
                work = (long) (work * n.warmFactor(now)); // restarted cold
            }
        }
        if (pod != null && pod.memory != null) {
            work = Math.round(work * Gc.stretch(pod.memory, Gc.live(pod.memory, pod))); // the collector's share
        }
        if (n.broker != null && !fail) {
            fail = n.broker.poisoned(r); // a poison message fails whenever it is processed
        }
        r.wait = Req.W_PROC;
        queue.schedule(now + work, r, Engine.A_PROC | (fail ? Engine.ERROR_BIT : 0));
    }

    /** The worker's own work is done: on to the calls, unless a fault failed it. */
    void workDone(Req r, boolean failed) {
        if (r.probe != 0) {
            if (r.probe == Connections.HANDSHAKE) {
                engine.edges.get(r.parentAttempt).conn.done(r);
            } else {
                r.node.health.probeDone(r);
            }
            return;
        }
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
    void dequeue(Node n) {
        if (n.broker != null) {
            n.broker.dispatch(); // a queue consumer pulls its next message
            return;
        }
        if (n.health != null) {
            for (Pod p : n.health.pods) {
                dequeuePod(n, p);
            }
            return;
        }
        if (n.shards != null) {
            for (Pod p : n.shards.pods) {
                dequeuePod(n, p);
            }
            return;
        }
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
            admit(n, r, now);
        }
    }

    /** A worker of pod {@code p} is free: hand it to the next waiting request or probe. */
    void dequeuePod(Node n, Pod p) {
        long now = engine.now;
        while (!p.down && p.active < p.threads && p.queued > 0) {
            Req r = n.lifo ? p.queue.pollLast() : p.queue.pollFirst();
            if (r == null) {
                p.queued = 0;
                return;
            }
            if (r.state != Req.QUEUED) {
                continue; // timed out in the queue earlier
            }
            p.queued--;
            if (r.probe != 0) {
                n.health.startProbe(p, r);
                continue;
            }
            admit(n, r, now);
        }
    }

    /** A request leaves the queue for a worker: unless shedding or its deadline ends it first, it starts. */
    private void admit(Node n, Req r, long now) {
        r.disarm();
        n.touch(now);
        n.queued--;
        if (r.probe == Connections.HANDSHAKE) {
            engine.edges.get(r.parentAttempt).conn.start(n, r); // a TLS handshake, not a request
            return;
        }
        Scenario.Shed shed = n.service.shed();
        if (shed != null && shed.maxQueueWaitMs() > 0 && now - r.arrived > shed.maxQueueWaitMs()) {
            finish(r, REJECTED);
        } else if (r.deadline <= now) {
            finish(r, TIMED_OUT);
        } else {
            start(r);
        }
    }

    /** A capacity fault: no preemption, so a smaller pool shrinks only as workers finish. */
    void resize(Node n, int threads) {
        n.threads = threads;
        if (n.health != null) {
            java.util.List<Pod> pods = n.health.pods;
            for (Pod p : pods) {
                p.threads = Health.slice(threads, pods.size(), p.index);
            }
        }
        if (n.shards != null) {
            n.shards.size(threads);
        }
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
        engine.effects.finished(r, outcome == OK || outcome == FALLBACK);
        if (outcome != DROPPED) {
            n.latency(now - r.arrived);
            n.sojournMs += now - r.arrived;
        }
        r.state = Req.DONE;
        r.wait = Req.W_NONE;
        if (n.broker != null) {
            n.broker.finished(r, outcome); // delete the message, or leave it to come back
        }
        if (r.holdsWorker) {
            r.holdsWorker = false;
            n.unlink(r);
            n.touch(now);
            n.active--;
            if (r.pod >= 0) {
                Pod pod = n.pod(r);
                pod.active--;
                dequeuePod(n, pod);
            } else {
                dequeue(n);
            }
        }
        Req p = r.parent;
        if (p != null) {
            if (outcome != DROPPED && p.awaits(r)) {
                reply(p, Outcome.asSeenByCaller(outcome));
            }
        } else if (outcome >= REJECTED && n.source != null) {
            n.source.userFailed(r);
        }
    }

    private void reply(Req caller, int failure) {
        if (nestedReplies >= MAX_NESTED_REPLIES) {
            deferredTo.add(caller);
            deferredOutcome.add(failure);
            return;
        }
        nestedReplies++;
        try {
            engine.attempts.reply(caller, failure);
        } finally {
            nestedReplies--;
        }
        while (nestedReplies == 0 && !deferredTo.isEmpty()) {
            reply(deferredTo.poll(), deferredOutcome.poll());
        }
    }
}
