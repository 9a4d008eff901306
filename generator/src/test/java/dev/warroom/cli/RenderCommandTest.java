package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code warroom render}: argument errors exit 2 with a message naming the option. */
class RenderCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String bank = Golden.root().resolve("problems").toString();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
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
}
