package dev.warroom.render;

import dev.warroom.bank.Problem;
import dev.warroom.sim.Trace;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The speed figures of {@code warroom render --bench}, printed as they are measured: paint,
 * pack and SVG per frame, and the end-to-end budget of each encoder,
 * a cold render of a variant (simulate + paint + SVG + encode) in CPU ms per video frame,
 * this JVM's CPU plus the ffmpeg process's, with a check that no frame was painted twice.
 */
public final class RenderBench {
    /** The end-to-end budget of issue 17: CPU per video frame with the ffmpeg encoder. */
    public static final double BUDGET_MS = 8.0;

    private RenderBench() {
    }

    /** One cold render, end to end. */
    public record EndToEnd(EncoderChoice encoder, int videoFrames, int svgFrames, int painted, double wallS, double cpuMsPerFrame,
                           double encoderProcessMsPerFrame) {
    }

    /** CPU time of this process, ns (all threads, native ones included); -1 if unknown. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Everything for one problem's variant: components, encoders alone, then the end-to-end runs of {@code encoders}. */
    public static List<EndToEnd> run(Problem p, String variant, Function<String, Trace> simulate, RenderOptions o,
                                     List<EncoderChoice> encoders, PrintWriter out) throws IOException {
        long c0 = processCpuNanos();
        Trace trace = simulate.apply(variant);
        out.printf(Locale.ROOT, "simulate   %6.0f ms CPU (%s)%n", (processCpuNanos() - c0) / 1e6, variant);
        Storyboard sb = Storyboard.of(SceneSpec.of(p, variant), trace, o.story());
        components(sb, o, out);
        List<EndToEnd> runs = new ArrayList<>();
        for (EncoderChoice e : encoders) {
            // later runs show a render with the JIT warm, as each render of a whole-bank build is
            for (int k = 0; k < Integer.getInteger("warroom.bench.repeat", 1); k++) {
                runs.add(endToEnd(p, variant, simulate, o.withEncoder(e), out));
            }
        }
        return runs;
    }

    /** Paint, pack and SVG per frame. */
    private static void components(Storyboard sb, RenderOptions o, PrintWriter out) {
        int w = o.width();
        int h = o.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        LayeredCanvas layered = new LayeredCanvas(w, h, BufferedImage.TYPE_3BYTE_BGR);
        int n = sb.frames();
        for (int i = 0; i < n; i += 25) { // warm up the JIT on a spread of frames
            Painter.paint(g, sb, sb.frame(i), w, h);
            layered.paint(sb, sb.frame(i));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long paintCpu = 0;
        long fullCpu = 0;
        int count = 0;
        for (int i = 0; i < n; i += 4) {
            long t0 = cpu.getCurrentThreadCpuTime();
            layered.paint(sb, sb.frame(i));
            long t1 = cpu.getCurrentThreadCpuTime();
            Painter.paint(g, sb, sb.frame(i), w, h);
            paintCpu += t1 - t0;
            fullCpu += cpu.getCurrentThreadCpuTime() - t1;
            count++;
        }
        out.printf(Locale.ROOT, "paint      %6.2f ms CPU a video frame (Java2D, %dx%d, %d frames: backdrop copied, what moves painted; "
                + "the whole picture %.2f ms)%n", paintCpu / 1e6 / count, w, h, count, fullCpu / 1e6 / count);
        byte[] yuv = new byte[Yuv.size(w, h)];
        long yuvCpu = 0;
        for (int i = 0; i < 50; i++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            Yuv.fromRgb(px, w, h, yuv);
            yuvCpu += cpu.getCurrentThreadCpuTime() - t0;
        }
        out.printf(Locale.ROOT, "pack       %6.2f ms CPU a frame for Humble (RGB->I420); for ffmpeg a copy of the BGR bytes%n",
                yuvCpu / 1e6 / 50);
        List<Long> times = sb.keyframeTimes();
        long svgCpu = 0;
        long bytes = 0;
        long max = 0;
        for (long t : times) {
            long t0 = cpu.getCurrentThreadCpuTime();
            int len = SvgFrames.svg(sb, sb.still(t)).getBytes(StandardCharsets.UTF_8).length;
            svgCpu += cpu.getCurrentThreadCpuTime() - t0;
            bytes += len;
            max = Math.max(max, len);
        }
        out.printf(Locale.ROOT, "svg        %6.2f ms CPU a still, %.1f KB average, %.1f KB max (%d stills, %.2f ms a video frame)%n",
                svgCpu / 1e6 / times.size(), bytes / 1024.0 / times.size(), max / 1024.0, times.size(), svgCpu / 1e6 / n);
        out.flush();

    }

    /** A cold render of {@code variant} (simulation included, no cache) with {@code o}'s encoder. */
    static EndToEnd endToEnd(Problem p, String variant, Function<String, Trace> simulate, RenderOptions o, PrintWriter out)
            throws IOException {
        Path tmp = Files.createTempDirectory("warroom-bench-cache-");
        try {
            RenderOptions cold = o.withCacheDir(tmp.resolve("cache")).withOut(tmp.resolve("out")).withProgress(x -> { })
                    .withOutputs(true, true);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            RenderResult r = Renderer.renderProblem(p, List.of(variant), false, simulate, cold).get(0);
            double wallS = (System.nanoTime() - t0) / 1e9;
            long jvm = processCpuNanos() - cpu0;
            RenderResult.Stats s = r.stats();
            double cpuMs = (jvm / 1e6 + s.encoderCpuMs()) / s.videoFrames();
            EndToEnd e = new EndToEnd(o.encoder(), s.videoFrames(), s.svgFrames(), s.painted(), wallS, cpuMs,
                    s.encoderCpuMs() / (double) s.videoFrames());
            boolean once = s.painted() == s.videoFrames();
            out.printf(Locale.ROOT, "end to end %-6s %6.2f ms CPU a video frame (simulate + paint + %d SVG + encode %d frames; "
                            + "%.2f of it in the encoder process), %.1f s wall, load average %.1f%s%n", name(o.encoder()), cpuMs,
                    s.svgFrames(), s.videoFrames(), e.encoderProcessMsPerFrame(), wallS,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    o.encoder() == EncoderChoice.FFMPEG ? String.format(Locale.ROOT, "; budget %.0f ms: %s", BUDGET_MS,
                            cpuMs <= BUDGET_MS ? "met" : "NOT met") : "");
            out.printf(Locale.ROOT, "painted    %6d video frames for %d in the video, %d SVG stills for %d keyframes, poster copied: %s%n",
                    s.painted(), s.videoFrames(), s.svgFrames(), r.frames() == null ? 0 : countFiles(r.frames()),
                    once ? "no frame painted twice" : "FRAMES PAINTED TWICE");
            out.flush();
            return e;
        } finally {
            RenderCache.deleteTree(tmp);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    private static String name(EncoderChoice e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
