package dev.warroom.render;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One MP4 being written, frame by frame, in order. A frame is painted on an image of the
 * encoder's {@link #imageType() type}, {@link #pack packed} into the bytes the encoder takes
 * — on the painting workers, in parallel — then {@link #write written} on the encoding thread.
 */
interface VideoEncoder extends AutoCloseable {
    /** Opens an encoder of the resolved kind ({@link EncoderChoice#FFMPEG} or {@link EncoderChoice#HUMBLE}). */
    static VideoEncoder open(EncoderChoice kind, Path file, int width, int height, int fps, RenderOptions o) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("size: width and height must be even for yuv420p, got " + width + "x" + height);
        }
        return switch (kind) {
            case FFMPEG -> new FfmpegEncoder(file, width, height, fps, o.crf(), o.preset(), o.x264Params(), o.encoderThreads());
            case HUMBLE -> new HumbleEncoder(file, width, height, fps, o.crf(), o.preset(), o.x264Params(), o.encoderThreads());
            case AUTO -> throw new IllegalArgumentException("resolve the encoder choice first");
        };
    }

    /** Bytes of one packed frame. */
    int frameBytes();

    /** The {@link java.awt.image.BufferedImage} type to paint on, the one {@link #pack} reads cheapest. */
    int imageType();

    /** Packs a frame painted on an image of {@link #imageType()} into {@code out} ({@link #frameBytes()} long); thread-safe. */
    void pack(java.awt.image.BufferedImage painted, byte[] out);

    /** Encodes the next frame. */
    void write(byte[] frame) throws IOException;

    /** Flushes and finishes the file (moov moved before mdat). */
    @Override
    void close() throws IOException;

    /** CPU time spent outside this JVM (a child process) once closed, ns; 0 when the encoder runs in process. */
    long externalCpuNanos();
}
