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

/** {@code warroom simulate} on a scaffolded problem (small and quick): summary, trace files, checks, exit codes. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path bank;

    @BeforeEach
    void scaffold() {
        bank = tmp.resolve("bank");
        assertThat(run("new", "demo", "--problems", bank.toString())).isZero();
        out.getBuffer().setLength(0);
    }

    @Test
    void withoutOutItPrintsTheSummary() {
        assertThat(run("simulate", "demo", "--problems", bank.toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("demo / baseline / seed 1").contains("health, one character per")
                .contains("pool_exhausted").contains("M events/s");
    }

    @Test
    void writesJsonAndCsv() throws Exception {
        Path json = tmp.resolve("out/trace.json");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--seed", "7", "--out", json.toString()))
                .isEqualTo(ExitCode.OK);
        assertThat(Files.readString(json, StandardCharsets.UTF_8)).startsWith("{\"problem\":\"demo\",\"variant\":\"baseline\",\"seed\":7,")
                .contains("\"p99_ms\"").contains("\"events\":[").contains("\"stats\":{\"events_processed\"");
        Path csv = tmp.resolve("trace.csv");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--format", "csv", "--out", csv.toString()))
                .isEqualTo(ExitCode.OK);
        assertThat(Files.readAllLines(csv).get(0)).startsWith("service,kind,t_ms,clock,arrivals,ok,");
    }

    @Test
    void unknownProblemOrVariantExitsTwoWithASuggestion() {
        assertThat(run("simulate", "dmeo", "--problems", bank.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("no problem 'dmeo'").contains("did you mean 'demo'?");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--variant", "basline")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("no variant 'basline'").contains("did you mean 'baseline'?");
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--format", "xml")).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void listsVariants() {
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--list-variants")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("baseline");
    }

    @Test
    void checkPassesAndFailsWithLocatedErrors() throws Exception {
        Path yaml = bank.resolve("demo/problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        Files.writeString(yaml, text + "\nclaims:\n  - text: \"The API keeps up\"\n    check: \"throughput(api, 10:03, 10:05) >= 400\"\n"
                + "  - text: \"The API is saturated\"\n    check: \"active(api, 10:04) = 100\"\n", StandardCharsets.UTF_8);
        assertThat(run("simulate", "demo", "--problems", bank.toString(), "--check")).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("FAIL  claim    The API keeps up").contains("PASS  claim    The API is saturated")
                .contains("2 checked, 1 failed");
        assertThat(err.toString()).contains("demo/problem.yaml:").contains(": claims[0].check: does not hold in the baseline trace");
    }
}
