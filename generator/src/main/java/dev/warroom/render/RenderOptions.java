package dev.warroom.render;

import dev.warroom.story.Storyboard;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to render: immutable, built from {@link #defaults()} with the {@code with…} methods or
 * {@link #toBuilder()}, so adding a setting stays a local change.
 *
 * <ul>
 * <li>{@code width}, {@code height}: video size (even); the SVG frames are always 1280x720 user units, scalable</li>
 * <li>{@code crf}: x264 constant rate factor, lower is better and bigger (23 is x264's default)</li>
 * <li>{@code preset}: x264 preset; {@code x264Params}: x264 options over it ({@code key=value:key=value}), or empty</li>
 * <li>{@code encoder}: which H.264 encoder writes the MP4 ({@link EncoderChoice#AUTO}: ffmpeg when on the PATH)</li>
 * <li>{@code encoderThreads}: x264 threads; {@code paintThreads}: threads painting frames while the encoder runs</li>
 * <li>{@code story}: keyframe step, fps, target length</li>
 * <li>{@code cacheDir}: content-hash cache root, or null to always render; {@code out}: where {@code <name>/}
 * folders are published, or null to leave results in the cache</li>
 * <li>{@code svg}: write the SVG frames and manifest; {@code video}: write the MP4 and poster</li>
 * <li>{@code stillsFromMs}: SVG frames only from this simulated moment on (a decision branch's are its parent's before)</li>
 * <li>{@code progress}: receives progress as work goes on</li>
 * </ul>
 */
public final class RenderOptions {
    private final int width;
    private final int height;
    private final int crf;
    private final String preset;
    private final String x264Params;
    private final EncoderChoice encoder;
    private final int encoderThreads;
    private final int paintThreads;
    private final Storyboard.Options story;
    private final Path cacheDir;
    private final Path out;
    private final boolean svg;
    private final boolean video;
    private final long stillsFromMs;
    private final Consumer<Progress> progress;

    private RenderOptions(Builder b) {
        if (b.width < 320 || b.height < 180 || b.width % 2 != 0 || b.height % 2 != 0) {
            throw new IllegalArgumentException("size: must be even and at least 320x180, got " + b.width + "x" + b.height);
        }
        if (b.crf < 0 || b.crf > 51) {
            throw new IllegalArgumentException("crf: must be 0..51, got " + b.crf);
        }
        if (b.encoderThreads < 1 || b.paintThreads < 1) {
            throw new IllegalArgumentException("threads: must be at least 1");
        }
        String params = b.x264Params == null ? "" : b.x264Params;
        if (!params.isEmpty() && !params.matches("[a-z0-9-]+=[^:=]+(:[a-z0-9-]+=[^:=]+)*")) {
            throw new IllegalArgumentException("x264 params: expected key=value:key=value, got '" + params + "'");
        }
        width = b.width;
        height = b.height;
        crf = b.crf;
        preset = Objects.requireNonNull(b.preset, "preset");
        x264Params = params;
        encoder = Objects.requireNonNull(b.encoder, "encoder");
        encoderThreads = b.encoderThreads;
        paintThreads = b.paintThreads;
        story = Objects.requireNonNull(b.story, "story");
        cacheDir = b.cacheDir;
        out = b.out;
        svg = b.svg;
        video = b.video;
        stillsFromMs = Math.max(0, b.stillsFromMs);
        progress = b.progress == null ? p -> { } : b.progress;
    }

    /**
     * Our frames are flat diagrams whose only motion is small dots: a diamond search with
     * one-step subpixel refinement finds the same matches as the preset's. Measured on problem
     * one's frames (300 frames, CRF 23, veryfast): CPU per frame down about 25 %, same PSNR (44.4 dB), 4 % bigger.
     */
    public static final String DIAGRAM_TUNING = "me=dia:subme=1";

    /** 1280x720 at 30 fps, CRF 23, veryfast, encoder chosen automatically, cache in the repository's {@code .warroom-cache/render}. */
    public static RenderOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        Builder b = new Builder();
        b.width = 1280;
        b.height = 720;
        b.crf = 23;
        b.preset = "veryfast";
        b.x264Params = DIAGRAM_TUNING;
        b.encoder = EncoderChoice.AUTO;
        // x264 frame threads beyond the cores keep both cores busy while frames are handed over
        // (measured on 2 cores: 4 threads 25 s, 2 threads 34 s for problem one's baseline)
        b.encoderThreads = Math.max(2, 2 * cores);
        b.paintThreads = Math.max(1, cores);
        b.story = Storyboard.Options.DEFAULT;
        b.cacheDir = defaultCache();
        b.svg = true;
        b.video = true;
        return b.build();
    }

    /** {@code .warroom-cache/render} at the repository root (see {@link dev.warroom.cache.CacheDirs#root()}). */
    static Path defaultCache() {
        return dev.warroom.cache.CacheDirs.root().resolve("render");
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int crf() {
        return crf;
    }

    public String preset() {
        return preset;
    }

    public String x264Params() {
        return x264Params;
    }

    public EncoderChoice encoder() {
        return encoder;
    }

    public int encoderThreads() {
        return encoderThreads;
    }

    public int paintThreads() {
        return paintThreads;
    }

    public Storyboard.Options story() {
        return story;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Path out() {
        return out;
    }

    public boolean svg() {
        return svg;
    }

    public boolean video() {
        return video;
    }

    public long stillsFromMs() {
        return stillsFromMs;
    }

    public Consumer<Progress> progress() {
        return progress;
    }

    /** A builder holding these options, to change several at once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public RenderOptions withSize(int w, int h) {
        return toBuilder().size(w, h).build();
    }

    public RenderOptions withFps(int fps) {
        return toBuilder().story(story.withFps(fps)).build();
    }

    public RenderOptions withStory(Storyboard.Options s) {
        return toBuilder().story(s).build();
    }

    public RenderOptions withCacheDir(Path dir) {
        return toBuilder().cacheDir(dir).build();
    }

    public RenderOptions withOut(Path dir) {
        return toBuilder().out(dir).build();
    }

    public RenderOptions withOutputs(boolean svgFrames, boolean mp4) {
        return toBuilder().outputs(svgFrames, mp4).build();
    }

    public RenderOptions withThreads(int encoderThreads, int paintThreads) {
        return toBuilder().encoderThreads(encoderThreads).paintThreads(paintThreads).build();
    }

    public RenderOptions withEncoder(EncoderChoice e) {
        return toBuilder().encoder(e).build();
    }

    public RenderOptions withStillsFrom(long simMs) {
        return toBuilder().stillsFrom(simMs).build();
    }

    public RenderOptions withProgress(Consumer<Progress> p) {
        return toBuilder().progress(p).build();
    }

    @Override
    public String toString() {
        return width + "x" + height + " crf " + crf + " " + preset + " '" + x264Params + "' encoder " + encoder + " "
                + story + " svg " + svg + (stillsFromMs > 0 ? " from " + stillsFromMs : "") + " video " + video;
    }

    /** Changes to a copy of some options; {@link #build()} validates. */
    public static final class Builder {
        private int width;
        private int height;
        private int crf;
        private String preset;
        private String x264Params;
        private EncoderChoice encoder;
        private int encoderThreads;
        private int paintThreads;
        private Storyboard.Options story;
        private Path cacheDir;
        private Path out;
        private boolean svg;
        private long stillsFromMs;
        private boolean video;
        private Consumer<Progress> progress;

        private Builder() {
        }

        private Builder(RenderOptions o) {
            width = o.width;
            height = o.height;
            crf = o.crf;
            preset = o.preset;
            x264Params = o.x264Params;
            encoder = o.encoder;
            encoderThreads = o.encoderThreads;
            paintThreads = o.paintThreads;
            story = o.story;
            cacheDir = o.cacheDir;
            out = o.out;
            svg = o.svg;
            stillsFromMs = o.stillsFromMs;
            video = o.video;
            progress = o.progress;
        }

        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        public Builder crf(int c) {
            crf = c;
            return this;
        }

        public Builder preset(String p) {
            preset = p;
            return this;
        }

        public Builder x264Params(String p) {
            x264Params = p;
            return this;
        }

        public Builder encoder(EncoderChoice e) {
            encoder = e;
            return this;
        }

        public Builder encoderThreads(int n) {
            encoderThreads = n;
            return this;
        }

        public Builder paintThreads(int n) {
            paintThreads = n;
            return this;
        }

        public Builder story(Storyboard.Options s) {
            story = s;
            return this;
        }

        public Builder fps(int fps) {
            story = story.withFps(fps);
            return this;
        }

        public Builder cacheDir(Path dir) {
            cacheDir = dir;
            return this;
        }

        public Builder out(Path dir) {
            out = dir;
            return this;
        }

        public Builder stillsFrom(long simMs) {
            stillsFromMs = simMs;
            return this;
        }

        public Builder outputs(boolean svgFrames, boolean mp4) {
            svg = svgFrames;
            video = mp4;
            return this;
        }

        public Builder progress(Consumer<Progress> p) {
            progress = p;
            return this;
        }

        public RenderOptions build() {
            return new RenderOptions(this);
        }
    }

    /**
     * Progress of one render.
     *
     * @param name  what is rendered, e.g. {@code bank-api-slow/baseline}
     * @param stage {@code svg}, {@code video}, {@code cached}, {@code done}
     * @param done  units done
     * @param total units in all
     */
    public record Progress(String name, String stage, int done, int total) {
    }
}
