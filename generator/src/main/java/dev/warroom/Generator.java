package dev.warroom;

import dev.warroom.bank.Bank;
import dev.warroom.bank.BankError;
import dev.warroom.bank.BankException;
import dev.warroom.bank.Problem;
import dev.warroom.render.RenderOptions;
import dev.warroom.sim.Evidence;
import dev.warroom.sim.Trace;
import dev.warroom.site.Scaffold;
import dev.warroom.site.SiteBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The front door the command line calls: the whole pipeline, stage by stage —
 * bank → simulation → evidence → pictures → pages.
 */
public final class Generator {
    private Generator() {
    }

    /** Loads and validates the bank; throws with every error found. */
    public static Bank validate(Path problems) throws BankException {
        return Bank.load(problems);
    }

    /**
     * Validates the bank, simulates every variant, checks every number the problems state
     * against their traces, renders the pictures and publishes the site to
     * {@code options.out()}: built in a temporary folder beside it, then swapped in, so a
     * failed build leaves the previous site untouched.
     *
     * @throws BankException when a problem is invalid or what it states disagrees with its simulation
     */
    public static BuildResult build(BuildOptions options) throws BankException, IOException, InterruptedException {
        Consumer<String> progress = options.progress();
        Stopwatch watch = new Stopwatch();

        Bank bank = Bank.load(options.problems());
        checkVideoProblems(bank, options.videos());
        watch.lap("validate");
        progress.accept("validated " + bank.problems().size() + " problem(s)");

        Map<String, Map<String, Trace>> traces = Simulations.runAll(bank, options.traces(), progress);
        watch.lap("simulate");

        Map<String, Map<String, Double>> answers = checkEvidence(bank, traces);
        watch.lap("check");
        progress.accept("checked every claim, timeline expectation and numeric answer against the traces");

        MediaStage.Result media = MediaStage.render(bank, traces, answers, options.media(), options.videos(),
                options.render(), progress);
        watch.lap("render");

        SiteBuilder.Result site = SiteBuilder.publish(bank, media.media(), options.templates(), options.out(),
                options.zip(), options.baseUrl(), progress);
        watch.lap("publish");

        return new BuildResult(bank, site.pages(), site.bytes(), Simulations.events(traces), media.rendered(),
                media.cached(), media.videoFrames(), watch.laps(), watch.totalMs());
    }

    /** Numeric quiz answers by problem and question; every failed check of every problem at once. */
    private static Map<String, Map<String, Double>> checkEvidence(Bank bank, Map<String, Map<String, Trace>> traces)
            throws BankException {
        Map<String, Map<String, Double>> answers = new LinkedHashMap<>();
        List<BankError> errors = new ArrayList<>();
        for (Problem p : bank.problems()) {
            Evidence.Result r = Evidence.check(p, traces.get(p.id())::get);
            answers.put(p.id(), r.answers());
            errors.addAll(r.errors());
        }
        if (!errors.isEmpty()) {
            throw new BankException(errors);
        }
        return answers;
    }

    /** Every id in {@code videos} names a problem of the bank. */
    private static void checkVideoProblems(Bank bank, Set<String> videos) {
        if (videos == null) {
            return;
        }
        List<String> ids = bank.problems().stream().map(Problem::id).toList();
        for (String id : videos) {
            if (!ids.contains(id)) {
                throw new UnknownProblem("no problem '" + id + "' to make videos of; the bank has: "
                        + String.join(", ", ids));
            }
        }
    }

    /**
     * The render stage alone ({@code warroom render}): the given variants of each problem (all
     * when empty) and, with {@code comparisons}, the side-by-side comparisons, {@code jobs}
     * problems at a time, through the render cache; a trace is asked of {@code traces} only when
     * a render is not in the cache.
     */
    public static List<dev.warroom.render.RenderResult> render(List<Problem> problems, List<String> variants,
            boolean comparisons, int jobs, RenderOptions options, java.util.function.BiFunction<Problem, String, Trace> traces)
            throws IOException, InterruptedException {
        Map<String, List<dev.warroom.render.RenderResult>> byProblem = MediaStage.eachProblem(problems, jobs,
                p -> dev.warroom.render.Renderer.renderProblem(p, variants, comparisons, v -> traces.apply(p, v), options));
        List<dev.warroom.render.RenderResult> all = new ArrayList<>();
        byProblem.values().forEach(all::addAll);
        return all;
    }

