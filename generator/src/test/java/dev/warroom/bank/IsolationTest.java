package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One problem that crashes or hangs the validator does not hide the other problems' errors (issue 19.8). */
class IsolationTest {
    @TempDir
    Path bank;

    @Test
    void aCrashAndAHangBecomeLocatedInternalErrorsAndTheOthersAreStillReported() throws Exception {
        for (String id : List.of("crashes", "hangs", "invalid", "valid")) {
            Scaffold.create(bank, id);
        }
        Path invalid = bank.resolve("invalid/problem.yaml");
        Files.writeString(invalid, Files.readString(invalid, StandardCharsets.UTF_8).replace("threads: 100", "threads: -5"),
                StandardCharsets.UTF_8);
        Bank.Reader defective = (folder, display, errors) -> {
            switch (folder.getFileName().toString()) {
                case "crashes" -> throw new StackOverflowError();
                case "hangs" -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }
                default -> {
                    return ProblemReader.read(folder, display, errors);
                }
            }
        };

        BankException e = catchThrowableOfType(BankException.class,
                () -> Bank.load(bank, defective, Duration.ofSeconds(2)));

        assertThat(e).isNotNull();
        assertThat(e.errors()).extracting(BankError::toString).satisfiesExactly(
                s -> assertThat(s).endsWith("crashes/problem.yaml: internal error: validating this problem failed with"
                        + " StackOverflowError; the other problems were checked (please report this with the file)"),
                s -> assertThat(s).endsWith("hangs/problem.yaml: internal error: validating this problem took longer"
                        + " than 2 s; the other problems were checked (please report this with the file)"),
                s -> assertThat(s).endsWith("invalid/problem.yaml:33:14: services.api.threads: must be a positive integer,"
                        + " got -5"));
    }
}
