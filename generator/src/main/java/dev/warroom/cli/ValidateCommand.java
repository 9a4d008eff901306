package dev.warroom.cli;

import dev.warroom.Generator;
import dev.warroom.bank.Bank;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom validate [path]}. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Check every problem of the bank (or one problem folder) and report every error at once.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "problems", paramLabel = "PATH",
            description = "The problem bank or one problem folder (default: ${DEFAULT-VALUE}).")
    Path path;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Bank bank = Generator.validate(path);
        int variants = bank.problems().stream().mapToInt(p -> p.variants().size() + 1).sum();
        int branches = bank.problems().stream().mapToInt(p -> p.branches().size()).sum();
        int decisions = bank.problems().stream().mapToInt(p -> p.decisions().size()).sum();
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "ok: %d problem%s, %d scenario%s (baseline and variants), %d decision%s with %d option%s in %s%n",
                bank.problems().size(), bank.problems().size() == 1 ? "" : "s", variants, variants == 1 ? "" : "s",
                decisions, decisions == 1 ? "" : "s", branches, branches == 1 ? "" : "s", path);
        return ExitCode.OK;
    }
}
