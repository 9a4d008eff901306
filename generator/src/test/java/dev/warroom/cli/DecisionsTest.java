package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions on the scaffolded problem (a 10 s hang on the API's only dependency at 10:00, no
 * timeout): listed, simulated from their moment, their ratings checked by the model, and
 * their mistakes reported at their lines.
 */
class DecisionsTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path bank;
    private Path yaml;

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @BeforeEach
    void scaffold() {
        bank = tmp.resolve("bank");
        assertThat(run("new", "demo", "--problems", bank.toString())).isZero();
        yaml = bank.resolve("demo/problem.yaml");
        out.getBuffer().setLength(0);
    }

    private static final String DECISION = """

            decisions:
              - id: act
                at: "10:03"
                from: baseline
                until: "10:10"
                prompt: "The API is pinned. What do you do?"
                options:
                  - id: add-timeout
                    label: "A 500 ms timeout, a breaker and a fallback on the dependency"
                    rating: %s
                    why: "Workers stop waiting; the fallback answers."
                    act:
                      - set: {services.api.calls.dependency: {timeout: 500ms, breaker: {style: consecutive, fail_max: 5, reset_timeout: 30s}, fallback: {latency: 1ms}}}
                  - id: restart-api
                    label: "Restart the API"
                    rating: %s
                    why: "The dependency is still slow: the pool fills again."
                    act:
                      - {restart: api, down: 10s}
            """;

    private void decide(String timeoutRating, String restartRating) throws Exception {
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        Files.writeString(yaml, text + DECISION.formatted(timeoutRating, restartRating), StandardCharsets.UTF_8);
    }

    @Test
    void branchesAreListedWithTheirParentAndClock() throws Exception {
        decide("expert", "novice");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--list-variants")).isZero();
        assertThat(out.toString()).contains("add-timeout          action      from baseline at 10:03: ")
                .contains("restart-api          action      from baseline at 10:03: Restart the API (novice)");
    }

    @Test
    void aBranchRunsFromItsMomentAndShowsItsOutcome() throws Exception {
        decide("expert", "novice");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--variant", "add-timeout")).isZero();
        assertThat(out.toString()).contains("^ 10:03 act (from baseline)")
                .containsPattern("outcome at api \\(goodput >= 90% of normal [0-9.]+ ok/s, sustained 30s\\): recovered at 10:03:0[0-9]");
        out.getBuffer().setLength(0);
        Path json = tmp.resolve("restart.json");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--variant", "restart-api", "--out",
                json.toString())).isZero();
        String trace = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(trace).contains("\"branch\":{\"decision\":\"act\",\"from\":\"baseline\",\"at_ms\":300000")
                .contains("\"mitigated\":false").contains("\"recovered_at_ms\":null");
    }

    @Test
    void theModelGradesTheRatings() throws Exception {
        decide("novice", "expert");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--check")).isEqualTo(ExitCode.INVALID);
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        int restartRating = lineOf(text, "rating: expert");
        int timeoutRating = lineOf(text, "rating: novice");
        assertThat(err.toString())
                .contains("demo/problem.yaml:" + restartRating + ":")
                .contains("decisions[0].options[1].rating: rated expert, but in its simulation the api never recovers")
                .contains("demo/problem.yaml:" + timeoutRating + ":")
                .contains("decisions[0].options[0].rating: rated novice, yet it mitigates sooner than 'restart-api'");
        // a reason in `unless` lets a lower-rated option work better
        Files.writeString(yaml, text.replace("rating: novice", "rating: novice\n        unless: \"It hides the fault.\"")
                .replace("rating: expert", "rating: novice"), StandardCharsets.UTF_8);
        err.getBuffer().setLength(0);
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--check")).as(err.toString()).isZero();
    }

    @Test
    void mistakesInADecisionAreReportedAtTheirLines() throws Exception {
        String text = Files.readString(yaml, StandardCharsets.UTF_8) + DECISION.formatted("expert", "novice");
        text = text.replace("{restart: api, down: 10s}", "{restart: apu, down: 10s}")
                .replace("at: \"10:03\"\n    from: baseline", "at: \"10:03\"\n    from: basline")
                .replace("fallback: {latency: 1ms}", "fallbak: {latency: 1ms}");
        Files.writeString(yaml, text, StandardCharsets.UTF_8);
        assertThat(run("validate", bank.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString())
                .contains(":" + lineOf(text, "from: basline") + ":")
                .contains("decisions[0].from: a decision continues 'baseline' or an option of an earlier decision");
        // one error stops the branches being built, so each of these is checked on its own
        text = Files.readString(yaml, StandardCharsets.UTF_8).replace("from: basline", "from: baseline");
        Files.writeString(yaml, text, StandardCharsets.UTF_8);
        err.getBuffer().setLength(0);
        assertThat(run("validate", bank.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString())
                .contains(":" + lineOf(text, "restart: apu") + ":").contains("no 'apu' here")
                .contains(":" + lineOf(text, "fallbak") + ":").contains("fallbak");
    }

    @Test
    void aBranchThatWouldRunTooLongIsRefused() throws Exception {
        String text = Files.readString(yaml, StandardCharsets.UTF_8) + DECISION.formatted("expert", "novice");
        text = text.replace("until: \"10:10\"", "until: \"13:30\"").replace(
                "      - {restart: api, down: 10s}",
                "      - set: {services.api.calls.dependency.retry: {attempts: 50, on: [timeout]}}");
        Files.writeString(yaml, text, StandardCharsets.UTF_8);
        assertThat(run("validate", bank.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains(":" + lineOf(text, "- id: restart-api") + ":")
                .contains("decisions[0].options[1].id: this branch would process about")
                .contains("the limit is 2 × 10⁸");
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).as(needle).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
