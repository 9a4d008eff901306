package dev.warroom.cli;

import dev.warroom.Generator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom new <id>}. */
@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Scaffold a new problem that validates at once: problem.yaml and walkthrough.md.")
final class NewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The new problem's id: lowercase letters, digits and '-'.")
    String id;

    @Option(names = "--problems", defaultValue = "problems", paramLabel = "DIR",
            description = "The problem bank (default: ${DEFAULT-VALUE}).")
    Path problems;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir;
        try {
            dir = Generator.newProblem(problems, id);
        } catch (IllegalArgumentException | java.nio.file.FileAlreadyExistsException e) {
            throw new UserError(e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.println("created " + dir.resolve("problem.yaml"));
        out.println("created " + dir.resolve("walkthrough.md"));
        out.println("next: edit them, then run: warroom validate " + dir);
        return ExitCode.OK;
    }
}
