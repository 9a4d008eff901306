package dev.warroom.sim;

import java.util.Arrays;

/**
 * The scheduler: events ordered by (time, sequence), so that ties are broken by the order in
 * which they were scheduled (SimPy's rule). Time is whole milliseconds, and most events fall
 * within a second of now (processing, the next arrival, a fast dependency's reply), so those
 * go to a timing wheel: one FIFO per millisecond, which is already in sequence order, O(1)
 * both ways. Events further out (timeouts, a slow dependency) wait in a primitive 4-ary heap.
 * The head is the smaller (time, sequence) key of the two.
 */
final class EventQueue {
    /** Sequence numbers take the low bits of the key: 2^36 events, time up to 2^27 ms (37 h). */
    private static final int SEQ_BITS = 36;
    private static final long MAX_TIME = (1L << (63 - SEQ_BITS)) - 1;
    private static final long NONE = Long.MAX_VALUE;

    /** Something that can be scheduled: it receives its argument when its time comes. */
    abstract static class Ev {
        abstract void fire(long arg);
    }

    private final Wheel wheel = new Wheel();
    private final Heap heap = new Heap();
    private long seq;
    /** Time of the last event taken: the wheel covers [base, base + Wheel.SPAN). */
    private long base;
    /** The head's key and whether the wheel holds it; known until the next schedule or pop. */
    private long headKey;
    private boolean headInWheel;
    private boolean headKnown;

    /** Becomes a copy of {@code q} with every target mapped (a fork). */
    void copyFrom(EventQueue q, java.util.function.UnaryOperator<Ev> map) {
        wheel.copyFrom(q.wheel, map);
        heap.copyFrom(q.heap, map);
        seq = q.seq;
        base = q.base;
        headKnown = false;
    }

    void schedule(long time, Ev target, long arg) {
        if (time > MAX_TIME) {
            return; // beyond any run; never fires
        }
        long key = (time << SEQ_BITS) | (seq++ & ((1L << SEQ_BITS) - 1));
        if (time >= base && time - base < Wheel.SPAN) {
            wheel.add(time, key, target, arg);
        } else {
            heap.add(key, target, arg);
        }
        headKnown = false;
    }

    boolean isEmpty() {
        return wheel.size == 0 && heap.size == 0;
    }

    /** Time of the next event; only when not empty. */
    long peekTime() {
        return head() >>> SEQ_BITS;
    }

    Ev topTarget() {
        head();
        return headInWheel ? wheel.topTarget() : heap.targets[0];
    }

    long topArg() {
        head();
        return headInWheel ? wheel.topArg() : heap.args[0];
    }

    /** Removes the head (read it first with {@link #topTarget()} and {@link #topArg()}). */
    void pop() {
        long key = head();
        base = Math.max(base, key >>> SEQ_BITS);
        if (headInWheel) {
            wheel.pop();
        } else {
            heap.pop();
        }
        headKnown = false;
    }

    int size() {
        return wheel.size + heap.size;
    }

    /** The head's key; only when not empty. */
    private long head() {
        if (!headKnown) {
            long w = wheel.topKey();
            long h = heap.size == 0 ? NONE : heap.keys[0];
            headInWheel = w < h;
            headKey = Math.min(w, h);
            headKnown = true;
        }
        return headKey;
    }

    /**
     * One FIFO per millisecond of the coming {@link #SPAN}, linked through a pool of entries.
     * Every waiting entry lies in [base, base + SPAN), so a slot holds a single time.
     */
    private static final class Wheel {
        static final int SPAN = 1024;
        private static final int MASK = SPAN - 1;

        private final int[] first = new int[SPAN];
        private final int[] last = new int[SPAN];
        /** Bit per slot: whether it holds anything. */
        private final long[] occupied = new long[SPAN / 64];
        private long[] keys = new long[256];
        private Ev[] targets = new Ev[256];
        private long[] args = new long[256];
        private int[] next = new int[256];
        private int free = -1;
        private int used;
        int size;
        /** No entry lies before this time; the next head is found by scanning from it. */
        private long cursor;
        private int headSlot = -1;

