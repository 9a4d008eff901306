package dev.warroom.sim;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Side effects of non-idempotent calls (docs/simulation.md, "Side effects"). A call with a
 * {@code side_effect} (a charge) makes the callee apply the effect each time it completes an
 * attempt successfully, whether or not the caller still waits for the answer: a caller that
 * timed out and retried while the first attempt was still being served gets charged twice.
 * With an {@code idempotency_key} every attempt of one call carries the same key, and the
 * callee applies the effect for the first keyed attempt it completes only.
 *
 * <p>Only calls with a side effect touch this class: the maps stay empty otherwise, and the
 * engine's hot path checks nothing but a null field of the call policy and an empty map.
 */
final class Effects {
    /** One logical call (all its attempts): how many attempts applied the effect, and how many carried a key. */
    static final class Call {
        final int edge;
        int applied;
        int keyedApplied;

        Call(int edge) {
            this.edge = edge;
        }
    }

    /** One attempt of such a call, as the callee holds it. */
    static final class Attempt {
        final Call call;
        final boolean keyed;

        Attempt(Call call, boolean keyed) {
            this.call = call;
            this.keyed = keyed;
        }
    }

    private final Engine engine;
    /** A caller making a call with a side effect: that call. */
    final Map<Req, Call> current = new IdentityHashMap<>();
    /** A request at a service that serves an attempt of such a call: the attempt. */
    final Map<Req, Attempt> serving = new IdentityHashMap<>();

    Effects(Engine engine) {
        this.engine = engine;
    }

    /** The caller begins a call with a side effect on {@code e}. */
    void begin(Req caller, Edge e) {
        current.put(caller, new Call(e.index));
    }

    /** An attempt of the caller's current call on {@code e} goes out. */
    Attempt attempt(Req caller, Edge e) {
        Call c = current.get(caller);
        if (c == null || c.edge != e.index) { // the side effect came with a policy change mid-call
            c = new Call(e.index);
            current.put(caller, c);
        }
        return new Attempt(c, e.call.idempotencyKey());
    }

    /** The callee completed attempt {@code a} successfully: the effect, unless its key was seen. */
    void completed(Attempt a) {
        Call c = a.call;
        if (a.keyed && c.keyedApplied > 0) {
            return; // the callee knows this key: it answers without applying the effect again
        }
        c.applied++;
        if (a.keyed) {
            c.keyedApplied++;
        }
        Edge e = engine.edges.get(c.edge);
        int b = engine.bucket;
        e.effects[b]++;
        if (c.applied > 1) {
            e.duplicates[b]++;
        }
    }

    /** A request at a service ends: the effect of the attempt it served, if any, and its own call is over. */
    void finished(Req r, boolean success) {
        if (!serving.isEmpty()) {
            Attempt a = serving.remove(r);
            if (a != null && success) {
                completed(a);
            }
        }
        if (!current.isEmpty()) {
            current.remove(r);
        }
    }

    /** Becomes a copy of {@code from} (a fork): requests and effect records mapped through the fork. */
    void copyFrom(Effects from, Fork f) {
        from.current.forEach((r, c) -> current.put(f.req(r), f.effectCall(c)));
        from.serving.forEach((r, a) -> serving.put(f.req(r), f.effectAttempt(a)));
    }
}
