package dev.warroom.cli;

import dev.warroom.Generator;
import dev.warroom.TraceMemo;
import dev.warroom.render.RenderOptions;
import dev.warroom.site.PreviewServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom serve}: builds, serves on localhost, rebuilds on change and reloads the page. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Preview the study site on localhost. Rebuilds when a file under --problems or --templates "
                + "changes and reloads the open pages. Stop with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8000", paramLabel = "N",
            description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    SiteSources sources;

    @Option(names = "--out", defaultValue = "site/target/preview", paramLabel = "DIR",
            description = "Where the preview is published (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--media", defaultValue = "frames", paramLabel = "all|frames|none",
            converter = BuildCommand.MediaConverter.class,
            description = "What to render: SVG frames only (frames: a rebuild takes seconds), videos too (all), "
                    + "or nothing (none) (default: ${DEFAULT-VALUE}).")
    Generator.Media media;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        sources.requireTemplates();
        // the whole pipeline; unchanged variants are not simulated again and their pictures come from the render cache
        TraceMemo traces = new TraceMemo(dev.warroom.cache.TraceCache.standard());
        Callable<?> build = () -> Generator.build(new Generator.BuildOptions(sources.problems, sources.templates, out,
                null, media, null, RenderOptions.defaults(), traces, line -> w.println("  " + line)));
        try (PreviewServer server = PreviewServer.start(port, out, List.of(sources.problems, sources.templates), build, line -> {
            w.println(line);
            w.flush();
        })) {
            w.printf(java.util.Locale.ROOT, "serving %s on http://localhost:%d/ (watching %s and %s; Ctrl-C to stop)%n",
                    out, server.port(),
                    sources.problems, sources.templates);
            w.flush();
            new CountDownLatch(1).await();
        }
        return ExitCode.OK;
    }
}
