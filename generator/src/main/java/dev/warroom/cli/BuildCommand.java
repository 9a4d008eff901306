package dev.warroom.cli;

import dev.warroom.Generator;
import dev.warroom.render.RenderOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom build}. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Validate the bank, simulate every variant, check every number the problems state against "
                + "their traces, render the animations and publish the study site.",
                "A bank with errors is refused and the previously published site is left untouched. "
                + "Unchanged animations come from the render cache."})
final class BuildCommand implements Callable<Integer> {
    @Mixin
    SiteSources sources;

    @Option(names = "--out", defaultValue = "site/target/site", paramLabel = "DIR",
            description = "Where the site is published (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--zip", paramLabel = "FILE", description = "Also write a zip of the site here.")
    Path zip;

    @Option(names = "--media", defaultValue = "all", paramLabel = "all|frames|none",
            converter = MediaConverter.class,
            description = "What to render: videos and SVG frames (all), SVG frames only (frames: fast), "
                    + "or nothing (none) (default: ${DEFAULT-VALUE}).")
    Generator.Media media;

    @Option(names = "--videos", defaultValue = "all", paramLabel = "all|ID[,ID...]",
            description = "With --media all: the problems that get videos; the others get SVG frames "
                    + "(default: ${DEFAULT-VALUE}).")
    String videos;

    @Option(names = "--fps", defaultValue = "30", description = "Video frames per second (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--encoder", paramLabel = "auto|ffmpeg|humble", defaultValue = "auto", converter = EncoderConverter.class,
            description = "H.264 encoder: ffmpeg (the command line, through a pipe), humble (Humble Video, in process), "
                    + "or auto: ffmpeg when on the PATH, else Humble Video; with neither, SVG frames only "
                    + "(default: ${DEFAULT-VALUE}).")
    dev.warroom.render.EncoderChoice encoder;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Render cache, kept outside target/ so `mvn clean` keeps it; traces are kept beside it in "
                    + "DIR/../traces (default: .warroom-cache/render at the repository root).")
    Path cache;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Where the site will be hosted (https://host/path/): the embed snippets then carry "
                    + "absolute URLs. Without it they are relative, and absolute once a page is served from a host.")
    String baseUrl;

    @Option(names = "--no-cache", description = "Simulate and render everything again, and do not keep the results.")
    boolean noCache;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        sources.requireTemplates();
        if (fps < 1 || fps > 120) {
            throw new UserError("--fps: must be 1..120, got " + fps);
        }
        String base = baseUrl == null ? null : BaseUrl.check(baseUrl);
        RenderOptions render = RenderOptions.defaults().withFps(fps).withEncoder(encoder);
        if (noCache || cache != null) {
            render = render.withCacheDir(noCache ? null : cache);
        }
        Set<String> videoProblems = "all".equals(videos) ? null
                : new LinkedHashSet<>(Arrays.asList(videos.split("\\s*,\\s*")));
        Generator.BuildResult result;
        try {
            result = Generator.build(new Generator.BuildOptions(sources.problems, sources.templates, out, zip, media,
                    videoProblems, render, traces(), line -> {
                        w.println("  " + line);
                        w.flush();
                    }, base));
        } catch (Generator.UnknownProblem e) {
            throw new UserError("--videos: " + e.getMessage());
        } catch (Generator.NoEncoder e) {
            throw new UserError("--encoder " + encoder.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
        }
        w.printf(Locale.ROOT, "published %d pages (%,d bytes) to %s in %.1f s%n", result.pages(), result.bytes(), out,
                result.wallMs() / 1000.0);
        w.printf(Locale.ROOT, "  %,d simulation events; %d renders (%d from the cache, %,d video frames encoded)%n",
                result.events(), result.rendered() + result.cached(), result.cached(), result.videoFrames());
        w.println("  " + result.timings());
        w.println("open " + out.resolve("index.html").toAbsolutePath().toUri());
        return ExitCode.OK;
    }

    /** Traces kept on disk beside the render cache, or in memory only with {@code --no-cache}. */
    private dev.warroom.TraceMemo traces() {
        if (noCache) {
            return new dev.warroom.TraceMemo();
        }
        return new dev.warroom.TraceMemo(cache == null ? dev.warroom.cache.TraceCache.standard()
                : dev.warroom.cache.TraceCache.at(cache.toAbsolutePath().resolveSibling("traces")));
    }

    /** {@code all|frames|none}, case-insensitive, with a clear message otherwise. */
    static final class MediaConverter implements picocli.CommandLine.ITypeConverter<Generator.Media> {
        @Override
        public Generator.Media convert(String value) {
            try {
                return Generator.Media.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected all, frames or none, got '" + value + "'");
            }
        }
    }
}