        Wheel() {
            Arrays.fill(first, -1);
        }

        void copyFrom(Wheel w, java.util.function.UnaryOperator<Ev> map) {
            System.arraycopy(w.first, 0, first, 0, SPAN);
            System.arraycopy(w.last, 0, last, 0, SPAN);
            System.arraycopy(w.occupied, 0, occupied, 0, occupied.length);
            keys = w.keys.clone();
            args = w.args.clone();
            next = w.next.clone();
            targets = new Ev[w.targets.length];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = w.targets[i] == null ? null : map.apply(w.targets[i]);
            }
            free = w.free;
            used = w.used;
            size = w.size;
            cursor = w.cursor;
            headSlot = w.headSlot;
        }

        void add(long time, long key, Ev target, long arg) {
            int e = free;
            if (e >= 0) {
                free = next[e];
            } else {
                if (used == keys.length) {
                    grow();
                }
                e = used++;
            }
            keys[e] = key;
            targets[e] = target;
            args[e] = arg;
            next[e] = -1;
            int s = (int) time & MASK;
            if (first[s] < 0) {
                first[s] = e;
                occupied[s >>> 6] |= 1L << s;
            } else {
                next[last[s]] = e;
            }
            last[s] = e;
            if (size++ == 0 || time < cursor) {
                cursor = time;
            }
            headSlot = -1;
        }

        /** Key of the earliest entry, or NONE. */
        long topKey() {
            if (size == 0) {
                return NONE;
            }
            if (headSlot < 0) {
                headSlot = nextOccupied((int) cursor & MASK);
                cursor += (headSlot - cursor) & MASK;
            }
            return keys[first[headSlot]];
        }

        Ev topTarget() {
            return targets[first[headSlot]];
        }

        long topArg() {
            return args[first[headSlot]];
        }

        /** Removes the entry {@link #topKey()} found. */
        void pop() {
            int s = headSlot;
            int e = first[s];
            int n = next[e];
            first[s] = n;
            if (n < 0) {
                occupied[s >>> 6] &= ~(1L << s);
                headSlot = -1;
            }
            targets[e] = null;
            next[e] = free;
            free = e;
            size--;
        }

        /** The first occupied slot at or after {@code s}, wrapping around; only when not empty. */
        private int nextOccupied(int s) {
            int w = s >>> 6;
            long bits = occupied[w] & (-1L << s);
            while (bits == 0) {
                w = (w + 1) & (occupied.length - 1);
                bits = occupied[w];
            }
            return (w << 6) | Long.numberOfTrailingZeros(bits);
        }

        private void grow() {
            int n = keys.length * 2;
            keys = Arrays.copyOf(keys, n);
            targets = Arrays.copyOf(targets, n);
            args = Arrays.copyOf(args, n);
            next = Arrays.copyOf(next, n);
        }
    }

    /** A primitive 4-ary heap over parallel arrays: no boxing, no comparator, no allocation per event. */
    private static final class Heap {
        long[] keys = new long[256];
        Ev[] targets = new Ev[256];
        long[] args = new long[256];
        int size;

        void copyFrom(Heap h, java.util.function.UnaryOperator<Ev> map) {
            keys = h.keys.clone();
            args = h.args.clone();
            targets = new Ev[h.targets.length];
            for (int i = 0; i < h.size; i++) {
                targets[i] = map.apply(h.targets[i]);
            }
            size = h.size;
        }

        void add(long key, Ev target, long arg) {
            if (size == keys.length) {
                int n = size * 2;
                keys = Arrays.copyOf(keys, n);
                targets = Arrays.copyOf(targets, n);
                args = Arrays.copyOf(args, n);
            }
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

        /** Removes the head. A 4-ary heap: shallower, and a node's children share a cache line. */
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
    }
}
