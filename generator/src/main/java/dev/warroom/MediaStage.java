package dev.warroom;

import dev.warroom.Generator.Media;
import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.render.RenderOptions;
import dev.warroom.render.RenderResult;
import dev.warroom.render.Renderer;
import dev.warroom.sim.Trace;
import dev.warroom.site.SiteMedia;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The pictures stage of a build: renders what the site shows of each problem (every variant,
 * and each mitigation side by side with what it fixes) through the render cache, and hands
 * the files to the site as {@link SiteMedia}.
 */
final class MediaStage {
    private MediaStage() {
    }

    /**
     * What the stage produced.
     *
     * @param media       the files the site shows, by problem and variant
     * @param rendered    renders done now
     * @param cached      renders found in the cache
     * @param videoFrames video frames encoded now
     */
    record Result(SiteMedia media, int rendered, int cached, long videoFrames) {
    }

    /**
     * Renders the problems in parallel (two at a time: each render already paints on all cores).
     *
     * @param videos with {@link Media#ALL}, the problems that get videos (the others get frames), or null for all
     */
    static Result render(Bank bank, Map<String, Map<String, Trace>> traces, Map<String, Map<String, Double>> answers,
                         Media asked, Set<String> videos, RenderOptions base, Consumer<String> progress)
            throws IOException, InterruptedException {
        Media media = asked;
        if (asked == Media.ALL && base.encoder().resolve() == null) {
            if (base.encoder() != dev.warroom.render.EncoderChoice.AUTO) {
                throw new Generator.NoEncoder(base.encoder().unavailable());
            }
            progress.accept(base.encoder().unavailable()); // once, then the site gets SVG frames
            media = Media.FRAMES;
        }
        Media chosen = media;
        AtomicInteger rendered = new AtomicInteger();
        AtomicInteger cached = new AtomicInteger();
        AtomicLong frames = new AtomicLong();
        Map<String, SiteMedia.ProblemMedia> problems = eachProblem(bank.problems(), JOBS, p -> {
            List<RenderResult> results = renderOne(p, traces.get(p.id()),
                    chosen == Media.ALL && videos != null && !videos.contains(p.id()) ? Media.FRAMES : chosen,
                    base, progress);
            for (RenderResult r : results) {
                (r.cached() ? cached : rendered).incrementAndGet();
                frames.addAndGet(r.cached() ? 0 : r.stats().videoFrames());
            }
            return problemMedia(p, results, answers.getOrDefault(p.id(), Map.of()), traces.get(p.id()));
        });
        return new Result(new SiteMedia(problems), rendered.get(), cached.get(), frames.get());
    }

    /** Problems rendered at once by default: each render already paints on every core. */
    static final int JOBS = 2;

    /** Work on one problem. */
    interface PerProblem<T> {
        T apply(Problem p) throws IOException;
    }

    /**
     * The render stage's parallelism, for the build and for {@code warroom render}: {@code work}
     * for each problem, {@code jobs} problems at a time; results by problem id, in order.
     */
    static <T> Map<String, T> eachProblem(List<Problem> problems, int jobs, PerProblem<T> work)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, problems.size())), r -> {
            Thread t = new Thread(r, "warroom-render");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<T>> futures = new LinkedHashMap<>();
            for (Problem p : problems) {
                futures.put(p.id(), pool.submit(() -> work.apply(p)));
            }
            Map<String, T> out = new LinkedHashMap<>();
            for (var f : futures.entrySet()) {
                out.put(f.getKey(), get(f.getValue(), f.getKey()));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<RenderResult> renderOne(Problem p, Map<String, Trace> traces, Media media, RenderOptions base,
                                                Consumer<String> progress) throws IOException {
        if (media == Media.NONE) {
            return List.of();
        }
        RenderOptions o = base.withOutputs(true, media == Media.ALL).withProgress(progressLine(progress));
        List<RenderResult> all = new java.util.ArrayList<>(Renderer.renderProblem(p, List.of(), media == Media.ALL,
                traces::get, o));
        // each decision branch as a frame stepper that continues from the decision: its stills
        // from a minute before it (earlier ones are the parent's), no video
        for (Problem.Decision d : p.decisions()) {
            RenderOptions stills = o.withOutputs(true, false).withStillsFrom(Math.max(0, d.atMs() - BRANCH_LEAD_MS));
            all.addAll(Renderer.renderProblem(p, d.options().stream().map(Problem.Option::id).toList(), false,
                    traces::get, stills));
        }
        return all;
    }

    /** How long before its decision a branch's stepper starts. */
    static final long BRANCH_LEAD_MS = 60_000;

    /** The site's share of a problem: its pictures, its computed answers and its traces (the drill's dashboards). */
    private static SiteMedia.ProblemMedia problemMedia(Problem p, List<RenderResult> results, Map<String, Double> answers,
                                                       Map<String, Trace> traces) throws IOException {
        Map<String, SiteMedia.VariantMedia> variants = new LinkedHashMap<>();
        if (!results.isEmpty()) {
            for (String v : p.traceIds()) {
                RenderResult own = find(results, p.id() + "/" + v);
                RenderResult side = null;
                for (String[] pair : Renderer.comparisons(p)) {
                    if (pair[1].equals(v)) {
                        side = find(results, p.id() + "/" + Renderer.comparisonName(pair[0], pair[1]));
                    }
                }
                variants.put(v, new SiteMedia.VariantMedia(title(p, v), video(own), video(side),
                        SiteMedia.framesFromManifest(own.manifest())));
            }
        }
        Map<String, Trace> all = traces == null ? Map.of() : traces;
        return new SiteMedia.ProblemMedia(variants, answers, all, dev.warroom.site.DrillOutcomes.of(all));
    }

    private static <T> T get(Future<T> f, String what) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("rendering " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static String title(Problem p, String variant) {
        return Problem.BASELINE.equals(variant) ? "Baseline: what happened" : p.variant(variant).title();
    }

    private static RenderResult find(List<RenderResult> results, String name) {
        if (name == null) {
            return null;
        }
        for (RenderResult r : results) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private static SiteMedia.Video video(RenderResult r) {
        if (r == null || r.mp4() == null) {
            return null;
        }
        return new SiteMedia.Video(r.mp4(), r.poster(), r.captions(), r.chapters(), r.clock().startClockSeconds(),
                r.clock().speed());
    }

    /** One line when a render starts or ends, and every quarter of a long video. */
    private static Consumer<RenderOptions.Progress> progressLine(Consumer<String> progress) {
        return p -> {
            boolean quarter = p.total() > 0 && "video".equals(p.stage())
                    && (p.done() * 4 / p.total()) != ((p.done() - 30) * 4 / p.total());
            if ("cached".equals(p.stage())) {
                progress.accept("cached   " + p.name());
            } else if (quarter || "svg".equals(p.stage())) {
                progress.accept(String.format(Locale.ROOT, "render   %s: %s %d/%d", p.name(), p.stage(), p.done(),
                        p.total()));
            }
        };
    }
}
