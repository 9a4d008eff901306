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
        long[] k = keys;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (k[parent] <= key) {
                break;
            }
            k[i] = k[parent];
            targets[i] = targets[parent];
            args[i] = args[parent];
            i = parent;
        }
        k[i] = key;
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

    /** Removes the head (read it first with {@link #topTarget()} and {@link #topArg()}). A 4-ary heap: shallower, and a node's children share a cache line. */
    void pop() {
        int n = --size;
        long key = keys[n];
        Ev t = targets[n];
        long a = args[n];
        targets[n] = null;
        if (n == 0) {
            return;
        }
        long[] k = keys;
        int i = 0;
        while (true) {
            int c = 4 * i + 1;
            if (c >= n) {
                break;
            }
            int best = c;
            long bk = k[c];
            int end = Math.min(c + 4, n);
            for (int j = c + 1; j < end; j++) {
                if (k[j] < bk) {
                    bk = k[j];
                    best = j;
                }
            }
            if (key <= bk) {
                break;
            }
            k[i] = bk;
            targets[i] = targets[best];
            args[i] = args[best];
            i = best;
        }
        k[i] = key;
        targets[i] = t;
        args[i] = a;
    }

    int size() {
        return size;
    }
}
