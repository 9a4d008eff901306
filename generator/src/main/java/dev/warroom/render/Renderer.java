package dev.warroom.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Units;
import dev.warroom.sim.Trace;
import dev.warroom.story.Cue;
import dev.warroom.story.Frame;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The front door of the pictures: a problem variant's trace → SVG stills + manifest, MP4 +
 * poster, WebVTT captions and chapters; or two variants side by side. Results are kept in a
 * content-hash cache, so unchanged inputs are not rendered again.
 *
 * <pre>{@code
 * RenderResult r = Renderer.render(problem, "baseline", trace, RenderOptions.defaults().withOut(dir));
 * r.mp4(); r.captions(); r.clock().speed();
 * }</pre>
 *
 * Output folder: {@code video.mp4}, {@code poster.png}, {@code captions.vtt},
 * {@code chapters.vtt}, {@code frames/frame-000.svg…}, {@code manifest.json}.
 */
public final class Renderer {
    /** Bump when the pictures change in a way the code fingerprint would not catch. */
    static final String FORMAT = "warroom-render-1";

    private Renderer() {
    }

    /** Renders one variant of a problem from its trace. */
    public static RenderResult render(Problem problem, String variant, Trace trace, RenderOptions o) throws IOException {
        SceneSpec scene = SceneSpec.of(problem, variant);
        Storyboard sb = Storyboard.of(scene, trace, o.story());
        return render(problem.id() + "/" + variant, sb, List.of(scene), List.of(trace), o);
    }

    /** Renders two variants side by side on the same clock: {@code left} the failure, {@code right} the mitigation. */
    public static RenderResult renderComparison(Problem problem, String left, Trace leftTrace, String right, Trace rightTrace,
                                                RenderOptions o) throws IOException {
        SceneSpec l = SceneSpec.of(problem, left);
        SceneSpec r = SceneSpec.of(problem, right);
        Storyboard sb = Storyboard.comparison(l, leftTrace, r, rightTrace, o.story());
        return render(problem.id() + "/" + comparisonName(left, right), sb, List.of(l, r), List.of(leftTrace, rightTrace), o);
    }

    /**
     * Everything the site shows of a problem: the given variants (all when {@code variants}
     * is empty) and, with {@code comparisons}, each mitigation or recovery side by side with
     * the variant it is compared with. Traces come from {@code traces} (variant id → trace),
     * asked once per variant.
     */
    public static List<RenderResult> renderProblem(Problem problem, List<String> variants, boolean comparisons,
                                                   java.util.function.Function<String, Trace> traces, RenderOptions o)
            throws IOException {
        List<String> ids = variants.isEmpty() ? problem.variantIds() : variants;
        record Job(String name, String key, List<String> variants) {
        }
        List<Job> jobs = new ArrayList<>();
        for (String v : ids) {
            jobs.add(new Job(problem.id() + "/" + v,
                    o.cacheDir() == null ? null : RenderCache.inputKey(FORMAT, problem, List.of(v), o), List.of(v)));
        }
        if (comparisons) {
            for (String[] pair : comparisons(problem)) {
                if (variants.isEmpty() || variants.contains(pair[1])) {
                    jobs.add(new Job(problem.id() + "/" + comparisonName(pair[0], pair[1]),
                            o.cacheDir() == null ? null : RenderCache.inputKey(FORMAT, problem, List.of(pair), o), List.of(pair)));
                }
            }
        }
        // simulate what the cache misses need, all variants at once (a simulation is single-threaded)
        java.util.Set<String> needed = new java.util.LinkedHashSet<>();
        for (Job j : jobs) {
            if (j.key() == null || !RenderCache.complete(o.cacheDir().resolve(j.key()))) {
                needed.addAll(j.variants());
            }
        }
        Map<String, Trace> traceOf = new java.util.concurrent.ConcurrentHashMap<>();
        needed.parallelStream().forEach(v -> traceOf.put(v, traces.apply(v)));
        List<RenderResult> out = new ArrayList<>();
        for (Job j : jobs) {
            out.add(render(j.name(), j.key(), () -> {
                if (j.variants().size() == 1) {
                    String v = j.variants().get(0);
                    return Storyboard.of(SceneSpec.of(problem, v), traceOf.computeIfAbsent(v, traces), o.story());
                }
                String l = j.variants().get(0);
                String r = j.variants().get(1);
                return Storyboard.comparison(SceneSpec.of(problem, l), traceOf.computeIfAbsent(l, traces),
                        SceneSpec.of(problem, r), traceOf.computeIfAbsent(r, traces), o.story());
            }, o));
        }
        return out;
    }

    /** The side-by-side pairs of a problem: (compared with, variant) for each mitigation or recovery variant. */
    public static List<String[]> comparisons(Problem problem) {
        List<String[]> pairs = new ArrayList<>();
        for (Problem.Variant v : problem.variants().values()) {
            boolean mitigation = v.kind() == Problem.Variant.Kind.MITIGATION || v.kind() == Problem.Variant.Kind.RECOVERY;
            if (mitigation) {
                String with = v.compareWith() == null || v.compareWith().isBlank() ? Problem.BASELINE : v.compareWith();
                pairs.add(new String[] {with, v.id()});
            }
        }
        return pairs;
    }

