package dev.warroom.cli;

import dev.warroom.Generator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom build}. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Validate the bank and publish the study site. A bank with errors is refused and the "
                + "previously published site is left untouched.")
final class BuildCommand implements Callable<Integer> {
    @Option(names = "--problems", defaultValue = "problems", paramLabel = "DIR",
            description = "The problem bank (default: ${DEFAULT-VALUE}).")
    Path problems;

    @Option(names = "--templates", defaultValue = "templates", paramLabel = "DIR",
            description = "Mustache templates, CSS and JS of the site (default: ${DEFAULT-VALUE}).")
    Path templates;

    @Option(names = "--out", defaultValue = "site/target/site", paramLabel = "DIR",
            description = "Where the site is published (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--zip", paramLabel = "FILE", description = "Also write a zip of the site here.")
    Path zip;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!java.nio.file.Files.isDirectory(templates)) {
            throw new UserError("no templates folder at " + templates + " (set it with --templates)");
        }
        var result = Generator.build(new Generator.BuildOptions(problems, templates, out(), zip,
                line -> out.println("  " + line)));
        out.printf("published %d pages (%,d bytes) to %s in %.1f s%n", result.pages(), result.bytes(),
                this.out, result.wallMs() / 1000.0);
        out.println("open " + this.out.resolve("index.html").toAbsolutePath().toUri());
        return ExitCode.OK;
    }

    private Path out() {
        return out;
    }
}
