package dev.warroom.sim;

import java.util.random.RandomGenerator;

/**
 * One named random stream that counts its draws: the JDK's L64X128MixRandom (an LXM
 * generator: a 64-bit LCG and xoroshiro128, mixed by lea64), computed here on its own state
 * rather than through a wrapped JDK instance. That saves an object and an interface call on
 * every draw, and it lets a {@link Fork} rebuild a stream cheaply: it splits a new root the
 * same way and steps as many times again, and the copy continues exactly where the original is.
 * Only {@link #nextLong()} is overridden: the defaults of {@link RandomGenerator} build every
 * other draw from it the way L64X128MixRandom itself does. RngTest checks the numbers against
 * the JDK's generator split off the same root.
 */
final class Rng implements RandomGenerator {
    /** The LCG multiplier of the 64-bit LXM generators. */
    private static final long M = 0xd1342543de82ef95L;
    private static final long GOLDEN_RATIO_64 = 0x9e3779b97f4a7c15L;

    /** The LCG's additive parameter (odd), its state, and the xoroshiro128 state (not both zero). */
    private final long a;
    private long s;
    private long x0;
    private long x1;
    long draws;

    private Rng(long a, long s, long x0, long x1) {
        this.a = a | 1;
        this.s = s;
        if ((x0 | x1) == 0) {
            long v = s;
            x0 = mixStafford13(v += GOLDEN_RATIO_64);
            x1 = mixStafford13(v + GOLDEN_RATIO_64);
        }
        this.x0 = x0;
        this.x1 = x1;
    }

    /**
     * The stream {@code root.split()} gives when {@code root} is an L64X128MixRandom: the same
     * four draws from the root (the brine for the LCG's parameter, then its state and the
     * xoroshiro's), so the root moves on as split() would move it.
     */
    static Rng split(RandomGenerator root) {
        long brine = root.nextLong();
        long s = root.nextLong();
        long x0 = root.nextLong();
        long x1 = root.nextLong();
        return new Rng(brine << 1, s, x0, x1);
    }

    /** The stream split off {@code root}, advanced by {@code draws}. */
    static Rng replay(RandomGenerator root, long draws) {
        Rng r = split(root);
        for (long i = 0; i < draws; i++) {
            r.step();
        }
        r.draws = draws;
        return r;
    }

    @Override
    public long nextLong() {
        draws++;
        return step();
    }

    /** L64X128MixRandom.nextLong: the output from the current state, then both parts advance. */
    private long step() {
        long result = mixLea64(s + x0);
        s = M * s + a;
        long q0 = x0;
        long q1 = x1 ^ q0;
        x0 = Long.rotateLeft(q0, 24) ^ q1 ^ (q1 << 16);
        x1 = Long.rotateLeft(q1, 37);
        return result;
    }

    private static long mixLea64(long z) {
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        return z ^ (z >>> 32);
    }

    private static long mixStafford13(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
