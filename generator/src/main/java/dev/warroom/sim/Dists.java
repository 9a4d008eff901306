package dev.warroom.sim;

import dev.warroom.bank.Scenario.Dist;
import java.util.random.RandomGenerator;

/** Draws from the format's distributions, in whole milliseconds. */
final class Dists {
    private Dists() {
    }

    /** Longer than any run (a clock is at most 24 h): a draw from a long tail saturates here, so now + draw cannot overflow. */
    static final long MAX_DRAW_MS = 1L << 40;

    static long sample(Dist d, RandomGenerator rng) {
        double v = switch (d.kind()) {
            case FIXED -> d.meanMs();
            case EXPONENTIAL -> -d.meanMs() * Math.log(1 - rng.nextDouble());
            case LOGNORMAL -> d.medianMs() * Math.exp(d.sigma() * rng.nextGaussian());
        };
        return Math.min(Math.round(v), MAX_DRAW_MS);
    }
}
