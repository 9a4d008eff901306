package dev.warroom.sim;

import static dev.warroom.sim.Outcome.F_ERROR;
import static dev.warroom.sim.Outcome.F_NONE;
import static dev.warroom.sim.Outcome.F_REJECTED;

/**
 * The serving side of a call at an external dependency: a black box with no pool or queue
 * of ours. It answers after a draw of its latency, failing at its error rate (or as its
 * faults say), and refuses at once beyond its own concurrency limit. Its answer may find
 * the caller gone (timed out): that work was wasted, counted as abandoned.
 */
final class Externals {
    private final Engine engine;
    private final EventQueue queue;
    /** Second result of {@link Faults#affect}: whether the affected call fails. */
    private final boolean[] failFlag = new boolean[1];
    /** Second result of {@link #serve}: whether the answer drawn is an error. */
    boolean drawnError;

    Externals(Engine engine) {
        this.engine = engine;
        this.queue = engine.queue;
    }

    /** Attempt {@code id} of {@code r} reaches an external: a reply is scheduled, or refused at once. */
    void call(Req r, Node ext, int id, Effects.Attempt effect) {
        int b = engine.bucket;
        long now = engine.now;
        ext.arrivals[b]++;
        if (r.attempt > 0) {
            ext.retries[b]++;
        }
        if (ext.active >= ext.threads) {
            ext.rejected[b]++; // the provider's own concurrency limit: refused at once
            ext.latency(0);
            engine.attempts.reply(r, F_REJECTED);
            return;
        }
        long lat = serve(ext, now);
        queue.schedule(now + lat, new ExtCall(this, ext, r, id, now, drawnError, effect), 0);
    }

    /**
     * The external takes a call now (it is in flight from here): its latency, drawn or as its faults
     * say; whether that answer is an error is left in {@link #drawnError}.
     */
    long serve(Node ext, long now) {
        ext.touch(now);
        ext.active++;
        long f = ext.faults.none() ? Faults.UNAFFECTED : ext.faults.affect(now, ext.rng, failFlag);
        if (f != Faults.UNAFFECTED) {
            drawnError = failFlag[0];
            return f;
        }
        long lat = Dists.sample(ext.external.latency(), ext.rng);
        drawnError = ext.external.errorRate() > 0 && ext.rng.nextDouble() < ext.external.errorRate();
        return lat;
    }

    /** An external answers (or fails) one attempt; the caller may have given up already. */
    void answer(ExtCall c) {
        Node ext = c.ext;
        int b = engine.bucket;
        long now = engine.now;
        ext.touch(now);
        ext.active--;
        if (c.error) {
            ext.failed[b]++;
        } else {
            ext.ok[b]++;
        }
        ext.latency(now - c.sent);
        ext.sojournMs += now - c.sent;
        if (c.effect != null && !c.error) {
            engine.effects.completed(c.effect);
        }
        Req r = c.caller;
        if (r.state == Req.RUNNING && r.wait == Req.W_REPLY && r.attemptId == c.attemptId) {
            engine.attempts.reply(r, c.error ? F_ERROR : F_NONE);
        } else {
            ext.abandoned[b]++;
        }
    }
}
