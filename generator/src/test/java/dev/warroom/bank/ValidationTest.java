package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import dev.warroom.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each validation rule on a broken copy of the scaffold problem, with the exact messages
 * expected in golden files ({@code golden/validation/<case>.txt}).
 */
class ValidationTest {
    @TempDir
    Path bank;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, text to find in the scaffold, replacement
                Arguments.of("unknown-key", "    threads: 100\n", "    threads: 100\n    thread_count: 4\n"),
                Arguments.of("negative-threads", "threads: 100", "threads: -5"),
                Arguments.of("wrong-type", "rate: 500", "rate: lots"),
                Arguments.of("out-of-range", "dependency: {timeout: none}", "dependency: {timeout: none, probability: 1.5}"),
                Arguments.of("yaml-syntax", "estimated_minutes: 30", "estimated_minutes: [30"),
                Arguments.of("dangling-edge", "dependency: {timeout: none}", "dependncy: {timeout: none}"),
                Arguments.of("unknown-entry", "  - entry: api", "  - entry: apy"),
                Arguments.of("hint-for-unknown-phase", "    phase: system-thinking\n", "    phase: system-thinkng\n"),
                Arguments.of("variant-unknown-path", "services.api.calls.dependency.timeout",
                        "services.apii.calls.dependency.timeout"),
                Arguments.of("variant-unknown-field", "services.api.calls.dependency.timeout: 500ms",
                        "services.api.calls.dependency.timout: 500ms"),
                Arguments.of("variant-bad-value", "services.api.calls.dependency.timeout: 500ms",
                        "services.api.calls.dependency.timeout: soon"),
                Arguments.of("call-cycle", "    calls:\n      dependency: {timeout: none}\n",
                        "    calls:\n      dependency: {timeout: none}\n      worker: {}\n"
                                + "  worker:\n    name: Worker\n    threads: 10\n    calls:\n      api: {}\n"),
                Arguments.of("duplicate-ids", "  - id: mitigation-speed\n", "  - id: system-thinking\n"),
                Arguments.of("duplicate-key", "seed: 1\n", "seed: 1\nseed: 2\n"),
                Arguments.of("bad-duration", "duration: 10m", "duration: ten minutes"),
                Arguments.of("bad-enum", "difficulty: medium", "difficulty: medum"),
                Arguments.of("unknown-dimension", "dimensions: {incident-response: intermediate}",
                        "dimensions: {incident-responce: intermediate}"),
                Arguments.of("single-choice-two-correct", "Restart everything\", feedback",
                        "Restart everything\", correct: true, feedback"),
                Arguments.of("missing-field", "    name: API\n", ""),
                // the right option may not be the longest in more than half of the choice questions
                Arguments.of("right-answer-longest", "Page every team lead and wait for their reports", "Wait"),
                Arguments.of("three-at-once", "    threads: 100\n", "    threads: -5\n    threds: 4\n"
                        + "    queue: {capacity: 200, order: fifo\n"),
                // the blanked line's children would be read as services: their errors are the recovery's invention
                Arguments.of("yaml-syntax-nothing-invented", "  api:\n    name: API\n", "  api: {\n    name: API\n"),
                // limits (issue 18): each a located error, none a stack trace or a hang
                Arguments.of("alias-loop", "seed: 1\n", "seed: 1\nloop: &a [1, *a]\n"),
                Arguments.of("alias-bomb", "seed: 1\n", "seed: 1\n" + aliasBomb(6, 8)),
                Arguments.of("too-many-aliases", "seed: 1\n", "seed: 1\n" + aliasBomb(2, 30)),
                Arguments.of("yaml-too-deep", "seed: 1\n", "seed: 1\ndeep: " + "[".repeat(60) + "]".repeat(60) + "\n"),
                Arguments.of("value-too-long", "title: \"Demo\"", "title: \"" + "x".repeat(100_001) + "\""),
                Arguments.of("metric-too-deep", "resources:\n", claim("(".repeat(30) + "1" + ")".repeat(30) + " = 1")
                        + "resources:\n"),
                Arguments.of("metric-too-long", "resources:\n", claim("1" + " + 1".repeat(200) + " = 1") + "resources:\n"),
                Arguments.of("capacity-none", "queue: {capacity: 200", "queue: {capacity: none"),
                Arguments.of("duration-below-1ms", "processing: {dist: exponential, mean: 5ms}", "processing: 0.0004s"),
                Arguments.of("duration-fraction", "dependency: {timeout: none}", "dependency: {timeout: 0.4ms}"),
                // a pick names a service or external of the baseline, and picks on the topology or a dashboard
                Arguments.of("pick-unknown-answer", "resources:\n",
                        PICK.replace("ANSWER", "dependancy").replace("ON", "topology")),
                Arguments.of("pick-bad-on", "resources:\n", PICK.replace("ANSWER", "api").replace("ON", "map")),
                // the rubric is the bank's (rubric.yaml): a problem's own block says where it went
                Arguments.of("rubric-in-problem", "resources:\n", "rubric:\n  - {id: x, title: X, novice: a, "
                        + "intermediate: b, expert: c}\nresources:\n"),
                Arguments.of("duration-too-long", "dependency: {timeout: none}",
                        "dependency: {timeout: 9223372036854775807ms, deadline: 99999999999999999999h}"));
    }

    /** A pick question appended to the scaffold's quiz (which ends before its resources). */
    static final String PICK = "  - id: where\n    type: pick\n    on: ON\n    prompt: \"Click where it starts\"\n"
            + "    dimensions: {system-thinking: expert}\n    answer: ANSWER\n\nresources:\n";

    /** Levels of lists, each with {@code width} aliases to the level below: width^levels values. */
    static String aliasBomb(int levels, int width) {
        StringBuilder s = new StringBuilder("bomb:\n  l0: &l0 [" + "x, ".repeat(width - 1) + "x]\n");
        for (int i = 1; i <= levels; i++) {
            s.append("  l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(width, "*l" + (i - 1)))).append("]\n");
        }
        return s.toString();
    }

    static String claim(String check) {
        return "claims:\n  - text: \"A claim\"\n    variant: baseline\n    check: \"" + check + "\"\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryErrorWithItsLocation(String name, String find, String replace) throws Exception {
        Path dir = Scaffold.create(bank, "demo");
        Path yaml = dir.resolve("problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        assertThat(text).as("the case's anchor text is in the scaffold").contains(find);
        Files.writeString(yaml, text.replace(find, replace), StandardCharsets.UTF_8);

        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));

        assertThat(e).as("loading must fail").isNotNull();
        String report = e.errors().stream().map(BankError::toString)
                .map(s -> s.replace(bank.toString().replace('\\', '/'), "BANK"))
                .collect(Collectors.joining("\n", "", "\n"));
        Golden.assertMatches("validation/" + name + ".txt", report);
    }

    @Test
    void theScaffoldValidates() throws IOException, BankException {
        Scaffold.create(bank, "fresh-problem");
        Bank loaded = Bank.load(bank);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("fresh-problem");
            assertThat(p.variants()).containsKey("with-timeout");
            assertThat(p.scenario("with-timeout").services().get("api").calls().get("dependency").timeoutMs())
                    .isEqualTo(500);
            assertThat(p.baseline().services().get("api").calls().get("dependency").timeoutMs())
                    .isEqualTo(Scenario.NO_TIMEOUT);
        });
    }

    @Test
    void aFolderNameAndIdMismatchIsAnError() throws IOException {
        Path dir = Scaffold.create(bank, "one");
        Files.move(dir, bank.resolve("two"));
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e.errors()).extracting(BankError::message)
                .containsExactly("must equal the folder name 'two', got 'one'");
    }

    @Test
    void anEmptyBankSaysHowToStart() {
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e.errors()).singleElement().extracting(BankError::message).asString()
                .contains("warroom new <id>");
    }
}
