package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import dev.warroom.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bank's rubric, rubric.yaml beside the problem folders: read once, validated with located errors. */
class RubricTest {
    @TempDir
    Path bank;

    @Test
    void theBanksRubricIsTheSeedsFourDimensions() throws Exception {
        Bank b = Bank.load(Golden.root().resolve("problems"));
        assertThat(b.rubric()).extracting(Study.Dimension::id)
                .containsExactly("incident-response", "system-thinking", "mitigation-speed", "postmortem-quality");
        assertThat(b.rubric().get(2).novice()).isEqualTo("\"Restart everything\"");
        // every problem is graded on it, and a single problem folder loads with its bank's
        b.problems().forEach(p -> assertThat(p.study().rubric()).isEqualTo(b.rubric()));
        Bank single = Bank.load(Golden.root().resolve("problems/bank-api-slow"));
        assertThat(single.rubric()).isEqualTo(b.rubric());
        // the kit's, for a bank without a rubric.yaml, is the same file
        assertThat(Rubric.kit()).isEqualTo(b.rubric());
    }

    @Test
    void aBankWithoutARubricGetsTheKits() throws Exception {
        Scaffold.create(bank, "demo");
        assertThat(Bank.load(bank).rubric()).isEqualTo(Rubric.kit());
    }

    @Test
    void aBanksOwnRubricIsUsedAndItsDimensionsAreTheOnlyOnes() throws Exception {
        Scaffold.create(bank, "demo");
        Files.writeString(bank.resolve("rubric.yaml"), """
                dimensions:
                  - {id: incident-response, title: Command, novice: a, intermediate: b, expert: c}
                """, StandardCharsets.UTF_8);
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e).isNotNull();
        assertThat(e.errors()).extracting(BankError::message)
                .anyMatch(m -> m.startsWith("unknown rubric dimension 'system-thinking'"));
    }

    @Test
    void reportsEveryErrorOfTheRubricWithItsLine() throws Exception {
        Scaffold.create(bank, "demo");
        Files.writeString(bank.resolve("rubric.yaml"), """
                dimensions:
                  - id: incident-response
                    title: Incident Response
                    novice: a
                    intermediate: b
                    expert: c
                  - id: incident-response
                    title: Again
                    novice: a
                    intermediate: b
                    expret: c
                  - id: System Thinking
                    title: System Thinking
                    novice: a
                    intermediate: b
                    expert: c
                levels: 3
                """, StandardCharsets.UTF_8);
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e).isNotNull();
        String report = e.errors().stream().filter(x -> x.file().endsWith("rubric.yaml")).map(BankError::toString)
                .map(s -> s.replace(bank.toString().replace('\\', '/'), "BANK"))
                .collect(Collectors.joining("\n", "", "\n"));
        Golden.assertMatches("validation/rubric-errors.txt", report);
    }

    @Test
    void anEmptyOrMalformedRubricIsALocatedError() throws Exception {
        Scaffold.create(bank, "demo");
        Files.writeString(bank.resolve("rubric.yaml"), "dimensions: []\n", StandardCharsets.UTF_8);
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e.errors()).extracting(BankError::toString)
                .anyMatch(s -> s.endsWith("rubric.yaml:1:13: dimensions: needs at least one dimension"));
        Files.writeString(bank.resolve("rubric.yaml"), "dimensions: [\n", StandardCharsets.UTF_8);
        e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e.errors()).extracting(BankError::toString).anyMatch(s -> s.contains("rubric.yaml:"));
    }
}