    /** The folder name of a comparison. */
    public static String comparisonName(String left, String right) {
        return "compare-" + left + "-vs-" + right;
    }

    /** Renders a storyboard built by the caller (tests, the bench), cached by the content of its inputs. */
    static RenderResult render(String name, Storyboard sb, List<SceneSpec> scenes, List<Trace> traces, RenderOptions o)
            throws IOException {
        String key = o.cacheDir() == null ? null : RenderCache.key(FORMAT, scenes, traces, o, sb);
        return render(name, key, () -> sb, o);
    }

    /**
     * The cache lookup and the render: with a hit nothing is planned nor drawn (so the caller's
     * simulation is not even run when {@code plan} is lazy).
     */
    static RenderResult render(String name, String key, java.util.function.Supplier<Storyboard> plan, RenderOptions o)
            throws IOException {
        long start = System.nanoTime();
        Path cacheDir = null;
        Path work;
        if (o.cacheDir() != null && key != null) {
            cacheDir = o.cacheDir().resolve(key);
            if (RenderCache.complete(cacheDir)) {
                o.progress().accept(new RenderOptions.Progress(name, "cached", 1, 1));
                RenderResult.Stats stats = RenderCache.readStats(cacheDir);
                return publish(name, cacheDir, o, true, new RenderResult.Stats(0, stats.videoFrames(), stats.svgFrames(),
                        stats.svgBytes(), stats.paintMs(), stats.encodeMs(), 0, 0));
            }
            Files.createDirectories(o.cacheDir());
            work = Files.createTempDirectory(o.cacheDir(), key.substring(0, 12) + ".tmp-");
        } else {
            work = Files.createTempDirectory("warroom-render-");
        }
        try {
            Storyboard sb = plan.get();
            RenderResult.Stats stats = write(name, sb, work, o, start);
            RenderCache.writeStats(work, stats);
            Path done = cacheDir != null ? RenderCache.commit(work, cacheDir) : work;
            RenderResult r = publish(name, done, o, false, stats);
            if (cacheDir == null && o.out() != null) {
                RenderCache.deleteTree(work);
            }
            return r;
        } catch (IOException | RuntimeException e) {
            RenderCache.deleteTree(work);
            throw e;
        }
    }

