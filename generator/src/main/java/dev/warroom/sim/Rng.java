package dev.warroom.sim;

import java.util.random.RandomGenerator;

/**
 * One named random stream that counts its draws. The JDK's L64X128MixRandom cannot be
 * copied, so a {@link Fork} rebuilds a stream by splitting a new root the same way and
 * drawing as many numbers again: the copy then continues exactly where the original is.
 * Only {@link #nextLong()} is overridden: the defaults of {@link RandomGenerator} build every
 * other draw from it the way L64X128MixRandom itself does (RngTest checks that).
 */
final class Rng implements RandomGenerator {
    private final RandomGenerator g;
    long draws;

    Rng(RandomGenerator g, long draws) {
        this.g = g;
        this.draws = draws;
    }

    /** A fresh stream advanced by {@code draws}. */
    static Rng replay(RandomGenerator fresh, long draws) {
        for (long i = 0; i < draws; i++) {
            fresh.nextLong();
        }
        return new Rng(fresh, draws);
    }

    @Override
    public long nextLong() {
        draws++;
        return g.nextLong();
    }
}
