package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade the site build calls: every variant and comparison of a problem, and the cache. */
@org.junit.jupiter.api.Tag("slow")
class RendererTest {
    @TempDir
    Path tmp;

    @Test
    void twoVideosEncodeAtOnce() throws Exception {
        // FFmpeg aborts the JVM if two threads open or close codecs together: Mp4Writer serialises that
        var story = new dev.warroom.story.Storyboard.Options(60_000, 30, 3, 1, 5, 0);
        RenderOptions o = RenderOptions.defaults().withSize(640, 360).withStory(story).withOutputs(false, true)
                .withCacheDir(null).withOut(tmp.resolve("both"));
        var sb = dev.warroom.story.Storyboard.of(TraceFixture.scene(), TraceFixture.trace(), story);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> Renderer.render("a/baseline", sb, List.of(TraceFixture.scene()), List.of(TraceFixture.trace()), o));
            var b = pool.submit(() -> Renderer.render("b/baseline", sb, List.of(TraceFixture.scene()), List.of(TraceFixture.trace()), o));
            assertThat(a.get().mp4()).isNotEmptyFile();
            assertThat(b.get().mp4()).isNotEmptyFile();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDefaultCacheIsAtTheRepositoryRootOutsideTarget() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Golden.root().resolve(".git")), "not a git checkout");
        assertThat(RenderOptions.defaults().cacheDir()).isEqualTo(Golden.root().resolve(".warroom-cache/render"));
    }

    @Test
    void aProblemRendersEveryVariantAndComparisonThenNothingWhenUnchanged() throws Exception {
        Problem p = Bank.load(Golden.root().resolve("problems/bank-api-slow")).problems().get(0);
        AtomicInteger simulations = new AtomicInteger();
        // SVG only, a still a minute: the cache logic, not the pictures, is under test here
        RenderOptions o = RenderOptions.defaults().withOutputs(true, false)
                .withStory(new dev.warroom.story.Storyboard.Options(60_000, 30, 50, 45, 60, 2)).withCacheDir(tmp.resolve("cache"))
                .withOut(tmp.resolve("out"));
        List<RenderResult> first = Renderer.renderProblem(p, List.of(), true, v -> {
            simulations.incrementAndGet();
            return TraceFixture.trace(v, !Problem.BASELINE.equals(v));
        }, o);
        assertThat(first).extracting(RenderResult::name).containsExactly(
                "bank-api-slow/baseline", "bank-api-slow/retry-storm", "bank-api-slow/retry-backoff", "bank-api-slow/timeout-breaker",
                "bank-api-slow/bulkhead-shedding", "bank-api-slow/bank-recovers",
                "bank-api-slow/compare-baseline-vs-timeout-breaker", "bank-api-slow/compare-baseline-vs-bulkhead-shedding",
                "bank-api-slow/compare-baseline-vs-bank-recovers");
        assertThat(first).noneMatch(RenderResult::cached);
        assertThat(simulations.get()).as("each variant simulated once").isEqualTo(6);
        assertThat(first.get(0).dir()).isEqualTo(tmp.resolve("out/bank-api-slow/baseline"));
        assertThat(first.get(0).frames().resolve("frame-000.svg")).isRegularFile();
        assertThat(first.get(0).clock().speed()).isEqualTo(24.0);
        assertThat(first.get(0).clock().startClock()).isEqualTo("13:55:00");

        List<RenderResult> again = Renderer.renderProblem(p, List.of(), true, v -> {
            simulations.incrementAndGet();
            return TraceFixture.trace(v, false);
        }, o);
        assertThat(again).allMatch(RenderResult::cached);
        assertThat(simulations.get()).as("nothing simulated when nothing changed").isEqualTo(6);
        assertThat(again.get(0).clock()).isEqualTo(first.get(0).clock());
        assertThat(Renderer.comparisons(p)).extracting(pair -> pair[1]).containsExactly("timeout-breaker", "bulkhead-shedding",
                "bank-recovers");
    }
}
