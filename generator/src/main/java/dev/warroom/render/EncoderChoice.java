package dev.warroom.render;

/**
 * Which H.264 encoder writes the videos. Both give the same contract (H.264 in MP4, yuv420p,
 * one frame per painted frame at a constant rate, moov before mdat) with the same x264 settings.
 */
public enum EncoderChoice {
    /** ffmpeg when it is on the PATH (about four times faster), else Humble Video. */
    AUTO,
    /** The ffmpeg command line, fed raw frames through a pipe. */
    FFMPEG,
    /** Humble Video in process (natives for Linux x86-64, Windows, Intel macOS only). */
    HUMBLE;

    /** What {@code --encoder} accepts. */
    public static EncoderChoice parse(String s) {
        for (EncoderChoice c : values()) {
            if (c.name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("expected auto, ffmpeg or humble, got '" + s + "'");
    }

    /** The encoder this choice gets on this machine ({@link #FFMPEG} or {@link #HUMBLE}), or null if it does not work here. */
    public EncoderChoice resolve() {
        return switch (this) {
            case FFMPEG -> FfmpegEncoder.available() ? FFMPEG : null;
            case HUMBLE -> HumbleEncoder.available() ? HUMBLE : null;
            case AUTO -> FfmpegEncoder.available() ? FFMPEG : HumbleEncoder.available() ? HUMBLE : null;
        };
    }

    /** Why this choice gives no video here, and how to get videos: one message for the user. */
    public String unavailable() {
        String install = "install ffmpeg with libx264 (Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg; "
                + "Windows: winget install ffmpeg) and put it on the PATH, or name it with -Dwarroom.ffmpeg=/path/to/ffmpeg";
        return switch (this) {
            case FFMPEG -> "no video encoder: ffmpeg with libx264 was not found (" + FfmpegEncoder.executable() + "); " + install;
            case HUMBLE -> "no video encoder: Humble Video has no native library for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + "; use --encoder ffmpeg: " + install;
            case AUTO -> "no video encoder: neither ffmpeg (" + FfmpegEncoder.executable() + ") nor Humble Video (no native "
                    + "library for " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + ") works here, so only SVG frames are published; to get videos, " + install;
        };
    }
}
