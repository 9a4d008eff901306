package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Fault;
import dev.warroom.bank.Scenario.Retry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The discrete-event model of DESIGN §3: one run of one scenario. Time is integer
 * milliseconds; the {@link EventQueue} orders events by (time, sequence). Every random draw
 * comes from a named generator (L64X128MixRandom) split off one root seeded with the run's
 * seed, one stream per traffic source, service, edge and external, so that a change in one
 * part of a scenario does not shift the random numbers of the others.
 */
final class Engine {
    static final String RNG = "L64X128MixRandom";
    static final int BUCKET_MS = 1000;

    // event actions on a Req (low 4 bits of the argument)
    static final int A_PROC = 1;
    static final int A_TIMEOUT = 2;
    static final int A_RETRY = 3;
    static final int A_EXT_REPLY = 4;
    static final int A_FALLBACK = 5;
    static final int A_QUEUE_TIMEOUT = 6;
    static final int A_USER_ARRIVE = 7;
    static final int A_BULKHEAD_TIMEOUT = 8;
    static final long ERROR_BIT = 1 << 4;

    // outcomes at a service
    static final int OK = 0;
    static final int FALLBACK = 1;
    static final int REJECTED = 2;
    static final int TIMED_OUT = 3;
    static final int FAILED = 4;
    static final int FAST_FAILED = 5;
    /** A rejection the caller never hears about (overflow: drop). */
    static final int DROPPED = 6;

    // why a call attempt failed, from the caller's side
    static final int F_TIMEOUT = 0;
    static final int F_ERROR = 1;
    static final int F_REJECTED = 2;
    static final int F_OPEN = 3;
    static final int F_BULKHEAD = 4;

    final Scenario scenario;
    final long duration;
    final int buckets;
    final EventQueue queue = new EventQueue();
    final Node[] nodes;
    final Map<String, Node> byId = new LinkedHashMap<>();
    final List<Edge> edges = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();
    long now;
    long events;
    private long nextBoundary = BUCKET_MS;
    private int bucket;
    private final boolean[] failFlag = new boolean[1];

    Engine(Scenario s, long seed) {
        this.scenario = s;
        this.duration = s.durationMs();
        this.buckets = (int) (duration / BUCKET_MS);
        RandomGenerator.SplittableGenerator root =
                (RandomGenerator.SplittableGenerator) RandomGeneratorFactory.of(RNG).create(seed);
        List<Node> list = new ArrayList<>();
        for (Scenario.Service svc : s.services().values()) {
            Node n = new Node(this, list.size(), svc, null, buckets, root.split(), new Faults(svc.id(), s.faults()));
            list.add(n);
            byId.put(n.id, n);
        }
        for (Scenario.External ext : s.externals().values()) {
            Node n = new Node(this, list.size(), null, ext, buckets, root.split(), new Faults(ext.id(), s.faults()));
            list.add(n);
            byId.put(n.id, n);
        }
        nodes = list.toArray(new Node[0]);
        for (Node n : nodes) {
            if (n.service == null) {
                continue;
            }
            List<Edge> out = new ArrayList<>();
            for (Call c : n.service.calls().values()) {
                Edge e = new Edge(edges.size(), n, byId.get(c.to()), c, buckets, root.split());
                edges.add(e);
                out.add(e);
            }
            n.edges = out.toArray(new Edge[0]);
        }
        for (Scenario.Traffic t : s.traffic()) {
            Source src = new Source(this, byId.get(t.entry()), t, root.split());
            sources.add(src);
        }
        for (Node n : nodes) {
            for (Fault f : n.faults.capacityChanges()) {
                queue.schedule(Math.max(0, f.atMs()), n, f.threads());
            }
        }
        for (Source src : sources) {
            src.entry.source = src;
        }
        for (Source src : sources) {
            src.start();
        }
    }

    /** Runs to the end of the scenario. */
    void run() {
        EventQueue q = queue;
        while (!q.isEmpty()) {
            long t = q.peekTime();
            if (t >= duration) {
                break;
            }
            while (t >= nextBoundary) {
                closeBucket();
            }
            now = t;
            EventQueue.Ev ev = q.topTarget();
            long arg = q.topArg();
            q.pop();
            events++;
            ev.fire(arg);
        }
        while (bucket < buckets) {
            now = Math.max(now, nextBoundary - 1);
            closeBucket();
        }
    }

    private int b() {
        return bucket;
    }

    // ---- arrivals and the pool ---------------------------------------------------------

    /** A request arrives at a service. */
    void arrive(Req r) {
        Node n = r.node;
        int b = b();
        r.arrived = now;
        n.arrivals[b]++;
        if (r.isRetry) {
            n.retries[b]++;
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
            r.timerSeq = n.timeouts.add(now + n.queueTimeout, r, A_QUEUE_TIMEOUT);
            r.timerLane = n.timeouts;
        }
    }

    private long headWait(Node n) {
        Req head = n.queue.peekFirst(); // the oldest, whatever the order of service
        while (head != null && head.state != Req.QUEUED) {
            n.queue.pollFirst();
            head = n.queue.peekFirst();
        }
        return head == null ? 0 : now - head.arrived;
    }

