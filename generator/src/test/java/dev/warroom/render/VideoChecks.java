package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.sim.Trace;
import dev.warroom.story.Health;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent checks of what a render wrote: ffprobe, ffmpeg decoding, the MP4 atoms,
 * rsvg-convert, a WebVTT parser, and the trace's own numbers for the expected health.
 */
final class VideoChecks {
    private VideoChecks() {
    }

    static boolean has(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void assume(String tool) {
        Assumptions.assumeTrue(has(tool), tool + " is not installed");
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s%n%s", cmd, out).isZero();
        return out;
    }

    /** ffprobe's view of the first video stream and the format. */
    static JsonNode probe(Path mp4) throws Exception {
        String json = run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_streams",
                "-show_format", "-of", "json", mp4.toString()));
        return new ObjectMapper().readTree(json);
    }

    /** Top-level MP4 box types in file order. */
    static List<String> atoms(Path mp4) throws IOException {
        byte[] d = Files.readAllBytes(mp4);
        List<String> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(d);
        int i = 0;
        while (i + 8 <= d.length) {
            long size = Integer.toUnsignedLong(b.getInt(i));
            String type = new String(d, i + 4, 4, StandardCharsets.US_ASCII);
            if (size == 1) {
                size = b.getLong(i + 8);
            }
            out.add(type);
            if (size < 8) {
                break;
            }
            i += (int) size;
        }
        return out;
    }

    /** Decodes the given frame numbers with ffmpeg into images, one per number given. */
    static List<BufferedImage> decode(Path mp4, int[] wanted, Path tmp) throws Exception {
        int[] frames = java.util.Arrays.stream(wanted).distinct().sorted().toArray();
        StringBuilder select = new StringBuilder();
        for (int f : frames) {
            select.append(select.length() == 0 ? "" : "+").append("eq(n\\,").append(f).append(')');
        }
        Files.createDirectories(tmp);
        run(List.of("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-vf", "select='" + select + "'",
                "-fps_mode", "passthrough", tmp.resolve("f%03d.png").toString()));
        List<BufferedImage> out = new ArrayList<>();
        for (int w : wanted) {
            int i = java.util.Arrays.binarySearch(frames, w) + 1;
            out.add(ImageIO.read(tmp.resolve(String.format("f%03d.png", i)).toFile()));
        }
        return out;
    }

    /** The health colour seen in a card's stripe, by nearest palette colour; null if none is near. */
    static Health seen(BufferedImage img, Rectangle2D card, double scale) {
        int x = (int) Math.round((card.getX() + 6) * scale);
        int y = (int) Math.round(card.getCenterY() * scale);
        int r = 0;
        int g = 0;
        int b = 0;
        int n = 0;
        for (int dy = -3; dy <= 3; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int p = img.getRGB(x + dx, y + dy);
                r += (p >> 16) & 0xff;
                g += (p >> 8) & 0xff;
                b += p & 0xff;
                n++;
            }
        }
        r /= n;
        g /= n;
        b /= n;
        Health best = null;
        double bestD = 70;
        for (Health h : Health.values()) {
            java.awt.Color c = Palette.health(h);
            double d = Math.sqrt(Math.pow(c.getRed() - r, 2) + Math.pow(c.getGreen() - g, 2) + Math.pow(c.getBlue() - b, 2));
            if (d < bestD) {
                bestD = d;
                best = h;
            }
        }
        return best;
    }

    /**
     * What the trace says, from its raw buckets: DOWN when, every second of
     * [t − 20 s, t + 10 s], the pool is full with a queue or most requests fail; OK when every
     * second there has fewer than 5 % failures and a pool under 80 %; null when neither holds.
     */
    static Health expected(Trace trace, String service, int second) {
        Trace.ServiceSeries s = trace.service(service);
        boolean down = true;
        boolean ok = true;
        for (int i = Math.max(0, second - 20); i <= Math.min(s.series().size() - 1, second + 10); i++) {
            Trace.Bucket b = s.series().get(i);
            int done = b.ok() + b.fallback() + b.rejected() + b.timedOut() + b.failed() + b.fastFailed();
            int failures = b.rejected() + b.timedOut() + b.failed() + b.fastFailed();
            boolean full = s.threads() > 0 && b.active() >= s.threads() && b.queued() > 0;
            down &= full || done > 0 && failures * 2 >= done;
            ok &= failures * 20 < Math.max(1, done) && (s.threads() == 0 || b.active() < 0.8 * s.threads())
                    && b.fallback() * 20 < Math.max(1, done);
        }
        return down ? Health.DOWN : ok ? Health.OK : null;
    }

    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    /** A cue as parsed. */
    record Vtt(long startMs, long endMs, String text) {
    }

    /** Parses WebVTT strictly enough: signature, blocks, timings, non-empty payloads. */
    static List<Vtt> parseVtt(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("WEBVTT");
        String[] blocks = text.split("\n\n");
        assertThat(blocks[0].lines().findFirst().orElse("")).matches("WEBVTT( .*)?");
        List<Vtt> cues = new ArrayList<>();
        for (int i = 1; i < blocks.length; i++) {
            List<String> lines = blocks[i].strip().lines().toList();
            int k = 0;
            if (!lines.get(0).contains("-->")) {
                assertThat(lines.get(0)).doesNotContain("-->");
                k = 1;
            }
            Matcher m = TIMING.matcher(lines.get(k));
            assertThat(m.matches()).as("timing line %s", lines.get(k)).isTrue();
            long start = ms(m, 1);
            long end = ms(m, 5);
            assertThat(end).isGreaterThan(start);
            String payload = String.join("\n", lines.subList(k + 1, lines.size()));
            assertThat(payload).isNotBlank().doesNotContain("-->");
            cues.add(new Vtt(start, end, payload.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")));
        }
        return cues;
    }

    private static long ms(Matcher m, int g) {
        return Long.parseLong(m.group(g)) * 3_600_000 + Long.parseLong(m.group(g + 1)) * 60_000
                + Long.parseLong(m.group(g + 2)) * 1000 + Long.parseLong(m.group(g + 3));
    }
}
