package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario.Retry;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * DESIGN §3 item 8, the AWS "Exponential Backoff And Jitter" formulas: exponential
 * {@code min(cap, base·2^n)}, full jitter {@code uniform(0, v)}, equal jitter
 * {@code v/2 + uniform(0, v/2)}, decorrelated {@code min(cap, uniform(base, 3·prev))}.
 */
class BackoffTest {
    static Retry retry(Retry.Backoff b, Retry.Jitter j, long base, long cap) {
        return new Retry(5, b, base, cap, j, List.of(Retry.RetryOn.ERROR));
    }

    static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of(Engine.RNG).create(seed);
    }

    @Property(tries = 200)
    void exponentialIsCappedDoubling(@ForAll @LongRange(min = 1, max = 1_000) long base,
                                     @ForAll @LongRange(min = 1, max = 100_000) long extra,
                                     @ForAll @IntRange(min = 0, max = 70) int n) {
        long cap = base + extra;
        Retry r = retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.NONE, base, cap);
        long want = n >= 40 ? cap : Math.min(cap, base * (1L << n));
        assertThat(Backoff.base(r, n)).isEqualTo(want);
        assertThat(Backoff.delay(r, n, base, rng(n))).isEqualTo(want);
    }

    @Property(tries = 100)
    void jitterStaysInItsRange(@ForAll @LongRange(min = 1, max = 1_000) long base, @ForAll @IntRange(min = 0, max = 12) int n,
                               @ForAll long seed) {
        long cap = 20_000;
        long v = Math.min(cap, base << n);
        RandomGenerator g = rng(seed);
        long full = Backoff.delay(retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.FULL, base, cap), n, base, g);
        assertThat(full).isBetween(0L, v);
        long equal = Backoff.delay(retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.EQUAL, base, cap), n, base, g);
        assertThat(equal).isBetween(v / 2, v);
        long prev = base << Math.min(n, 5);
        long dec = Backoff.delay(retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.DECORRELATED, base, cap), n, prev, g);
        assertThat(dec).isBetween(base, Math.min(cap, 3 * prev));
    }

    @org.junit.jupiter.api.Test
    void jitterMeansFollowTheirDistributions() {
        RandomGenerator g = rng(42);
        Retry full = retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.FULL, 100, 10_000);
        Retry equal = retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.EQUAL, 100, 10_000);
        Retry dec = retry(Retry.Backoff.EXPONENTIAL, Retry.Jitter.DECORRELATED, 100, 10_000);
        double sf = 0;
        double se = 0;
        double sd = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            sf += Backoff.delay(full, 3, 100, g);   // v = 800: uniform(0, 800), mean 400
            se += Backoff.delay(equal, 3, 100, g);  // 400 + uniform(0, 400), mean 600
            sd += Backoff.delay(dec, 3, 1_000, g);  // uniform(100, 3,000), mean 1,550
        }
        assertThat(sf / n).isCloseTo(400, within(5.0));
        assertThat(se / n).isCloseTo(600, within(3.0));
        assertThat(sd / n).isCloseTo(1_550, within(15.0));
        assertThat(Backoff.delay(retry(Retry.Backoff.FIXED, Retry.Jitter.NONE, 250, 250), 7, 250, g)).isEqualTo(250);
        assertThat(Backoff.delay(retry(Retry.Backoff.NONE, Retry.Jitter.FULL, 250, 250), 7, 250, g)).isZero();
    }
}