    private boolean takeToken(Node n, Scenario.RateLimit rl) {
        double refill = (now - n.tokensAt) * rl.rps() / 1000.0;
        n.tokens = Math.min(rl.burst(), n.tokens + refill);
        n.tokensAt = now;
        if (n.tokens >= 1) {
            n.tokens -= 1;
            return true;
        }
        return false;
    }

    /** A worker takes the request: its own work first, then its calls in order. */
    private void start(Req r) {
        Node n = r.node;
        n.touch(now);
        n.active++;
        r.holdsWorker = true;
        r.state = Req.RUNNING;
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
        }
        r.wait = Req.W_PROC;
        queue.schedule(now + work, r, A_PROC | (fail ? ERROR_BIT : 0));
    }

    /** A worker is free: hand it to the next waiting request. */
    private void dequeue(Node n) {
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

    void resize(Node n, int threads) {
        n.threads = threads;
        if (!n.isExternal()) {
            dequeue(n);
        }
    }

    // ---- the request's life ------------------------------------------------------------

    /** Whether a timer of a request can no longer do anything (so a lane may drop it unfired). */
    boolean stale(Req r, long arg) {
        int id = (int) (arg >>> 32);
        return switch ((int) (arg & 15)) {
            case A_TIMEOUT -> !(r.state == Req.RUNNING && r.wait == Req.W_REPLY && r.attemptId == id);
            case A_QUEUE_TIMEOUT -> r.state != Req.QUEUED;
            case A_BULKHEAD_TIMEOUT -> !(r.state == Req.RUNNING && r.wait == Req.W_BULKHEAD && r.attemptId == id);
            default -> false;
        };
    }

    void handle(Req r, long arg) {
        int action = (int) (arg & 15);
        int id = (int) (arg >>> 32);
        switch (action) {
            case A_PROC -> {
                if (r.state == Req.RUNNING && r.wait == Req.W_PROC) {
                    r.wait = Req.W_NONE;
                    if ((arg & ERROR_BIT) != 0) {
                        finish(r, FAILED);
                    } else {
                        r.callIdx = 0;
                        nextCall(r);
                    }
                }
            }
            case A_TIMEOUT -> {
                if (r.state == Req.RUNNING && r.wait == Req.W_REPLY && r.attemptId == id) {
                    Edge e = r.node.edges[r.callIdx];
                    e.timedOut[b()]++;
                    attemptEnded(r, e, true);
                    callFailed(r, e, F_TIMEOUT);
                }
            }
            case A_RETRY -> {
                if (r.state == Req.RUNNING && r.wait == Req.W_BACKOFF && r.attemptId == id) {
                    r.wait = Req.W_NONE;
                    sendAttempt(r, r.node.edges[r.callIdx]);
                }
            }
            case A_EXT_REPLY -> {
                if (r.state == Req.RUNNING && r.wait == Req.W_REPLY && r.attemptId == id) {
                    reply(r, (arg & ERROR_BIT) != 0 ? F_ERROR : -1);
                }
            }
            case A_FALLBACK -> {
                if (r.state == Req.RUNNING && r.wait == Req.W_FALLBACK) {
                    r.wait = Req.W_NONE;
                    r.callIdx++;
                    nextCall(r);
                }
            }
            case A_QUEUE_TIMEOUT -> {
                if (r.state == Req.QUEUED) {
                    // Queue timeouts expire in arrival order, so the request is the oldest one waiting,
                    // the deque's first: dropping it now spares dequeue() a cache miss on it later.
                    if (r.node.queue.peekFirst() == r) {
                        r.node.queue.pollFirst();
                    }
                    r.node.touch(now);
                    r.node.queued--;
                    finish(r, TIMED_OUT);
                }
            }
            case A_USER_ARRIVE -> arrive(r);
            case A_BULKHEAD_TIMEOUT -> {
                if (r.state == Req.RUNNING && r.wait == Req.W_BULKHEAD && r.attemptId == id) {
                    r.wait = Req.W_NONE;
                    Edge e = r.node.edges[r.callIdx];
                    e.shortCircuited[b()]++;
                    releaseRetrySlot(r, e);
                    releaseBreakerTrial(r, e);
                    callFailed(r, e, F_BULKHEAD);
                }
            }
            default -> throw new IllegalStateException("unknown action " + action);
        }
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
        finish(r, r.degraded ? FALLBACK : OK);
    }

    private void beginCall(Req r, Edge e) {
        Call c = e.call;
        r.attempt = 0;
        r.prevSleep = c.retry().baseMs();
        long dl = c.deadlineMs() > 0 ? now + c.deadlineMs() : Long.MAX_VALUE;
        r.callDeadline = Math.min(dl, r.deadline);
        sendAttempt(r, e);
    }

    /** One attempt through the breaker and the bulkhead. */
    private void sendAttempt(Req r, Edge e) {
        r.attemptId++;
        if (e.breaker != null) {
            if (!e.breaker.tryAcquire(now)) {
                e.shortCircuited[b()]++;
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
                    r.timerSeq = e.bulkheadTimeouts.add(now + bh.maxWaitMs(), r, A_BULKHEAD_TIMEOUT | (long) r.attemptId << 32);
                    r.timerLane = e.bulkheadTimeouts;
                    return;
                }
                e.shortCircuited[b()]++;
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
        int b = b();
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
                r.timerSeq = e.timeouts.add(end, r, A_TIMEOUT | (long) id << 32);
                r.timerLane = e.timeouts;
            } else {
                queue.schedule(Math.max(now, end), r, A_TIMEOUT | (long) id << 32);
            }
        }
        Node to = e.to;
        if (to.isExternal()) {
            to.arrivals[b]++;
            if (r.attempt > 0) {
                to.retries[b]++;
            }
            if (to.active >= to.threads) {
                to.rejected[b]++; // the provider's own concurrency limit: refused at once
                to.latency(0);
                reply(r, F_REJECTED);
                return;
            }
            to.touch(now);
            to.active++;
            long lat;
            boolean err;
            long f = to.faults.none() ? Faults.UNAFFECTED : to.faults.affect(now, to.rng, failFlag);
            if (f != Faults.UNAFFECTED) {
                lat = f;
                err = failFlag[0];
            } else {
                lat = Dists.sample(to.external.latency(), to.rng);
                err = to.external.errorRate() > 0 && to.rng.nextDouble() < to.external.errorRate();
            }
            queue.schedule(now + lat, new ExtCall(this, to, r, id, now, err), 0);
            return;
        }
        Req child = new Req(to, r, id, r.attempt > 0, 0);
        if (to.service.propagateDeadline()) {
            child.deadline = end;
        }
        arrive(child);
    }

    /** A live attempt answered: failure kind, or -1 for success. */
    private void reply(Req r, int failure) {
        Edge e = r.node.edges[r.callIdx];
        int b = b();
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
            e.breaker.onResult(now, r.breakerGen, failure, now - r.attemptStart);
        }
    }

    private void releaseRetrySlot(Req r, Edge e) {
        if (r.retrySlot) {
            r.retrySlot = false;
            e.retriesInFlight--;
        }
    }

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

    /** An attempt failed: retry, fall back, or fail the request. */
    private void callFailed(Req r, Edge e, int kind) {
        Retry retry = e.call.retry();
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
                    queue.schedule(now + sleep, r, A_RETRY | (long) r.attemptId << 32);
                }
                return;
            }
        }
        if (e.call.fallback() != null) {
            r.degraded = true;
            r.wait = Req.W_FALLBACK;
            queue.schedule(now + e.call.fallback().latencyMs(), r, A_FALLBACK);
            return;
        }
        finish(r, switch (kind) {
            case F_TIMEOUT -> TIMED_OUT;
            case F_OPEN -> FAST_FAILED;
            case F_BULKHEAD -> REJECTED;
            default -> FAILED;
        });
    }

    /** The request ends with an outcome: count it, free the worker, answer the caller. */
    void finish(Req r, int outcome) {
        Node n = r.node;
        int b = b();
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
            n.touch(now);
            n.active--;
            dequeue(n);
        }
        Req p = r.parent;
        if (p != null) {
            if (outcome != DROPPED && p.awaits(r)) {
                reply(p, switch (outcome) {
                    case OK, FALLBACK -> -1;
                    case REJECTED -> F_REJECTED;
                    default -> F_ERROR;
                });
            }
        } else if (outcome >= REJECTED) {
            n.source.userFailed(r);
        }
    }

    /** An external answers (or fails) one attempt; the caller may have given up already. */
    void externalReply(ExtCall c) {
        Node ext = c.ext;
        int b = b();
        ext.touch(now);
        ext.active--;
        if (c.error) {
            ext.failed[b]++;
        } else {
            ext.ok[b]++;
        }
        ext.latency(now - c.sent);
        ext.sojournMs += now - c.sent;
        Req r = c.caller;
        if (r.state == Req.RUNNING && r.wait == Req.W_REPLY && r.attemptId == c.attemptId) {
            reply(r, c.error ? F_ERROR : -1);
        } else {
            ext.abandoned[b]++;
        }
    }

    // ---- buckets -----------------------------------------------------------------------

    private void closeBucket() {
        int b = bucket;
        for (Node n : nodes) {
            n.activeAt[b] = n.active;
            n.queuedAt[b] = n.queued;
            if (n.latN > 0) {
                int k50 = Select.rank(n.latN, 0.50);
                n.p50[b] = Select.select(n.lat, 0, n.latN, k50);
                n.p99[b] = Select.select(n.lat, k50, n.latN, Select.rank(n.latN, 0.99));
                n.latN = 0;
            }
            n.breakerAt[b] = -1;
        }
        for (Edge e : edges) {
            e.inFlightAt[b] = e.inFlight;
            int s = e.breaker == null ? -1 : e.breaker.state;
            e.breakerAt[b] = s;
            if (s > e.to.breakerAt[b]) {
                e.to.breakerAt[b] = s;
            }
        }
        bucket++;
        nextBoundary += BUCKET_MS;
    }
}
