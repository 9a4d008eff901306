package dev.warroom.cli;

import dev.warroom.Generator;
import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.render.RenderBench;
import dev.warroom.render.RenderOptions;
import dev.warroom.render.RenderResult;
import dev.warroom.sim.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warroom render}: SVG stills, MP4, poster and captions of a problem's variants and
 * comparisons. A thin command: it checks the arguments, builds the options and calls the
 * generator's render stage ({@link Generator#render}), which the build uses too.
 */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Render a problem's cascade: SVG frames + manifest, MP4 (H.264) + poster, WebVTT captions and chapters,",
            "for the baseline, every variant and the side-by-side comparisons (or only the variants named).",
            "Unchanged inputs come from the cache (.warroom-cache/render) and are not rendered again."})
final class RenderCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PROBLEM", description = "Problem ids (default: every problem of the bank).")
    List<String> problems = new ArrayList<>();

    @Option(names = "--variant", paramLabel = "V", description = "Render only this variant (repeatable); 'baseline' is the scenario as written.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--all", description = "Every variant and every comparison (the default when no --variant is given).")
    boolean all;

    @Option(names = "--no-compare", description = "Skip the side-by-side comparisons of each mitigation with what it fixes.")
    boolean noCompare;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x720", description = "Video size (default: ${DEFAULT-VALUE}; 1920x1080 on request).")
    String size;

    @Option(names = "--fps", defaultValue = "30", description = "Video frames per second (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--crf", defaultValue = "23", description = "x264 quality, lower is better (default: ${DEFAULT-VALUE}).")
    int crf;

    @Option(names = "--threads", paramLabel = "N", description = "x264 encoder threads (default: twice the number of cores).")
    Integer threads;

    @Option(names = "--preset", defaultValue = "veryfast", description = "x264 preset (default: ${DEFAULT-VALUE}); a diamond motion search with one-step subpixel refinement is set over it, which suits flat diagrams.")
    String preset;

    @Option(names = "--encoder", paramLabel = "auto|ffmpeg|humble", defaultValue = "auto", converter = EncoderConverter.class,
            description = "H.264 encoder: ffmpeg (the command line, through a pipe), humble (Humble Video, in process), "
                    + "or auto: ffmpeg when on the PATH, else Humble Video (default: ${DEFAULT-VALUE}).")
    dev.warroom.render.EncoderChoice encoder;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/render", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--problems", paramLabel = "DIR", defaultValue = "problems", description = "The problem bank (default: ${DEFAULT-VALUE}).")
    Path bankDir;

    @Option(names = "--cache", paramLabel = "DIR", description = "Render cache (default: .warroom-cache/render at the repository root).")
    Path cache;

    @Option(names = "--no-cache", description = "Render everything again, and do not keep the results in the cache.")
    boolean noCache;

    @Option(names = "--no-video", description = "SVG frames, manifest and captions only.")
    boolean noVideo;

    @Option(names = "--no-svg", description = "Video, poster and captions only.")
    boolean noSvg;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
            description = "Problems rendered at once (default: ${DEFAULT-VALUE}); each render paints on every core.")
    int jobs;

    @Option(names = "--bench", description = "Print the speed figures (paint, SVG, Humble vs ffmpeg encoding, full render cold and cached) and exit.")
    boolean bench;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        long start = System.nanoTime();
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new UserError("--size: expected WxH such as 1280x720, got '" + size + "'");
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w % 2 != 0 || h % 2 != 0 || w < 320 || h < 180 || w > 3840 || h > 2160) {
            throw new UserError("--size: width and height must be even, from 320x180 to 3840x2160, got " + size);
        }
        if (fps < 1 || fps > 120) {
            throw new UserError("--fps: must be 1..120, got " + fps);
        }
        if (crf < 0 || crf > 51) {
            throw new UserError("--crf: must be 0..51, got " + crf);
        }
        if (all && !variants.isEmpty()) {
            throw new UserError("--all and --variant exclude each other");
        }
        Bank bank = Bank.load(bankDir);
        List<Problem> chosen = new ArrayList<>();
        if (problems.isEmpty()) {
            chosen.addAll(bank.problems());
        } else {
            for (String id : problems) {
                try {
                    chosen.add(bank.problem(id));
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
        }
        for (Problem p : chosen) {
            for (String v : variants) {
                if (!p.variantIds().contains(v)) {
                    throw new UserError("problem " + p.id() + " has no variant '" + v + "'; known: " + String.join(", ", p.variantIds()));
                }
            }
        }
        if (threads != null && (threads < 1 || threads > 64)) {
            throw new UserError("--threads: must be 1..64, got " + threads);
        }
        RenderOptions defaults = RenderOptions.defaults();
        RenderOptions options = defaults.toBuilder().size(w, h).fps(fps).crf(crf).preset(preset).encoder(encoder)
                .encoderThreads(threads != null ? threads : defaults.encoderThreads()).outputs(!noSvg, !noVideo).out(out)
                .cacheDir(noCache ? null : cache != null ? cache : defaults.cacheDir()).progress(progress(o)).build();
        if (options.video() && encoder.resolve() == null) {
            if (encoder != dev.warroom.render.EncoderChoice.AUTO) {
                throw new UserError("--encoder " + encoder.name().toLowerCase(Locale.ROOT) + ": " + encoder.unavailable());
            }
            o.println("  " + encoder.unavailable());
            options = options.withOutputs(options.svg(), false);
        }
        if (bench) {
            return bench(chosen.get(0), options, o);
        }
        if (jobs < 1) {
            throw new UserError("--jobs: must be at least 1, got " + jobs);
        }
        dev.warroom.cache.TraceCache kept = noCache ? null : cache != null
                ? dev.warroom.cache.TraceCache.at(cache.toAbsolutePath().resolveSibling("traces"))
                : dev.warroom.cache.TraceCache.standard();
        List<RenderResult> results = Generator.render(chosen, variants, !noCompare, jobs, options,
                (p, v) -> trace(p, v, kept, o));
        o.println();
        o.printf(Locale.ROOT, "%-48s %7s %6s %9s %8s%n", "rendered", "frames", "svg", "video s", "time");
        for (RenderResult r : results) {
            o.printf(Locale.ROOT, "%-48s %7d %6d %9.1f %8s%n", r.name(), r.stats().videoFrames(), r.stats().svgFrames(),
                    r.clock().videoMs() / 1000.0, r.cached() ? "cached" : String.format(Locale.ROOT, "%.1f s", r.stats().wallMs() / 1000.0));
        }
        o.printf(Locale.ROOT, "%d render(s), %d from the cache, in %.1f s; output in %s%n", results.size(),
                results.stream().filter(RenderResult::cached).count(), (System.nanoTime() - start) / 1e9, out);
        return ExitCode.OK;
    }

    /** A variant's trace: from the trace cache, else simulated (and kept), saying so. */
    private static Trace trace(Problem p, String v, dev.warroom.cache.TraceCache kept, PrintWriter o) {
        Trace known = kept == null ? null : kept.get(p, v);
        if (known != null) {
            return known;
        }
        long t0 = System.nanoTime();
        Trace t = Traces.simulate(p, v);
        if (kept != null) {
            kept.put(p, v, t);
        }
        synchronized (o) {
            o.printf(Locale.ROOT, "  simulated %s/%s in %d ms%n", p.id(), v, (System.nanoTime() - t0) / 1_000_000);
            o.flush();
        }
        return t;
    }

    private static java.util.function.Consumer<RenderOptions.Progress> progress(PrintWriter o) {
        return p -> {
            boolean milestone = switch (p.stage()) {
                case "video" -> p.done() == p.total() || p.done() % Math.max(30, p.total() / 5 / 30 * 30) == 0;
                default -> true;
            };
            if (milestone) {
                int pct = p.total() == 0 ? 100 : p.done() * 100 / p.total();
                o.printf(Locale.ROOT, "  %-44s %-6s %3d%% (%d/%d)%n", p.name(), p.stage(), pct, p.done(), p.total());
                o.flush();
            }
        };
    }

    /** The bench: end to end with the chosen encoder, or with both when the choice is auto. */
    private int bench(Problem p, RenderOptions options, PrintWriter o) throws Exception {
        o.printf(Locale.ROOT, "bench: %s, %dx%d at %d fps, %d cores%n", p.id(), options.width(), options.height(),
                options.story().fps(), Runtime.getRuntime().availableProcessors());
        List<dev.warroom.render.EncoderChoice> encoders = new ArrayList<>();
        for (var e : List.of(dev.warroom.render.EncoderChoice.FFMPEG, dev.warroom.render.EncoderChoice.HUMBLE)) {
            if ((encoder == e || encoder == dev.warroom.render.EncoderChoice.AUTO) && e.resolve() != null) {
                encoders.add(e);
            }
        }
        RenderBench.run(p, Problem.BASELINE, v -> Traces.simulate(p, v), options, encoders, o);
        return ExitCode.OK;
    }
}
