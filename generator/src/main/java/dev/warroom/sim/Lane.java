package dev.warroom.sim;

/**
 * Timers armed with one fixed delay (an edge's timeout, a queue timeout, the users' retry
 * delay) expire in the order they were armed, so they wait in a FIFO instead of the heap:
 * only the lane's head is scheduled. Most such timers are disarmed before they expire (the
 * reply came first); those are dropped when they reach the head, without an event.
 */
final class Lane extends EventQueue.Ev {
    private final Engine engine;
    private long[] times = new long[64];
    private long[] args = new long[64];
    private Req[] reqs = new Req[64];
    private int head;
    private int size;

    Lane(Engine engine) {
        this.engine = engine;
    }

    void add(long time, Req r, long arg) {
        if (size == times.length) {
            grow();
        }
        int i = (head + size) & (times.length - 1);
        times[i] = time;
        args[i] = arg;
        reqs[i] = r;
        if (size++ == 0) {
            engine.queue.schedule(time, this, 0);
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
        int mask = times.length - 1;
        Req r = reqs[head];
        long arg = args[head];
        reqs[head] = null;
        head = (head + 1) & mask;
        size--;
        if (!engine.stale(r, arg)) {
            engine.handle(r, arg);
        }
        mask = times.length - 1; // handling may have added to this lane
        while (size > 0 && engine.stale(reqs[head], args[head])) {
            reqs[head] = null;
            head = (head + 1) & mask;
            size--;
        }
        if (size > 0) {
            engine.queue.schedule(times[head], this, 0);
        }
    }
}
