package dev.warroom.sim;

/**
 * Timers armed with one fixed delay (an edge's timeout, a queue timeout, the users' retry
 * delay) expire in the order they were armed, so they wait in a FIFO instead of the heap:
 * only the lane's head is scheduled. Most such timers are disarmed before they expire (the
 * reply came first): {@link #cancel} blanks the entry, and blank entries are skipped
 * without an event and without touching the request (it is long out of the cache by then).
 */
final class Lane extends EventQueue.Ev {
    private final Engine engine;
    private long[] times = new long[64];
    private long[] args = new long[64];
    private Req[] reqs = new Req[64];
    private int head;
    private int size;
    /** Sequence number of the entry at the head; entries are numbered in arming order. */
    private long headSeq;
    /** While firing, the lane reschedules itself at the end: adding must not schedule it a second time. */
    private boolean firing;

    Lane(Engine engine) {
        this.engine = engine;
    }

    /** A copy for a fork, its requests mapped. */
    Lane copy(Engine engine, Fork f) {
        Lane c = new Lane(engine);
        c.times = times.clone();
        c.args = args.clone();
        c.reqs = new Req[reqs.length];
        for (int i = 0; i < reqs.length; i++) {
            c.reqs[i] = f.req(reqs[i]);
        }
        c.head = head;
        c.size = size;
        c.headSeq = headSeq;
        c.firing = firing;
        return c;
    }

    /** Timers armed and not yet expired (disarmed ones included) in {@code l}, 0 for none. */
    static int size(Lane l) {
        return l == null ? 0 : l.size;
    }

    /** Arms a timer; returns its number for {@link #cancel}. */
    long add(long time, Req r, long arg) {
        if (size == times.length) {
            grow();
        }
        int i = (head + size) & (times.length - 1);
        times[i] = time;
        args[i] = arg;
        reqs[i] = r;
        if (size++ == 0 && !firing) {
            engine.queue.schedule(time, this, 0);
        }
        return headSeq + size - 1;
    }

    /** Disarms timer {@code seq} (no-op if it already fired). */
    void cancel(long seq) {
        long k = seq - headSeq;
        if (k >= 0 && k < size) {
            reqs[(int) ((head + k) & (times.length - 1))] = null;
        }
    }

    private void grow() {
        int n = times.length;
        long[] t = new long[n * 2];
        long[] a = new long[n * 2];
        Req[] r = new Req[n * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            t[k] = times[i];
            a[k] = args[i];
            r[k] = reqs[i];
        }
        times = t;
        args = a;
        reqs = r;
        head = 0;
    }

    @Override
    void fire(long ignored) {
        Req r = reqs[head];
        long arg = args[head];
        reqs[head] = null;
        head = (head + 1) & (times.length - 1);
        headSeq++;
        size--;
        if (r != null) {
            r.timerLane = null;
            if (!engine.stale(r, arg)) {
                firing = true;
                engine.handle(r, arg);
                firing = false;
            }
        }
        int mask = times.length - 1; // handling may have added to this lane (and grown it)
        while (size > 0 && reqs[head] == null) {
            head = (head + 1) & mask;
            headSeq++;
            size--;
        }
        if (size > 0) {
            engine.queue.schedule(times[head], this, 0);
        }
    }
}