    private static RenderResult.Stats write(String name, Storyboard sb, Path dir, RenderOptions o, long start)
            throws IOException {
        int threads = o.paintThreads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "warroom-paint");
            t.setDaemon(true);
            return t;
        });
        try {
            Files.writeString(dir.resolve("captions.vtt"), Captions.vtt(sb.cues(), false), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("chapters.vtt"), Captions.vtt(sb.chapters(), true), StandardCharsets.UTF_8);
            // SVG stills first on the pool; the video's frames queue behind them and the encoder waits
            List<Long> times = stillTimes(sb, o);
            List<Future<Integer>> svgs = new ArrayList<>();
            if (o.svg()) {
                Path frames = Files.createDirectories(dir.resolve("frames"));
                for (int i = 0; i < times.size(); i++) {
                    String file = frameFile(i);
                    long t = times.get(i);
                    svgs.add(pool.submit(() -> {
                        byte[] bytes = SvgFrames.svg(sb, sb.still(t)).getBytes(StandardCharsets.UTF_8);
                        Files.write(frames.resolve(file), bytes);
                        return bytes.length;
                    }));
                }
            }
            FramePipeline.Timing timing = new FramePipeline.Timing(0, 0, 0, 0, null);
            if (o.video()) {
                EncoderChoice kind = o.encoder().resolve();
                if (kind == null) {
                    throw new IOException(o.encoder().unavailable());
                }
                int total = sb.frames();
                timing = FramePipeline.encode(sb, pool, threads, o, kind, dir.resolve("video.mp4"), posterFrame(sb), done -> {
                    if (done % 30 == 0 || done == total) {
                        o.progress().accept(new RenderOptions.Progress(name, "video", done, total));
                    }
                });
                ImageIO.write(timing.poster(), "png", dir.resolve("poster.png").toFile());
            }
            long svgBytes = 0;
            for (Future<Integer> f : svgs) {
                svgBytes += f.get();
            }
            if (o.svg()) {
                o.progress().accept(new RenderOptions.Progress(name, "svg", svgs.size(), svgs.size()));
            }
            Files.writeString(dir.resolve("manifest.json"), manifest(name, sb, o), StandardCharsets.UTF_8);
            return new RenderResult.Stats((System.nanoTime() - start) / 1_000_000, o.video() ? sb.frames() : 0, svgs.size(),
                    svgBytes, timing.paintNanos() / 1_000_000, timing.encodeNanos() / 1_000_000, timing.painted(),
                    timing.encoderCpuNanos() / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering " + name, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("writing an SVG frame of " + name + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The video frame the poster copies: the first that shows {@link #posterTime}. */
    static int posterFrame(Storyboard sb) {
        return Math.min(sb.frames() - 1, sb.frameOf(posterTime(sb)));
    }

    /** The poster shows the learner's present (YOU ARE HERE), or two thirds of the way through. */
    static long posterTime(Storyboard sb) {
        for (SceneSpec.Marker m : sb.markers()) {
            if (m.youAreHere() && m.tMs() >= 0 && m.tMs() <= sb.durationMs()) {
                return m.tMs();
            }
        }
        return sb.durationMs() * 2 / 3 / sb.stepMs() * sb.stepMs();
    }

    static String frameFile(int i) {
        return String.format(java.util.Locale.ROOT, "frame-%03d.svg", i);
    }

    /** The moments that get an SVG still: every keyframe, from {@link RenderOptions#stillsFromMs()} on. */
    private static List<Long> stillTimes(Storyboard sb, RenderOptions o) {
        return sb.keyframeTimes().stream().filter(t -> t >= o.stillsFromMs()).toList();
    }

    private static String manifest(String name, Storyboard sb, RenderOptions o) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("title", sb.title());
        m.put("subtitle", sb.subtitle());
        m.put("variants", sb.panes().stream().map(Storyboard.Pane::variant).toList());
        m.put("width", o.width());
        m.put("height", o.height());
        m.put("fps", sb.fps());
        m.put("video_frames", sb.frames());
        m.put("video_ms", sb.videoMs());
        m.put("start_clock", Units.formatClock(sb.startClock()));
        m.put("start_clock_seconds", sb.startClock());
        m.put("speed", sb.speed());
        m.put("step_ms", sb.stepMs());
        m.put("duration_ms", sb.durationMs());
        m.put("video", o.video() ? "video.mp4" : null);
        m.put("poster", o.video() ? "poster.png" : null);
        m.put("captions", "captions.vtt");
        m.put("chapters", "chapters.vtt");
        List<Map<String, Object>> frames = new ArrayList<>();
        if (o.svg()) {
            List<Long> times = stillTimes(sb, o);
            for (int i = 0; i < times.size(); i++) {
                Frame f = sb.still(times.get(i));
                Map<String, Object> fr = new LinkedHashMap<>();
                fr.put("file", "frames/" + frameFile(i));
                fr.put("t_ms", f.simMs());
                fr.put("clock_seconds", sb.startClock() + f.simMs() / 1000);
                fr.put("clock", f.clock());
                fr.put("video_ms", sb.frameOf(f.simMs()) * 1000L / sb.fps());
                fr.put("caption", f.caption() == null ? null : f.caption().text());
                fr.put("health", health(f));
                frames.add(fr);
            }
        }
        m.put("frames", frames);
        List<Map<String, Object>> chapters = new ArrayList<>();
        for (Cue c : sb.chapters()) {
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("start_ms", c.startMs());
            ch.put("end_ms", c.endMs());
            ch.put("clock", c.clock());
            ch.put("title", c.text());
            chapters.add(ch);
        }
        m.put("chapters_list", chapters);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    private static Map<String, String> health(Frame f) {
        Map<String, String> h = new LinkedHashMap<>();
        for (Frame.PaneFrame pf : f.panes()) {
            for (int i = 0; i < pf.nodes().size(); i++) {
                String key = (f.panes().size() > 1 ? pf.pane().variant() + "/" : "") + pf.nodes().get(i).id();
                h.put(key, pf.nodes().get(i).health().word());
            }
        }
        return h;
    }

    /** Copies (hard-links where possible) the finished folder to {@code out/<name>} and describes it. */
    private static RenderResult publish(String name, Path src, RenderOptions o, boolean cached, RenderResult.Stats stats)
            throws IOException {
        Path dir = src;
        if (o.out() != null) {
            dir = o.out().resolve(name);
            RenderCache.deleteTree(dir);
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path target = dir.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (!p.getFileName().toString().startsWith(".")) {
                        try {
                            Files.createLink(target, p);
                        } catch (IOException | UnsupportedOperationException e) {
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        com.fasterxml.jackson.databind.JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        RenderResult.Clock clock = new RenderResult.Clock(m.get("start_clock").asText(), m.get("start_clock_seconds").asInt(),
                m.get("speed").asDouble(), m.get("duration_ms").asLong(), m.get("video_ms").asLong(), m.get("fps").asInt(),
                m.get("video_frames").asInt());
        boolean video = Files.exists(dir.resolve("video.mp4"));
        boolean svg = Files.isDirectory(dir.resolve("frames"));
        return new RenderResult(name, dir, video ? dir.resolve("video.mp4") : null, video ? dir.resolve("poster.png") : null,
                dir.resolve("captions.vtt"), dir.resolve("chapters.vtt"), svg ? dir.resolve("frames") : null,
                dir.resolve("manifest.json"), clock, cached, stats);
    }
}
