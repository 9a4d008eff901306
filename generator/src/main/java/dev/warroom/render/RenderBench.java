package dev.warroom.render;

import dev.warroom.story.Storyboard;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The speed figures of issue 4, printed side by side from one run on the same frames:
 * paint ms/frame, RGB→I420 ms/frame, SVG bytes and ms/frame, and the encoding throughput of
 * warroom (Humble Video) against the ffmpeg command line (libx264, same preset, CRF and
 * threads, fed the same raw I420 frames).
 */
public final class RenderBench {
    private RenderBench() {
    }

    /** Figures of one bench run. */
    public record Figures(double paintMs, double yuvMs, double svgMs, double svgKbAvg, double svgKbMax, int encodeFrames,
                          double warroomFps, double ffmpegFps, double warroomCpuMs, double ffmpegCpuMs) {
    }

    /** Wall and CPU time of one encoding run. */
    private record Run(double fps, double cpuMsPerFrame) {
    }

    /** CPU time of this process, ns (all threads, native ones included); -1 if unknown. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Runs the paint, SVG and encode benchmarks on {@code sb}; prints as it goes. */
    public static Figures run(Storyboard sb, RenderOptions o, int encodeFrames, PrintWriter out) throws IOException {
        int w = o.width();
        int h = o.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        byte[] yuv = new byte[Yuv.size(w, h)];
        int n = sb.frames();
        // warm up the JIT on a spread of frames, then measure every 4th frame of the whole video
        for (int i = 0; i < n; i += 25) {
            Painter.paint(g, sb, sb.frame(i), w, h);
            Yuv.fromRgb(px, w, h, yuv);
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long paint = 0;
        long conv = 0;
        long paintCpu = 0;
        long convCpu = 0;
        int count = 0;
        for (int i = 0; i < n; i += 4) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Painter.paint(g, sb, sb.frame(i), w, h);
            long c1 = cpu.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            Yuv.fromRgb(px, w, h, yuv);
            conv += System.nanoTime() - t1;
            convCpu += cpu.getCurrentThreadCpuTime() - c1;
            paint += t1 - t0;
            paintCpu += c1 - c0;
            count++;
        }
        double paintMs = paint / 1e6 / count;
        double yuvMs = conv / 1e6 / count;
        out.printf(Locale.ROOT, "paint      %6.2f ms/frame wall, %.2f ms CPU (Java2D, %dx%d, %d frames)%n", paintMs,
                paintCpu / 1e6 / count, w, h, count);
        out.printf(Locale.ROOT, "rgb->i420  %6.2f ms/frame wall, %.2f ms CPU%n", yuvMs, convCpu / 1e6 / count);
        out.flush();

        List<Long> times = sb.keyframeTimes();
        long svgNanos = 0;
        long bytes = 0;
        long max = 0;
        long svgCpu = 0;
        for (long t : times) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int len = SvgFrames.svg(sb, sb.still(t)).getBytes(StandardCharsets.UTF_8).length;
            svgNanos += System.nanoTime() - t0;
            svgCpu += cpu.getCurrentThreadCpuTime() - c0;
            bytes += len;
            max = Math.max(max, len);
        }
        double svgKb = bytes / 1024.0 / times.size();
        out.printf(Locale.ROOT, "svg        %6.2f ms/frame wall, %.2f ms CPU, %.1f KB/frame average, %.1f KB max (%d frames)%n",
                svgNanos / 1e6 / times.size(), svgCpu / 1e6 / times.size(), svgKb, max / 1024.0, times.size());
        out.flush();

        // the same raw frames for both encoders
        Path tmp = Files.createTempDirectory("warroom-bench-");
        try {
            Path raw = tmp.resolve("frames.yuv");
            int frames = Math.min(encodeFrames, n);
            try (OutputStream os = Files.newOutputStream(raw)) {
                for (int i = 0; i < frames; i++) {
                    Painter.paint(g, sb, sb.frame((int) ((long) i * n / frames)), w, h);
                    Yuv.fromRgb(px, w, h, yuv);
                    os.write(yuv);
                }
            }
            Run warroom = humble(raw, tmp.resolve("warroom.mp4"), frames, w, h, sb.fps(), o);
            Run ffmpeg = ffmpeg(raw, tmp.resolve("ffmpeg.mp4"), frames, w, h, sb.fps(), o);
            out.printf(Locale.ROOT, "encode     warroom (Humble Video) %6.1f fps | ffmpeg -c:v libx264 %6.1f fps | ratio %.2f"
                            + "  (%d frames, preset %s, x264 params '%s', crf %d, threads %d)%n", warroom.fps(), ffmpeg.fps(),
                    ffmpeg.fps() > 0 ? warroom.fps() / ffmpeg.fps() : Double.NaN, frames, o.preset(), o.x264Params(), o.crf(), o.encoderThreads());
            out.printf(Locale.ROOT, "encode cpu warroom %6.1f ms/frame | ffmpeg %6.1f ms/frame | ratio %.2f"
                            + "  (CPU time, independent of other load on the machine)%n", warroom.cpuMsPerFrame(),
                    ffmpeg.cpuMsPerFrame(), warroom.cpuMsPerFrame() > 0 ? ffmpeg.cpuMsPerFrame() / warroom.cpuMsPerFrame() : Double.NaN);
            out.flush();
            return new Figures(paintMs, yuvMs, svgNanos / 1e6 / times.size(), svgKb, max / 1024.0, frames, warroom.fps(),
                    ffmpeg.fps(), warroom.cpuMsPerFrame(), ffmpeg.cpuMsPerFrame());
        } finally {
            RenderCache.deleteTree(tmp);
        }
    }

    private static Run humble(Path raw, Path mp4, int frames, int w, int h, int fps, RenderOptions o) throws IOException {
        byte[] buf = new byte[Yuv.size(w, h)];
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(raw);
             HumbleEncoder writer = new HumbleEncoder(mp4, w, h, fps, o.crf(), o.preset(), o.x264Params(), o.encoderThreads())) {
            for (int i = 0; i < frames; i++) {
                in.readNBytes(buf, 0, buf.length);
                writer.write(buf);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long c1 = processCpuNanos();
        return new Run(frames / wall, c0 < 0 ? -1 : (c1 - c0) / 1e6 / frames);
    }

    private static final java.util.regex.Pattern BENCH =
            java.util.regex.Pattern.compile("utime=([\\d.]+)s stime=([\\d.]+)s");

    /** -1 when ffmpeg is not installed. */
    private static Run ffmpeg(Path raw, Path mp4, int frames, int w, int h, int fps, RenderOptions o) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "info", "-nostats", "-hide_banner", "-benchmark", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                "-s", w + "x" + h, "-r", Integer.toString(fps), "-i", raw.toString(), "-c:v", "libx264", "-preset", o.preset(),
                "-crf", Integer.toString(o.crf()), "-threads", Integer.toString(o.encoderThreads()), "-pix_fmt", "yuv420p",
                "-movflags", "+faststart"));
        if (!o.x264Params().isEmpty()) {
            cmd.addAll(List.of("-x264-params", o.x264Params()));
        }
        cmd.add(mp4.toString());
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return new Run(-1, -1);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            java.util.regex.Matcher m = BENCH.matcher(log);
            double cpu = m.find() ? (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1000 / frames : -1;
            return new Run(frames / wall, cpu);
        } catch (IOException e) {
            return new Run(-1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, -1);
        }
    }
}
