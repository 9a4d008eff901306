package dev.warroom.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warroom simulate}: not built yet; says so and exits 1. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Simulate a problem's outage and write its trace. (Not available yet in this version.)")
final class SimulateCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'warroom simulate' is not available yet in this version");
    }
}
