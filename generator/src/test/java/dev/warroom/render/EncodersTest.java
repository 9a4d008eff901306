package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.story.Storyboard;
import dev.warroom.testing.TraceFixture;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two encoders against each other: the same painted frames through ffmpeg and through
 * Humble Video, then both files checked by ffprobe (codec, pixel format, size, frame count,
 * timestamps, duration), by their atoms (faststart), and by ffmpeg's PSNR filter against the
 * source frames and against each other.
 */
@org.junit.jupiter.api.Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncodersTest {
    static final int W = 1280;
    static final int H = 720;
    static final int FPS = 30;

    Path tmp;
    Path source;
    Path ffmpeg;
    Path humble;
    int frames;

    @BeforeAll
    void encodeTheSameFramesWithBoth(@TempDir Path dir) throws Exception {
        VideoChecks.assume("ffprobe");
        Assumptions.assumeTrue(FfmpegEncoder.available(), "ffmpeg with libx264 is not installed");
        Assumptions.assumeTrue(HumbleEncoder.available(), "Humble Video has no natives here");
        tmp = dir;
        var story = new Storyboard.Options(60_000, FPS, 3, 1, 5, 0);
        Storyboard sb = Storyboard.of(TraceFixture.scene(), TraceFixture.trace(), story);
        frames = Math.min(75, sb.frames());
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        List<int[]> painted = new ArrayList<>();
        source = tmp.resolve("source.bgr0");
        try (OutputStream raw = Files.newOutputStream(source)) {
            byte[] bytes = new byte[W * H * 4];
            for (int i = 0; i < frames; i++) {
                Painter.paint(g, sb, sb.frame((int) ((long) i * sb.frames() / frames)), W, H);
                painted.add(px.clone());
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(px);
                raw.write(bytes);
            }
        }
        RenderOptions o = RenderOptions.defaults();
        ffmpeg = encode(EncoderChoice.FFMPEG, painted, o);
        humble = encode(EncoderChoice.HUMBLE, painted, o);
    }

    private Path encode(EncoderChoice kind, List<int[]> painted, RenderOptions o) throws Exception {
        Path mp4 = tmp.resolve(kind.name().toLowerCase() + ".mp4");
        try (VideoEncoder e = VideoEncoder.open(kind, mp4, W, H, FPS, o)) {
            BufferedImage canvas = new BufferedImage(W, H, e.imageType());
            byte[] buf = new byte[e.frameBytes()];
            for (int[] frame : painted) {
                canvas.setRGB(0, 0, W, H, frame, 0, W);
                e.pack(canvas, buf);
                e.write(buf);
            }
        }
        return mp4;
    }

    @Test
    void bothWriteTheSameStreamContract() throws Exception {
        for (Path mp4 : List.of(ffmpeg, humble)) {
            JsonNode info = VideoChecks.probe(mp4);
            JsonNode v = info.get("streams").get(0);
            assertThat(v.get("codec_name").asText()).as("%s", mp4).isEqualTo("h264");
            assertThat(v.get("pix_fmt").asText()).as("%s", mp4).isEqualTo("yuv420p");
            assertThat(v.get("width").asInt()).isEqualTo(W);
            assertThat(v.get("height").asInt()).isEqualTo(H);
            assertThat(v.get("r_frame_rate").asText()).as("%s", mp4).isEqualTo("30/1");
            assertThat(v.get("avg_frame_rate").asText()).as("%s", mp4).isEqualTo("30/1");
            assertThat(v.get("nb_read_frames").asInt()).as("%s", mp4).isEqualTo(frames);
            assertThat(info.get("format").get("duration").asDouble()).as("%s", mp4).isCloseTo(frames / 30.0, within(0.05));
            List<String> atoms = VideoChecks.atoms(mp4);
            assertThat(atoms.indexOf("moov")).as("faststart in %s: %s", mp4, atoms).isBetween(0, atoms.indexOf("mdat"));
        }
    }

    @Test
    void bothShowEveryFrameAtTheSameTimestamps() throws Exception {
        List<Double> a = timestamps(ffmpeg);
        List<Double> b = timestamps(humble);
        assertThat(a).hasSize(frames);
        assertThat(b).hasSize(frames);
        for (int i = 0; i < frames; i++) {
            assertThat(a.get(i)).as("ffmpeg frame %d", i).isCloseTo(i / 30.0, within(0.001));
            assertThat(b.get(i)).as("humble frame %d", i).isCloseTo(i / 30.0, within(0.001));
        }
    }

    @Test
    void bothDecodeToTheSourcePicturesAndToEachOther() throws Exception {
        String src = "[0:v]format=yuv420p[s];";
        double ffmpegVsSource = psnr(List.of(rawInput(), List.of("-i", ffmpeg.toString())), src + "[1:v]format=yuv420p[e];[e][s]psnr");
        double humbleVsSource = psnr(List.of(rawInput(), List.of("-i", humble.toString())), src + "[1:v]format=yuv420p[e];[e][s]psnr");
        double between = psnr(List.of(List.of("-i", ffmpeg.toString()), List.of("-i", humble.toString())), "[0:v][1:v]psnr");
        System.out.printf("PSNR vs source: ffmpeg %.2f dB, humble %.2f dB; ffmpeg vs humble %.2f dB%n", ffmpegVsSource,
                humbleVsSource, between);
        // CRF 23 on flat diagrams: both well above 40 dB (visually lossless is about 45); a wrong
        // colour conversion (RGB order, full vs limited range) costs more than 10 dB
        assertThat(ffmpegVsSource).isGreaterThan(40);
        assertThat(humbleVsSource).isGreaterThan(40);
        assertThat(between).isGreaterThan(40);
        assertThat(Math.abs(ffmpegVsSource - humbleVsSource)).as("same quality").isLessThan(3);
    }

    private List<String> rawInput() {
        return List.of("-f", "rawvideo", "-pix_fmt", "bgr0", "-s", W + "x" + H, "-r", "30", "-i", source.toString());
    }

    private static final Pattern AVERAGE = Pattern.compile("PSNR y:[\\d.inf]+ u:[\\d.inf]+ v:[\\d.inf]+ average:([\\d.]+)");

    private static double psnr(List<List<String>> inputs, String graph) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats"));
        inputs.forEach(cmd::addAll);
        cmd.addAll(List.of("-lavfi", graph, "-f", "null", "-"));
        String log = VideoChecks.run(cmd);
        Matcher m = AVERAGE.matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static List<Double> timestamps(Path mp4) throws Exception {
        String json = VideoChecks.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "frame=best_effort_timestamp_time", "-of", "json", mp4.toString()));
        List<Double> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(json).get("frames")) {
            out.add(f.get("best_effort_timestamp_time").asDouble());
        }
        return out;
    }
}
