package dev.warroom.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.sim.Trace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the simulation and the renderer hand to the site: per problem, the videos and SVG
 * frames of each variant and the numeric quiz answers computed from the traces. The site
 * needs nothing else; {@link #none()} builds a site without media.
 *
 * @param problems media by problem id; a problem without an entry has none
 */
public record SiteMedia(Map<String, ProblemMedia> problems) {
    public SiteMedia {
        problems = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(problems, "problems")));
    }

    /** No videos, no frames, no computed answers. */
    public static SiteMedia none() {
        return new SiteMedia(Map.of());
    }

    /** The media of a problem, empty if there are none. */
    public ProblemMedia of(String problemId) {
        return problems.getOrDefault(problemId, ProblemMedia.EMPTY);
    }

    /**
     * One problem's media.
     *
     * @param variants media by variant id ({@code baseline} included, then any decision branch), in display order
     * @param answers  numeric quiz answers by question id, computed from the simulation: the
     *                 only source of a numeric question's correct value
     * @param traces   traces by variant or branch id, for the drill's dashboards (may be empty: no dashboards)
     * @param outcomes what each decision branch led to
     */
    public record ProblemMedia(Map<String, VariantMedia> variants, Map<String, Double> answers,
                               Map<String, Trace> traces, DrillOutcomes outcomes) {
        static final ProblemMedia EMPTY = new ProblemMedia(Map.of(), Map.of());

        public ProblemMedia {
            variants = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(variants, "variants")));
            answers = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(answers, "answers")));
            traces = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(traces, "traces")));
            outcomes = Objects.requireNonNull(outcomes, "outcomes");
        }

        /** Pictures and answers only: no dashboards, no decision outcomes. */
        public ProblemMedia(Map<String, VariantMedia> variants, Map<String, Double> answers) {
            this(variants, answers, Map.of(), DrillOutcomes.NONE);
        }
    }

    /**
     * One variant's pictures.
     *
     * @param title      shown above the player
     * @param video      the animation, or null
     * @param comparison the side-by-side with the variant it is compared with, or null
     * @param frames     SVG keyframes for the stepper, in clock order (may be empty)
     */
    public record VariantMedia(String title, Video video, Video comparison, List<Frame> frames) {
        public VariantMedia {
            Objects.requireNonNull(title, "title");
            frames = List.copyOf(frames == null ? List.of() : frames);
        }
    }

    /**
     * A video file with its poster and WebVTT tracks.
     *
     * @param mp4                      H.264 MP4
     * @param poster                   PNG or JPEG shown before playing, or null
     * @param captionsVtt              captions (on by default), or null
     * @param chaptersVtt              chapters, or null
     * @param clockStartSecondsOfDay   the scenario clock at video time 0
     * @param simSecondsPerVideoSecond how much simulated time one second of video shows
     */
    public record Video(Path mp4, Path poster, Path captionsVtt, Path chaptersVtt, int clockStartSecondsOfDay,
                        double simSecondsPerVideoSecond) {
        public Video {
            Objects.requireNonNull(mp4, "mp4");
            if (!(simSecondsPerVideoSecond > 0)) {
                throw new IllegalArgumentException("simSecondsPerVideoSecond must be > 0, got " + simSecondsPerVideoSecond);
            }
        }
    }

    /**
     * One SVG keyframe.
     *
     * @param svg          the file
     * @param clockSeconds scenario clock, seconds since midnight
     * @param caption      what the frame shows, plain text
     */
    public record Frame(Path svg, int clockSeconds, String caption) {
        public Frame {
            Objects.requireNonNull(svg, "svg");
            caption = caption == null ? "" : caption;
        }
    }

    /**
     * The video a renderer's {@code manifest.json} describes ({@code video}, {@code poster},
     * {@code captions}, {@code chapters} relative to it; {@code start_clock_seconds}, {@code speed}),
     * or null when it lists no video.
     */
    public static Video videoFromManifest(Path manifest) throws IOException {
        JsonNode m = new ObjectMapper().readTree(manifest.toFile());
        Path dir = manifest.toAbsolutePath().getParent();
        String mp4 = text(m, "video");
        if (mp4 == null) {
            return null;
        }
        if (!m.has("start_clock_seconds") || !m.has("speed")) {
            throw new IOException(manifest + ": a video needs 'start_clock_seconds' and 'speed'");
        }
        return new Video(dir.resolve(mp4), file(dir, text(m, "poster")), file(dir, text(m, "captions")),
                file(dir, text(m, "chapters")), m.get("start_clock_seconds").asInt(), m.get("speed").asDouble());
    }

    private static String text(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Path file(Path dir, String name) {
        if (name == null) {
            return null;
        }
        Path p = dir.resolve(name);
        return java.nio.file.Files.exists(p) ? p : null;
    }

    /**
     * Frames listed by a renderer's {@code manifest.json}:
     * {@code [{"file":"frame-0001.svg","clock_seconds":50400,"caption":"..."}]}, files relative
     * to the manifest.
     */
    public static List<Frame> framesFromManifest(Path manifest) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        JsonNode list = root.isArray() ? root : root.path("frames");
        if (!list.isArray()) {
            throw new IOException(manifest + ": expected an array of frames (or {\"frames\": [...]})");
        }
        Path dir = manifest.toAbsolutePath().getParent();
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : list) {
            String file = f.path("file").asText(null);
            if (file == null || !f.has("clock_seconds")) {
                throw new IOException(manifest + ": frame " + (frames.size() + 1) + " needs 'file' and 'clock_seconds'");
            }
            JsonNode caption = f.get("caption");
            frames.add(new Frame(dir.resolve(file), f.get("clock_seconds").asInt(),
                    caption == null || caption.isNull() ? "" : caption.asText()));
        }
        return List.copyOf(frames);
    }
}
