package dev.warroom.sim;

import java.util.Arrays;

/**
 * The scheduler's heap: events ordered by (time, sequence), so that ties are broken by the
 * order in which they were scheduled (SimPy's rule). A primitive binary heap over parallel
 * arrays: no boxing, no comparator, no allocation per event.
 */
final class EventQueue {
    /** Sequence numbers take the low bits of the key: 2^36 events, time up to 2^27 ms (37 h). */
    private static final int SEQ_BITS = 36;
    private static final long MAX_TIME = (1L << (63 - SEQ_BITS)) - 1;

    private long[] keys = new long[1024];
    private Ev[] targets = new Ev[1024];
    private long[] args = new long[1024];
    private int size;
    private long seq;

    /** Something that can be scheduled: it receives its argument when its time comes. */
    abstract static class Ev {
        abstract void fire(long arg);
    }

    void schedule(long time, Ev target, long arg) {
        if (time > MAX_TIME) {
            return; // beyond any run; never fires
        }
        if (size == keys.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            targets = Arrays.copyOf(targets, n);
            args = Arrays.copyOf(args, n);
        }
        long key = (time << SEQ_BITS) | (seq++ & ((1L << SEQ_BITS) - 1));
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[i] = keys[parent];
            targets[i] = targets[parent];
            args[i] = args[parent];
            i = parent;
        }
        keys[i] = key;
        targets[i] = target;
        args[i] = arg;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the next event; only when not empty. */
    long peekTime() {
        return keys[0] >>> SEQ_BITS;
    }

    Ev topTarget() {
        return targets[0];
    }

    long topArg() {
        return args[0];
    }

    /** Removes the head (read it first with {@link #topTarget()} and {@link #topArg()}). */
    void pop() {
        int n = --size;
        long key = keys[n];
        Ev t = targets[n];
        long a = args[n];
        targets[n] = null;
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < n && keys[r] < keys[c]) {
                c = r;
            }
            if (key <= keys[c]) {
                break;
            }
            keys[i] = keys[c];
            targets[i] = targets[c];
            args[i] = args[c];
            i = c;
        }
        if (n > 0) {
            keys[i] = key;
            targets[i] = t;
            args[i] = a;
        }
    }

    int size() {
        return size;
    }
}