    /** Scaffolds a problem folder that validates at once; returns it. */
    public static Path newProblem(Path problems, String id) throws IOException {
        return Scaffold.create(problems, id);
    }

    /** A problem id in the options that the bank does not have. */
    public static final class UnknownProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownProblem(String message) {
            super(message);
        }
    }

    /** The encoder asked for by name does not work on this machine. */
    public static final class NoEncoder extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoEncoder(String message) {
            super(message);
        }
    }

    /** What a build renders. */
    public enum Media {
        /** MP4 videos (each variant and the side-by-side comparisons), posters, captions and SVG frames. */
        ALL,
        /** SVG frames and captions only: fast, no video. */
        FRAMES,
        /** No pictures: the site still works, without players. */
        NONE
    }

    /**
     * What {@link #build} needs.
     *
     * @param problems  the bank folder
     * @param templates the templates folder
     * @param out       where the site is published
     * @param zip       where the zip of the site goes, or null for none
     * @param media     what to render
     * @param videos    with {@link Media#ALL}, the problems that get videos (the others get SVG frames), or null for all
     * @param render    size, frame rate, quality and cache of the pictures
     * @param traces    traces kept from the previous build of this process and on disk, or null to simulate everything
     * @param progress  receives one line per step
     */
    public record BuildOptions(Path problems, Path templates, Path out, Path zip, Media media, Set<String> videos,
                               RenderOptions render, TraceMemo traces, Consumer<String> progress, String baseUrl) {
        /** Embed snippets with relative URLs (absolute once the page is served from a host). */
        public BuildOptions(Path problems, Path templates, Path out, Path zip, Media media, Set<String> videos,
                            RenderOptions render, TraceMemo traces, Consumer<String> progress) {
            this(problems, templates, out, zip, media, videos, render, traces, progress, null);
        }

        /** Everything rendered with the default picture options, traces and renders cached in {@code .warroom-cache/}. */
        public BuildOptions(Path problems, Path templates, Path out, Path zip, Consumer<String> progress) {
            this(problems, templates, out, zip, Media.ALL, null, RenderOptions.defaults(),
                    new TraceMemo(dev.warroom.cache.TraceCache.standard()), progress);
        }
    }

    /**
     * What {@link #build} did.
     *
     * @param events       simulation events processed over all variants
     * @param rendered     renders done (a variant or a comparison each)
     * @param cached       renders taken from the cache
     * @param videoFrames  video frames encoded
     * @param stageMs      wall time of each stage, in order
     */
    public record BuildResult(Bank bank, int pages, long bytes, long events, int rendered, int cached, long videoFrames,
                              Map<String, Long> stageMs, long wallMs) {
        /** "validate 0.2 s, simulate 4.1 s, ..." */
        public String timings() {
            List<String> parts = new ArrayList<>();
            stageMs.forEach((stage, ms) -> parts.add(String.format(Locale.ROOT, "%s %.1f s", stage, ms / 1000.0)));
            return String.join(", ", parts);
        }
    }

    /** Wall time per stage. */
    private static final class Stopwatch {
        private final long start = System.nanoTime();
        private long last = start;
        private final Map<String, Long> laps = new LinkedHashMap<>();

        void lap(String stage) {
            long now = System.nanoTime();
            laps.put(stage, (now - last) / 1_000_000);
            last = now;
        }

        Map<String, Long> laps() {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(laps));
        }

        long totalMs() {
            return (last - start) / 1_000_000;
        }
    }
}
