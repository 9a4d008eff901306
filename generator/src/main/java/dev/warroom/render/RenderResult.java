package dev.warroom.render;

import java.nio.file.Path;

/**
 * What a render wrote, and how to map the video's time to the scenario's clock.
 *
 * @param name      {@code <problem>/<variant>} or {@code <problem>/compare-<left>-vs-<right>}
 * @param dir       the folder holding everything below
 * @param mp4       {@code video.mp4}, or null when video was off
 * @param poster    {@code poster.png}, or null when video was off
 * @param captions  {@code captions.vtt}
 * @param chapters  {@code chapters.vtt}
 * @param frames    the {@code frames/} folder of SVG stills, or null when SVG was off
 * @param manifest  {@code manifest.json}
 * @param clock     the video's clock mapping
 * @param cached    true when nothing was rendered (the cache had it)
 * @param stats     what the work cost
 */
public record RenderResult(String name, Path dir, Path mp4, Path poster, Path captions, Path chapters, Path frames,
                           Path manifest, Clock clock, boolean cached, Stats stats) {

    /**
     * Video time to scenario time: {@code simMs = videoSeconds × speed × 1000} (clamped to the
     * scenario), wall clock = {@code startClockSeconds + simMs / 1000}.
     *
     * @param startClock        the wall clock at video t = 0, {@code HH:MM:SS}
     * @param startClockSeconds the same in seconds since midnight
     * @param speed             simulated seconds per video second
     * @param durationMs        simulated length shown
     * @param videoMs           video length (the end holds the last picture)
     * @param fps               frames per second
     * @param frames            video frame count
     */
    public record Clock(String startClock, int startClockSeconds, double speed, long durationMs, long videoMs, int fps,
                        int frames) {
    }

    /**
     * @param wallMs       wall time of this render (0 when cached)
     * @param videoFrames  frames encoded
     * @param svgFrames    SVG stills written
     * @param svgBytes     their total size
     * @param paintMs      painter time summed over video frames
     * @param encodeMs     encoder thread time (waiting for frames excluded)
     * @param painted      video frames painted (one per frame: the poster is a copy of one)
     * @param encoderCpuMs CPU time of an encoder process outside the JVM (ffmpeg), 0 in process
     */
    public record Stats(long wallMs, int videoFrames, int svgFrames, long svgBytes, long paintMs, long encodeMs, int painted,
                        long encoderCpuMs) {
    }
}
