package dev.warroom.sim;

/**
 * One request at one service (or one call at an external): where it is in its life, which
 * downstream call it is making, and who is waiting for it. It is also the target of its own
 * timers; an event carries the attempt id it was armed for, so a stale timer or a late reply
 * is recognised and ignored.
 */
final class Req extends EventQueue.Ev {
    static final int NEW = 0;
    static final int QUEUED = 1;
    static final int RUNNING = 2;
    static final int DONE = 3;

    // what the worker is waiting for
    static final int W_NONE = 0;
    static final int W_PROC = 1;
    static final int W_REPLY = 2;
    static final int W_BACKOFF = 3;
    static final int W_BULKHEAD = 4;
    static final int W_FALLBACK = 5;
    /** Waiting for the call's cache: a hit's latency, or the fetch of the key by another request (coalesced). */
    static final int W_CACHE = 6;
    /** An attempt waiting for a name lookup (it is in flight, under its timeout, but not sent yet). */
    static final int W_DNS = 7;

    final Node node;
    final Req parent;
    final int parentAttempt;
    final boolean isRetry;
    final int userTries;
    long arrived;
    /** For a user's request: which of the entry's calls it makes (bit i = call i); a refresh repeats it. -1 = draw per call. */
    long route = -1;
    long deadline = Long.MAX_VALUE;
    // bytes, not ints: a Req is the one object allocated per request, and these keep it at 120 bytes, not 128
    byte state = NEW;
    byte wait = W_NONE;
    boolean holdsWorker;
    boolean degraded;

    // the current downstream call
    int callIdx;
    int attempt;
    int attemptId;
    long attemptStart;
    long callDeadline;
    long prevSleep;
    int breakerGen;
    boolean bulkheadHeld;
    boolean retrySlot;
    /** Neighbours in its node's list of requests holding a worker (only where a restart needs it). */
    Req prevActive;
    Req nextActive;
    /** With health probes: the pod it was sent to (-1 = none), and for a probe its kind, pod generation and whether its result is in. */
    int pod = -1;
    /** The pod of the callee this request's current attempt went to, when the call has outlier detection; else -1. */
    int attemptPod = -1;
    int probe;
    int gen;
    boolean decided;
    /** The lane holding this request's armed timer, if any, and the timer's number there. */
    Lane timerLane;
    long timerSeq;

    /**
     * Whether this request still waits for {@code child}'s answer. A caller stops waiting only
     * by answer or by timeout, so a child finishing to a caller that no longer waits was abandoned.
     */
    boolean awaits(Req child) {
        return state == RUNNING && wait == W_REPLY && attemptId == child.parentAttempt;
    }

    /** Disarms the armed lane timer, if any. */
    void disarm() {
        if (timerLane != null) {
            timerLane.cancel(timerSeq);
            timerLane = null;
        }
    }

    Req(Node node, Req parent, int parentAttempt, boolean isRetry, int userTries) {
        this.node = node;
        this.parent = parent;
        this.parentAttempt = parentAttempt;
        this.isRetry = isRetry;
        this.userTries = userTries;
    }

    /** A copy for a fork: the same state, at {@code node}, answering {@code parent}; links are set by the fork. */
    Req copy(Node node, Req parent) {
        Req c = new Req(node, parent, parentAttempt, isRetry, userTries);
        c.arrived = arrived;
        c.route = route;
        c.deadline = deadline;
        c.state = state;
        c.wait = wait;
        c.holdsWorker = holdsWorker;
        c.degraded = degraded;
        c.callIdx = callIdx;
        c.attempt = attempt;
        c.attemptId = attemptId;
        c.attemptStart = attemptStart;
        c.callDeadline = callDeadline;
        c.prevSleep = prevSleep;
        c.breakerGen = breakerGen;
        c.bulkheadHeld = bulkheadHeld;
        c.retrySlot = retrySlot;
        c.timerSeq = timerSeq;
        c.pod = pod;
        c.attemptPod = attemptPod;
        c.probe = probe;
        c.gen = gen;
        c.decided = decided;
        return c;
    }

    @Override
    void fire(long arg) {
        node.engine.handle(this, arg);
    }
}
