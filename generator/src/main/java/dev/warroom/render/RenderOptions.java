package dev.warroom.render;

import dev.warroom.story.Storyboard;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to render. Build from {@link #defaults()} and the {@code with…} methods.
 *
 * @param width          video width (even); the SVG frames are always 1280x720 user units, scalable
 * @param height         video height (even)
 * @param crf            x264 constant rate factor: lower is better and bigger (23 is x264's default)
 * @param preset         x264 preset
 * @param x264Params     x264 options over the preset ({@code key=value:key=value}), or empty
 * @param encoderThreads x264 threads
 * @param paintThreads   threads painting frames while the encoder runs
 * @param story          keyframe step, fps, target length
 * @param cacheDir       content-hash cache root, or null to always render
 * @param out            where {@code <name>/} folders are published, or null to leave results in the cache
 * @param svg            write the SVG frames and manifest
 * @param video          write the MP4 and poster
 * @param progress       receives progress as work goes on
 */
public record RenderOptions(int width, int height, int crf, String preset, String x264Params, int encoderThreads, int paintThreads,
                            Storyboard.Options story, Path cacheDir, Path out, boolean svg, boolean video,
                            Consumer<Progress> progress) {

    public RenderOptions {
        if (width < 320 || height < 180 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("size: must be even and at least 320x180, got " + width + "x" + height);
        }
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf: must be 0..51, got " + crf);
        }
        if (encoderThreads < 1 || paintThreads < 1) {
            throw new IllegalArgumentException("threads: must be at least 1");
        }
        if (x264Params == null) {
            x264Params = "";
        }
        if (!x264Params.isEmpty() && !x264Params.matches("[a-z0-9-]+=[^:=]+(:[a-z0-9-]+=[^:=]+)*")) {
            throw new IllegalArgumentException("x264 params: expected key=value:key=value, got '" + x264Params + "'");
        }
        if (progress == null) {
            progress = p -> { };
        }
    }

    /**
     * Humble Video's libx264 is built without its assembly, so motion search dominates the cost.
     * Our frames are flat diagrams whose only motion is small dots: a diamond search with
     * one-step subpixel refinement finds the same matches. Measured on problem one's frames
     * (300 frames, CRF 23, veryfast): CPU per frame down about 25 %, same PSNR (44.4 dB), 4 % bigger.
     */
    public static final String DIAGRAM_TUNING = "me=dia:subme=1";

    /** 1280x720 at 30 fps, CRF 23, veryfast, x264 threads twice the cores, cache in the repository's {@code .warroom-cache/render}. */
    public static RenderOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        // x264 frame threads beyond the cores keep both cores busy while frames are handed over
        // (measured on 2 cores: 4 threads 25 s, 2 threads 34 s for problem one's baseline)
        return new RenderOptions(1280, 720, 23, "veryfast", DIAGRAM_TUNING, Math.max(2, 2 * cores), Math.max(1, cores),
                Storyboard.Options.DEFAULT, defaultCache(), null, true, true, p -> { });
    }

    /**
     * {@code .warroom-cache/render} at the repository root: the nearest folder up from the
     * working directory that holds {@code .git} (a folder, or a file in a worktree), else the
     * working directory. So a build started from a module folder shares the root's cache.
     */
    static Path defaultCache() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p.resolve(".git"))) {
                return p.resolve(".warroom-cache").resolve("render");
            }
        }
        return cwd.resolve(".warroom-cache").resolve("render");
    }

    public RenderOptions withSize(int w, int h) {
        return new RenderOptions(w, h, crf, preset, x264Params, encoderThreads, paintThreads, story, cacheDir, out, svg, video, progress);
    }

    public RenderOptions withFps(int fps) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoderThreads, paintThreads, story.withFps(fps), cacheDir, out,
                svg, video, progress);
    }

    public RenderOptions withStory(Storyboard.Options s) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoderThreads, paintThreads, s, cacheDir, out, svg, video, progress);
    }

    public RenderOptions withCacheDir(Path dir) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoderThreads, paintThreads, story, dir, out, svg, video, progress);
    }

    public RenderOptions withOut(Path dir) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoderThreads, paintThreads, story, cacheDir, dir, svg, video, progress);
    }

    public RenderOptions withOutputs(boolean svgFrames, boolean mp4) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoderThreads, paintThreads, story, cacheDir, out, svgFrames, mp4,
                progress);
    }

    public RenderOptions withThreads(int encoder, int paint) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoder, paint, story, cacheDir, out, svg, video, progress);
    }

    public RenderOptions withProgress(Consumer<Progress> p) {
        return new RenderOptions(width, height, crf, preset, x264Params, encoderThreads, paintThreads, story, cacheDir, out, svg, video, p);
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
