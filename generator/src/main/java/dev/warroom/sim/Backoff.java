package dev.warroom.sim;

import dev.warroom.bank.Scenario.Retry;
import java.util.random.RandomGenerator;

/**
 * Retry delays, as in the AWS architecture blog "Exponential Backoff And Jitter": the
 * exponential value {@code v = min(cap, base·2^n)} for the n-th retry (n from 0), then full
 * jitter {@code uniform(0, v)}, equal jitter {@code v/2 + uniform(0, v/2)}, or decorrelated
 * jitter {@code min(cap, uniform(base, 3·prev))} with {@code prev} starting at base.
 */
final class Backoff {
    private Backoff() {
    }

    /** The un-jittered delay before retry n (0 = the first retry). */
    static long base(Retry r, int n) {
        return switch (r.backoff()) {
            case NONE -> 0;
            case FIXED -> r.baseMs();
            // base·2^n overflows once n reaches the base's leading zeros: the cap is long passed by then
            case EXPONENTIAL -> r.baseMs() == 0 ? 0 : n >= Long.numberOfLeadingZeros(r.baseMs()) - 1 ? r.capMs()
                    : Math.min(r.capMs(), r.baseMs() << n);
        };
    }

    /**
     * The delay before retry n.
     *
     * @param prev the previous delay (decorrelated jitter only; base before the first retry)
     */
    static long delay(Retry r, int n, long prev, RandomGenerator rng) {
        if (r.backoff() == Retry.Backoff.NONE) {
            return 0;
        }
        long v = base(r, n);
        return switch (r.jitter()) {
            case NONE -> v;
            case FULL -> (long) (rng.nextDouble() * v);
            case EQUAL -> v / 2 + (long) (rng.nextDouble() * (v / 2.0));
            case DECORRELATED -> {
                long lo = r.baseMs();
                long hi = Math.max(lo, 3 * prev);
                yield Math.min(r.capMs(), lo + (long) (rng.nextDouble() * (hi - lo)));
            }
        };
    }
}
