package dev.warroom.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code warroom render}: not built yet; says so and exits 1. */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Render a problem's cascade as SVG frames and MP4 video. (Not available yet in this version.)")
final class RenderCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Mixin
    Common common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("'warroom render' is not available yet in this version");
    }
}
