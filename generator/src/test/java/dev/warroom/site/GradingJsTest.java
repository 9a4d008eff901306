package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the grading module's unit tests ({@code js/test}, node --test); skipped only when node is absent. */
class GradingJsTest {
    @TempDir
    Path tmp;

    @Test
    void nodeTestsPass() throws Exception {
        Path js = Golden.root().resolve("js");
        // the fixtures the node tests check the JS against: the quiz exports of a built site
        Path site = SiteFixture.build(tmp);
        Path exports = site.resolve("exports");
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(exports.resolve("expected.json").toFile(),
                QuizExportTest.expectations(SiteFixture.bank().problem("bank-api-slow")));
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "test/").directory(js.toFile()).redirectErrorStream(true);
            pb.environment().put("WARROOM_EXPORTS", exports.toString());
            pb.environment().put("WARROOM_GRADING_FIXTURES", dev.warroom.bank.ToleranceTest.writeFixtures().toString());
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "node is not installed: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("# fail 0");
        assertThat(out).doesNotContain("WARROOM_EXPORTS not set").doesNotContain("no fixtures at");
    }
}
