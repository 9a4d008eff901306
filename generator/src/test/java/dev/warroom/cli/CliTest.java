package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: output, errors and exit codes through picocli's execute. */
class CliTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void newScaffoldsAProblemThatValidates() {
        assertThat(run("new", "cache-stampede", "--problems", tmp.toString())).isEqualTo(ExitCode.OK);
        assertThat(tmp.resolve("cache-stampede/problem.yaml")).exists();
        assertThat(run("validate", tmp.toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("ok: 1 problem, 2 scenarios");
    }

    @Test
    void newRefusesABadIdAndAnExistingFolder() {
        assertThat(run("new", "Bad_Id", "--problems", tmp.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("lowercase letters, digits and '-'").doesNotContain("at dev.warroom");
        run("new", "twice", "--problems", tmp.toString());
        assertThat(run("new", "twice", "--problems", tmp.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("already exists");
    }

    @Test
    void invalidBankExitsTwoWithEveryLocatedErrorAndNoStackTrace() throws Exception {
        run("new", "demo", "--problems", tmp.toString());
        Path yaml = tmp.resolve("demo/problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        Files.writeString(yaml, text.replace("    threads: 100\n", "    threads: -5\n    threds: 4\n")
                .replace("estimated_minutes: 30", "estimated_minutes: [30"), StandardCharsets.UTF_8);

        assertThat(run("validate", tmp.toString())).isEqualTo(ExitCode.INVALID);

        assertThat(err.toString().lines().filter(l -> l.contains("demo/problem.yaml:")))
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).contains(":11:5: malformed YAML"))
                .anySatisfy(l -> assertThat(l).contains(":33:14: services.api.threads: must be a positive integer, got -5"))
                .anySatisfy(l -> assertThat(l).contains(":34:5: services.api.threds: unknown key 'threds'; did you mean 'threads'?"));
        assertThat(err.toString()).contains("3 errors in the problem bank.").doesNotContain("Exception");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("validate", "--no-such-option")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("Unknown option");
        assertThat(run("frobnicate")).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void aMissingBankIsInvalidInput() {
        assertThat(run("validate", tmp.resolve("nowhere").toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("no such folder");
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String cmd : new String[] {"build", "validate", "simulate", "render", "new", "serve"}) {
            out.getBuffer().setLength(0);
            assertThat(run(cmd, "--help")).as(cmd + " --help").isEqualTo(ExitCode.OK);
            assertThat(out.toString()).contains("Usage: warroom " + cmd);
            out.getBuffer().setLength(0);
            assertThat(run(cmd, "--version")).as(cmd + " --version").isEqualTo(ExitCode.OK);
            assertThat(out.toString()).startsWith("warroom ");
        }
        out.getBuffer().setLength(0);
        assertThat(run("--version")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("warroom ");
    }

    @Test
    void internalErrorsPrintOneLineUnlessVerbose() throws Exception {
        run("new", "demo", "--problems", tmp.resolve("bank").toString());
        Path templates = tmp.resolve("templates");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("layout.mustache"), "{{{body}}}");
        // index.mustache is missing: the template engine fails, which is not the user's bank's fault
        assertThat(run("build", "--problems", tmp.resolve("bank").toString(), "--templates", templates.toString(),
                "--out", tmp.resolve("out").toString(), "--media", "none")).isEqualTo(ExitCode.INTERNAL);
        assertThat(err.toString()).startsWith("internal error: ").doesNotContain("\tat ");
        assertThat(run("build", "--verbose", "--problems", tmp.resolve("bank").toString(), "--templates", templates.toString(),
                "--out", tmp.resolve("out").toString(), "--media", "none")).isEqualTo(ExitCode.INTERNAL);
        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void buildPublishesTheSiteAndAFailedBuildLeavesItIntact() throws Exception {
        Path templates = Golden.root().resolve("templates");
        Path site = tmp.resolve("site");
        run("new", "demo", "--problems", tmp.resolve("bank").toString());
        assertThat(run("build", "--problems", tmp.resolve("bank").toString(), "--templates", templates.toString(),
                "--out", site.toString(), "--zip", tmp.resolve("site.zip").toString(), "--media", "frames",
                "--no-cache")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("simulated demo: 2 variants").contains("2 renders (0 from the cache");
        String index = Files.readString(site.resolve("index.html"));
        assertThat(index).contains("Demo").contains("problems/demo.html");
        assertThat(site.resolve("problems/demo.html")).exists();
        assertThat(tmp.resolve("site.zip")).exists();
        byte[] zip = Files.readAllBytes(tmp.resolve("site.zip"));

        // break the bank: the build is refused, the published site stays as it was
        Path yaml = tmp.resolve("bank/demo/problem.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("threads: 100", "threads: -1"));
        assertThat(run("build", "--problems", tmp.resolve("bank").toString(), "--templates", templates.toString(),
                "--out", site.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo(index);
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("staging"));
        }

        // same bank again: the same zip, byte for byte
        Files.writeString(yaml, Files.readString(yaml).replace("threads: -1", "threads: 100"));
        assertThat(run("build", "--problems", tmp.resolve("bank").toString(), "--templates", templates.toString(),
                "--out", site.toString(), "--zip", tmp.resolve("site.zip").toString(), "--media", "frames",
                "--no-cache")).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllBytes(tmp.resolve("site.zip"))).isEqualTo(zip);
    }

    @Test
    void buildShowsTheSimulatedFramesOnTheProblemPage() throws Exception {
        Path bank = tmp.resolve("bank");
        Path site = tmp.resolve("site");
        run("new", "demo", "--problems", bank.toString());
        assertThat(run("build", "--problems", bank.toString(), "--templates", Golden.root().resolve("templates").toString(),
                "--out", site.toString(), "--media", "frames", "--no-cache")).isEqualTo(ExitCode.OK);
        String page = Files.readString(site.resolve("problems/demo.html"));
        try (var frames = Files.list(site.resolve("media/demo/baseline"))) {
            List<String> names = frames.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".svg")).toList();
            assertThat(names).hasSizeGreaterThan(10);
            assertThat(names).allSatisfy(n -> assertThat(page).contains("media/demo/baseline/" + n));
        }
        assertThat(page).doesNotContain("<video");
    }

    @Test
    void buildRefusesABankWhoseClaimsDisagreeWithItsSimulation() throws Exception {
        Path bank = tmp.resolve("bank");
        Path site = tmp.resolve("site");
        run("new", "demo", "--problems", bank.toString());
        Path yaml = bank.resolve("demo/problem.yaml");
        String text = Files.readString(yaml);
        // 100 workers each held 10 s by the hung dependency serve about 10 req/s, not 400
        Files.writeString(yaml, text + """
                claims:
                  - text: "The API keeps serving 400 req/s while the dependency hangs"
                    variant: baseline
                    check: "throughput(api, 10:02, 10:05) = 400 +- 5%"
                """);
        long checkLine = text.lines().count() + 4;
        assertThat(run("build", "--problems", bank.toString(), "--templates", Golden.root().resolve("templates").toString(),
                "--out", site.toString(), "--media", "none")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("problem.yaml:" + checkLine).contains("400").doesNotContain("\tat ");
        assertThat(site).doesNotExist();
    }

    @Test
    void buildRefusesABaseUrlThatIsNotAnAbsoluteHttpUrl() {
        Path bank = tmp.resolve("bank");
        run("new", "demo", "--problems", bank.toString());
        for (String bad : new String[] {"ftp://example.org/kit/", "courses/warroom", "https://example.org/kit?x=1"}) {
            assertThat(run("build", "--problems", bank.toString(), "--templates",
                    Golden.root().resolve("templates").toString(), "--out", tmp.resolve("site").toString(),
                    "--base-url", bad)).as(bad).isEqualTo(ExitCode.INVALID);
            assertThat(err.toString()).contains("--base-url").contains(bad).doesNotContain("\tat ");
        }
        assertThat(tmp.resolve("site")).doesNotExist();
    }

    @Test
    void buildRefusesVideosOfAnUnknownProblem() {
        Path bank = tmp.resolve("bank");
        run("new", "demo", "--problems", bank.toString());
        assertThat(run("build", "--problems", bank.toString(), "--templates", Golden.root().resolve("templates").toString(),
                "--out", tmp.resolve("site").toString(), "--videos", "dmeo")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--videos").contains("'dmeo'").contains("demo");
        assertThat(tmp.resolve("site")).doesNotExist();
    }

    @Test
    void anUnknownMediaOrEncoderIsTheUsersToFix() {
        // before, --media foo escaped the converter as an IllegalArgumentException: an internal error
        assertThat(run("build", "--media", "foo")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--media").contains("expected all, frames or none, got 'foo'")
                .doesNotContain("\tat ");
        assertThat(run("build", "--encoder", "x265")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("--encoder").contains("expected auto, ffmpeg or humble, got 'x265'");
        assertThat(run("render", "--encoder", "vlc")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("expected auto, ffmpeg or humble, got 'vlc'");
    }
}
