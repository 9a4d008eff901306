package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build refuses a problem whose right answers can be told by their length. */
class AnswerByLengthTest {
    @TempDir
    Path bank;

    record Opt(String text, boolean right) {
    }

    static java.util.Optional<AnswerByLength.Giveaway> giveaway(Opt... options) {
        return AnswerByLength.giveaway("q", List.of(options), Opt::right, o -> AnswerByLength.length(o.text()));
    }

    @Test
    void aRightOptionStrictlyLongestIsAGiveaway() {
        assertThat(giveaway(new Opt("the long right one", true), new Opt("short", false)))
                .hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("q (18 vs 5 characters)"));
    }

    @Test
    void aTieOrALongerWrongOptionGivesNothingAway() {
        assertThat(giveaway(new Opt("same", true), new Opt("size", false))).isEmpty();
        assertThat(giveaway(new Opt("right", true), new Opt("a longer wrong one", false))).isEmpty();
        // several right options (a decision point's expert ones): the longest of them counts
        assertThat(giveaway(new Opt("ok", true), new Opt("a long right one", true), new Opt("a wrong one", false)))
                .isPresent();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertThat(AnswerByLength.length("p99 → 30 s 🔥")).isEqualTo(12);
    }

    @Test
    void halfOfTheQuestionsMayGiveItAway() throws Exception {
        // the scaffold's one question gives nothing away; a second whose right answer is longest makes 1 of 2
        Path yaml = Scaffold.create(bank, "demo").resolve("problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        String second = "  - id: second\n    type: single\n    prompt: \"Why?\"\n"
                + "    dimensions: {system-thinking: expert}\n    choices:\n"
                + "      - {text: \"Every worker waits on the slow call\", correct: true}\n"
                + "      - {text: \"Bad luck\"}\n";
        Files.writeString(yaml, text.replace("\nresources:\n", "\n" + second + "\nresources:\n"), StandardCharsets.UTF_8);
        assertThatCode(() -> Bank.load(bank)).doesNotThrowAnyException();

        // and a third like it makes 2 of 3: refused, at the quiz, naming both questions
        String third = second.replace("id: second", "id: third");
        Files.writeString(yaml, Files.readString(yaml).replace("\nresources:\n", "\n" + third + "\nresources:\n"),
                StandardCharsets.UTF_8);
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.toString()).contains("quiz").contains("2 of 3")
                    .contains("quiz second (35 vs 8 characters)").contains("quiz third (35 vs 8 characters)");
            assertThat(err.line()).isPositive();
        });
    }
}
