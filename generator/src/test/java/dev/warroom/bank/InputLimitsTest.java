package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are bad as bytes or by size, not by content: each a located error. */
class InputLimitsTest {
    @TempDir
    Path bank;

    @Test
    void aFileThatIsNotUtf8NamesTheByteAndItsPlace() throws Exception {
        Path yaml = Scaffold.create(bank, "demo").resolve("problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8).replace("title: \"Demo\"", "title: \"Caf\u00e9\"");
        Files.write(yaml, text.getBytes(StandardCharsets.ISO_8859_1));
        int offset = text.indexOf('\u00e9');
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;

        BankError e = single();

        assertThat(e.file()).endsWith("demo/problem.yaml");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(offset - text.lastIndexOf('\n', offset));
        assertThat(e.message()).isEqualTo("the file must be UTF-8: byte 0xE9 at byte offset " + offset
                + " is not valid UTF-8 (save the file as UTF-8)");
    }

    @Test
    void aWalkthroughThatIsNotUtf8IsLocatedToo() throws Exception {
        Path md = Scaffold.create(bank, "demo").resolve("walkthrough.md");
        Files.write(md, new byte[] {'#', ' ', 'x', '\n', 'a', (byte) 0xC3, '(', '\n'});

        BankError e = single();

        assertThat(e.toString()).endsWith("demo/walkthrough.md:2:2: the file must be UTF-8: byte 0xC3 at byte offset 5"
                + " is not valid UTF-8 (save the file as UTF-8)");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeParsing() throws Exception {
        Path yaml = Scaffold.create(bank, "demo").resolve("problem.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "#" + "x".repeat(Limits.MAX_FILE_CHARS) + "\n");

        assertThat(single().message()).startsWith("is too large (").endsWith("the limit is 1,000,000 characters");
    }

    private BankError single() {
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e).as("loading must fail").isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }
}
