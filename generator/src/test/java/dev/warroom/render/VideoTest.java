package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;
import dev.warroom.testing.Golden;
import dev.warroom.story.Health;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a short video of problem one's real baseline trace once and checks it by independent means: ffprobe,
 * the MP4 atoms, pixels decoded by ffmpeg against the trace's numbers, rsvg-convert on
 * every SVG still, a WebVTT parser against the trace's events, and the cache.
 */
@org.junit.jupiter.api.Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoTest {
    /** Short but real: the whole scenario in about 10 s of 1280x720 at 30 fps. */
    static final Storyboard.Options SHORT = new Storyboard.Options(20_000, 30, 10, 5, 15, 0.5);

    Path tmp;

    SceneSpec scene;
    Trace trace;
    Storyboard sb;
    RenderResult result;
    long coldMs;

    @BeforeAll
    void render(@TempDir Path dir) throws Exception {
        tmp = dir;
        Problem problem = Bank.load(Golden.root().resolve("problems/bank-api-slow")).problems().get(0);
        scene = SceneSpec.of(problem, Problem.BASELINE);
        trace = Simulation.run(problem, Problem.BASELINE);
        sb = Storyboard.of(scene, trace, SHORT);
        long t0 = System.nanoTime();
        result = Renderer.render("bank-api-slow/baseline", sb, List.of(scene), List.of(trace), options());
        coldMs = (System.nanoTime() - t0) / 1_000_000;
    }

    RenderOptions options() {
        return RenderOptions.defaults().withStory(SHORT).withCacheDir(tmp.resolve("cache")).withOut(tmp.resolve("out"));
    }

    @Test
    void writesEveryFile() throws Exception {
        assertThat(result.cached()).isFalse();
        assertThat(result.dir()).isEqualTo(tmp.resolve("out/bank-api-slow/baseline"));
        for (Path p : List.of(result.mp4(), result.poster(), result.captions(), result.chapters(), result.manifest())) {
            assertThat(p).isRegularFile().isNotEmptyFile();
        }
        BufferedImage poster = ImageIO.read(result.poster().toFile());
        assertThat(poster.getWidth()).isEqualTo(1280);
        assertThat(poster.getHeight()).isEqualTo(720);
        assertThat(result.clock().startClock()).isEqualTo("13:55:00");
        assertThat(result.clock().speed()).isEqualTo(sb.speed());
        assertThat(result.clock().frames()).isEqualTo(sb.frames());
    }

    @Test
    void ffprobeSeesH264Yuv420pAtTheRightSizeRateAndLength() throws Exception {
        VideoChecks.assume("ffprobe");
        JsonNode info = VideoChecks.probe(result.mp4());
        JsonNode v = info.get("streams").get(0);
        assertThat(v.get("codec_name").asText()).isEqualTo("h264");
        assertThat(v.get("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(v.get("width").asInt()).isEqualTo(1280);
        assertThat(v.get("height").asInt()).isEqualTo(720);
        assertThat(v.get("r_frame_rate").asText()).isEqualTo("30/1");
        assertThat(v.get("nb_read_frames").asInt()).isEqualTo(sb.frames());
        assertThat(info.get("format").get("duration").asDouble()).isCloseTo(sb.frames() / 30.0, within(0.1));
    }

    @Test
    void moovComesBeforeMdat() throws Exception {
        List<String> atoms = VideoChecks.atoms(result.mp4());
        assertThat(atoms).contains("ftyp", "moov", "mdat");
        assertThat(atoms.indexOf("moov")).as("faststart: %s", atoms).isLessThan(atoms.indexOf("mdat"));
    }

    @Test
    void theEncoderGotTheCrfPresetAndDiagramTuning() throws Exception {
        // x264 writes the settings it encoded with into the stream (an SEI message): read them back
        String stream = new String(java.nio.file.Files.readAllBytes(result.mp4()), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("x264 - core \\d+[^\\x00]*options: ([^\\x00]*)").matcher(stream);
        assertThat(m.find()).as("x264's settings SEI").isTrue();
        List<String> settings = List.of(m.group(1).split(" "));
        assertThat(settings).contains("me=dia", "subme=1", "crf=23.0", "threads=" + options().encoderThreads());
        assertThat(settings).as("veryfast keeps its lookahead").contains("rc_lookahead=10", "mbtree=1");
    }

    @Test
    void malformedX264ParamsAreRefused() {
        RenderOptions o = options();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> o.toBuilder().x264Params("me dia").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x264 params: expected key=value:key=value, got 'me dia'");
    }

    @Test
    void decodedPixelsShowTheHealthTheTraceSays() throws Exception {
        VideoChecks.assume("ffmpeg");
        // (service, simulated second): all healthy in the first minutes; after the Bank slows,
        // Payment, then Order and Cart down; Search, Account and Inventory unharmed
        String[][] checks = {
            {"frontend", "30"}, {"payment", "60"}, {"order", "120"}, {"cart", "120"},
            {"payment", "660"}, {"order", "720"}, {"cart", "900"}, {"search", "900"}, {"account", "1000"},
            {"inventory", "1000"},
        };
        List<Rectangle2D> cards = Painter.cards(scene, Painter.paneRect(0, 1), false);
        int[] frames = new int[checks.length];
        for (int i = 0; i < checks.length; i++) {
            frames[i] = sb.frameOf(Long.parseLong(checks[i][1]) * 1000);
        }
        List<BufferedImage> images = VideoChecks.decode(result.mp4(), frames, tmp.resolve("decoded"));
        int conclusive = 0;
        for (int i = 0; i < checks.length; i++) {
            String service = checks[i][0];
            int second = Integer.parseInt(checks[i][1]);
            Health expected = VideoChecks.expected(trace, service, second);
            if (expected == null) {
                continue; // the trace is between states there (a simulator change may move them); checked below
            }
            conclusive++;
            int node = indexOf(scene, service);
            assertThat(VideoChecks.seen(images.get(i), cards.get(node), 1.0))
                    .as("%s at %s (frame %d)", service, trace.startClock() + "+" + second + "s", frames[i])
                    .isEqualTo(expected);
        }
        assertThat(conclusive).as("points where the trace is clear").isGreaterThanOrEqualTo(checks.length - 2);
        assertThat(VideoChecks.expected(trace, "payment", 660)).isEqualTo(Health.DOWN);
        assertThat(VideoChecks.expected(trace, "frontend", 30)).isEqualTo(Health.OK);
    }

    @Test
    void rsvgRendersEverySvgFrame() throws Exception {
        VideoChecks.assume("rsvg-convert");
        List<String> cmd = new ArrayList<>(List.of("rsvg-convert", "-f", "pdf", "-o", tmp.resolve("all.pdf").toString()));
        try (Stream<Path> s = Files.list(result.frames())) {
            s.sorted().forEach(p -> cmd.add(p.toString()));
        }
        assertThat(cmd).hasSize(5 + sb.keyframeTimes().size());
        VideoChecks.run(cmd);
        assertThat(tmp.resolve("all.pdf")).isNotEmptyFile();
    }

    @Test
    void manifestListsEveryFrameWithItsClockAndCaption() throws Exception {
        JsonNode m = new ObjectMapper().readTree(result.manifest().toFile());
        JsonNode frames = m.get("frames");
        assertThat(frames.size()).isEqualTo(sb.keyframeTimes().size());
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            long t = sb.keyframeTimes().get(i);
            assertThat(f.get("file").asText()).isEqualTo(String.format("frames/frame-%03d.svg", i));
            assertThat(result.dir().resolve(f.get("file").asText())).isRegularFile();
            assertThat(f.get("t_ms").asLong()).isEqualTo(t);
            assertThat(f.get("clock_seconds").asInt()).isEqualTo(14 * 3600 - 5 * 60 + (int) (t / 1000));
            assertThat(f.get("clock").asText()).isEqualTo(dev.warroom.bank.Units.formatClock(f.get("clock_seconds").asInt()));
            Trace.TraceEvent last = null;
            for (Trace.TraceEvent e : trace.events()) {
                if (e.tMs() <= t) {
                    last = e;
                }
            }
            if (last == null) {
                assertThat(f.get("caption").isNull()).as("no caption before the first event, at %d", t).isTrue();
            } else {
                assertThat(f.get("caption").asText()).contains(scene.caption(last.service(), last.kind(), last.text()));
            }
        }
        assertThat(m.get("speed").asDouble()).isEqualTo(sb.speed());
    }

    @Test
    void captionsParseAndMatchTheTraceEvents() throws Exception {
        List<VideoChecks.Vtt> cues = VideoChecks.parseVtt(result.captions());
        for (Trace.TraceEvent e : trace.events()) {
            String text = scene.caption(e.service(), e.kind(), e.text());
            long at = Math.round(e.tMs() / sb.speed());
            assertThat(cues).as("a cue for %s", e).anySatisfy(c -> {
                assertThat(c.text()).contains(text);
                assertThat(c.startMs()).isLessThanOrEqualTo(at);
                assertThat(c.endMs()).isGreaterThan(at);
            });
        }
        List<VideoChecks.Vtt> chapters = VideoChecks.parseVtt(result.chapters());
        assertThat(chapters.get(0).startMs()).isZero();
        assertThat(chapters.get(chapters.size() - 1).endMs()).isEqualTo(sb.videoMs());
        for (VideoChecks.Vtt c : chapters.subList(1, chapters.size())) {
            assertThat(trace.events()).as("an event opens chapter %s", c).anySatisfy(e -> {
                assertThat(c.text()).isEqualTo(e.clock().substring(0, 5) + " " + scene.caption(e.service(), e.kind(), e.text()));
                assertThat(c.startMs()).isEqualTo(Math.round(e.tMs() / sb.speed()));
            });
        }
    }

    @Test
    void anUnchangedRenderComesFromTheCache() throws Exception {
        long t0 = System.nanoTime();
        RenderResult again = Renderer.render("bank-api-slow/baseline", sb, List.of(scene), List.of(trace), options());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again.cached()).isTrue();
        assertThat(ms).as("cached %d ms vs cold %d ms", ms, coldMs).isLessThan(coldMs);
        assertThat(Files.mismatch(again.mp4(), result.mp4())).isEqualTo(-1L);
        RenderResult other = Renderer.render("bank-api-slow/baseline", sb, List.of(scene), List.of(trace),
                options().withOutputs(true, false).withOut(tmp.resolve("out2")));
        assertThat(other.cached()).as("other options, other key").isFalse();
        assertThat(other.mp4()).isNull();
    }

    private static int indexOf(SceneSpec s, String id) {
        for (int i = 0; i < s.nodes().size(); i++) {
            if (s.nodes().get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
