package dev.warroom.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warroom serve}: not built yet; says so and exits 1. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Preview the study site on localhost, rebuilding on change. (Not available yet in this version.)")
final class ServeCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'warroom serve' is not available yet in this version");
    }
}
