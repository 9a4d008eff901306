package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.testing.Golden;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warroom render}: argument errors exit 2 with a message naming the option. */
class RenderCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String bank = Golden.root().resolve("problems").toString();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void rendersShowsProgressAndASummaryThenComesFromTheCache(@TempDir Path tmp) {
        String[] args = {"render", "bank-api-slow", "--problems", bank, "--variant", "baseline", "--no-video",
            "--out", tmp.resolve("out").toString(), "--cache", tmp.resolve("cache").toString()};
        assertThat(run(args)).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("simulated bank-api-slow/baseline").contains("svg    100% (121/121)")
                .contains("bank-api-slow/baseline").contains("1 render(s), 0 from the cache");
        assertThat(tmp.resolve("out/bank-api-slow/baseline/frames/frame-120.svg")).isRegularFile();
        assertThat(tmp.resolve("out/bank-api-slow/baseline/captions.vtt")).isRegularFile();
        out.getBuffer().setLength(0);
        assertThat(run(args)).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).doesNotContain("simulated").contains("cached").contains("1 render(s), 1 from the cache");
    }

    @Test
    void badSizeFpsAndCrfAreTheUsersToFix() {
        assertThat(run("render", "bank-api-slow", "--problems", bank, "--size", "big")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--size: expected WxH");
        assertThat(run("render", "bank-api-slow", "--problems", bank, "--size", "1281x720")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("must be even");
        assertThat(run("render", "bank-api-slow", "--problems", bank, "--fps", "0")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--fps: must be 1..120");
        assertThat(run("render", "bank-api-slow", "--problems", bank, "--crf", "99")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--crf: must be 0..51");
    }

    @Test
    void unknownProblemsAndVariantsAreNamed() {
        assertThat(run("render", "no-such-problem", "--problems", bank)).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("no-such-problem");
        assertThat(run("render", "bank-api-slow", "--problems", bank, "--variant", "nope")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("has no variant 'nope'").contains("timeout-breaker");
        assertThat(run("render", "bank-api-slow", "--problems", bank, "--variant", "baseline", "--all")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--all and --variant exclude each other");
    }

    @Test
    void anEncoderAskedForByNameThatIsMissingIsTheUsersToFix(@TempDir Path tmp) {
        String before = System.getProperty("warroom.ffmpeg");
        System.setProperty("warroom.ffmpeg", tmp.resolve("no-ffmpeg-here").toString());
        try {
            assertThat(run("render", "bank-api-slow", "--problems", bank, "--variant", "baseline", "--encoder", "ffmpeg",
                    "--out", tmp.resolve("out").toString(), "--no-cache")).isEqualTo(ExitCode.INVALID);
            assertThat(err.toString()).contains("--encoder ffmpeg: no video encoder: ffmpeg with libx264 was not found")
                    .contains("apt install ffmpeg").contains("brew install ffmpeg").doesNotContain("\tat ");
        } finally {
            if (before == null) {
                System.clearProperty("warroom.ffmpeg");
            } else {
                System.setProperty("warroom.ffmpeg", before);
            }
        }
    }
}
