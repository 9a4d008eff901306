package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link Rng} computes L64X128MixRandom itself: its streams, split off a root, must be the
 * JDK generator's split off the same root, draw for draw, and leave the root where split()
 * leaves it; a replayed stream continues where the original is. Every trace depends on it.
 */
class RngTest {
    private static RandomGenerator.SplittableGenerator root(long seed) {
        return (RandomGenerator.SplittableGenerator) RandomGeneratorFactory.of(Engine.RNG).create(seed);
    }

    @Test
    void streamsAreTheJdkGeneratorsSplitOffTheSameRoot() {
        long[] seeds = {0, 1, 2, 7, 42, 20260314L, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9e3779b97f4a7c15L};
        for (long seed : seeds) {
            RandomGenerator.SplittableGenerator jdkRoot = root(seed);
            RandomGenerator.SplittableGenerator ourRoot = root(seed);
            for (int stream = 0; stream < 40; stream++) {
                RandomGenerator jdk = jdkRoot.split();
                Rng ours = Rng.split(ourRoot);
                for (int i = 0; i < 2_000; i++) {
                    assertThat(ours.nextLong()).as("seed %d stream %d draw %d", seed, stream, i).isEqualTo(jdk.nextLong());
                }
                assertThat(ours.draws).isEqualTo(2_000);
            }
            assertThat(ourRoot.nextLong()).as("the root moves on as split() moves it").isEqualTo(jdkRoot.nextLong());
        }
    }

    @Test
    void derivedDrawsMatchTheJdkGenerator() {
        // the RandomGenerator defaults build on nextLong as the JDK's generator does
        RandomGenerator jdk = root(5).split();
        Rng ours = Rng.split(root(5));
        for (int i = 0; i < 10_000; i++) {
            assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
            assertThat(ours.nextGaussian()).isEqualTo(jdk.nextGaussian());
            assertThat(ours.nextInt(1000)).isEqualTo(jdk.nextInt(1000));
            assertThat(ours.nextLong(3, 77_777)).isEqualTo(jdk.nextLong(3, 77_777));
        }
    }

    @Test
    void aReplayContinuesWhereTheOriginalIs() {
        RandomGenerator.SplittableGenerator r1 = root(9);
        r1.split();
        Rng original = Rng.split(r1);
        for (int i = 0; i < 12_345; i++) {
            original.nextGaussian();
        }
        RandomGenerator.SplittableGenerator r2 = root(9);
        r2.split();
        Rng copy = Rng.replay(r2, original.draws);
        assertThat(copy.draws).isEqualTo(original.draws);
        for (int i = 0; i < 1_000; i++) {
            assertThat(copy.nextLong()).isEqualTo(original.nextLong());
        }
    }
}
