package dev.warroom.render;

import io.humble.video.Codec;
import io.humble.video.Encoder;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.Muxer;
import io.humble.video.MuxerFormat;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.io.IOException;
import java.nio.file.Path;

/**
 * H.264 in MP4 through Humble Video, in process: yuv420p, CRF quality, x264 preset and
 * threads, and the moov atom before mdat (faststart) so the video streams. The only class
 * touching native code. Frames are packed to I420 by {@link Yuv} on the painting workers.
 * Humble Video 0.3.0's libx264 is built without its assembly (about 18 ms of CPU a frame,
 * against about 4 ms for ffmpeg's), and its natives cover Linux x86-64, Windows and Intel macOS only.
 */
final class HumbleEncoder implements VideoEncoder {
    private static volatile Boolean available;

    private final Muxer muxer;
    private final Encoder encoder;
    private final MediaPicture picture;
    private final MediaPacket packet = MediaPacket.make();
    private final int width;
    private final int height;
    private long next;
    private boolean closed;

    /**
     * The FFmpeg inside Humble Video aborts the JVM when two threads open or close codecs at
     * once ("insufficient thread locking around avcodec_open/close"); encoding in parallel is fine.
     */
    private static final Object OPEN_CLOSE = new Object();

    /** Whether Humble Video's native library loads here and has H.264; asked once per process. */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                a = Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264) != null;
            } catch (LinkageError | RuntimeException e) {
                a = false; // no native library for this platform (Apple Silicon, ARM Linux)
            }
            available = a;
        }
        return a;
    }

    HumbleEncoder(Path file, int width, int height, int fps, int crf, String preset, String x264Params, int threads)
            throws IOException {
        this.width = width;
        this.height = height;
        synchronized (OPEN_CLOSE) {
            muxer = Muxer.make(file.toString(), null, "mp4");
            encoder = open(file, fps, crf, preset, x264Params, threads);
        }
        picture = MediaPicture.make(width, height, PixelFormat.Type.PIX_FMT_YUV420P);
        picture.setTimeBase(Rational.make(1, fps));
    }

    private Encoder open(Path file, int fps, int crf, String preset, String x264Params, int threads) throws IOException {
        Codec codec = Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264);
        if (codec == null) {
            throw new IOException("this Humble Video build has no H.264 encoder");
        }
        Encoder encoder = Encoder.make(codec);
        encoder.setWidth(width);
        encoder.setHeight(height);
        encoder.setPixelFormat(PixelFormat.Type.PIX_FMT_YUV420P);
        encoder.setTimeBase(Rational.make(1, fps));
        encoder.setProperty("preset", preset);
        encoder.setProperty("crf", crf);
        if (!x264Params.isEmpty()) {
            encoder.setProperty("x264-params", x264Params);
        }
        encoder.setProperty("threads", threads);
        if (muxer.getFormat().getFlag(MuxerFormat.Flag.GLOBAL_HEADER)) {
            encoder.setFlag(Encoder.Flag.FLAG_GLOBAL_HEADER, true);
        }
        encoder.open(null, null);
        muxer.addNewStream(encoder);
        // an option bag passed to open() is silently ignored for movflags; the property works
        muxer.setProperty("movflags", "faststart");
        try {
            muxer.open(null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + file, e);
        }
        return encoder;
    }

    @Override
    public int frameBytes() {
        return Yuv.size(width, height);
    }

    @Override
    public int imageType() {
        return java.awt.image.BufferedImage.TYPE_INT_RGB;
    }

    @Override
    public void pack(java.awt.image.BufferedImage painted, byte[] out) {
        Yuv.fromRgb(((java.awt.image.DataBufferInt) painted.getRaster().getDataBuffer()).getData(), width, height, out);
    }

    /** Encodes the next frame from I420 bytes. */
    @Override
    public void write(byte[] i420) {
        int[] widths = {width, width / 2, width / 2};
        int[] heights = {height, height / 2, height / 2};
        int src = 0;
        for (int plane = 0; plane < 3; plane++) {
            int line = picture.getLineSize(plane);
            io.humble.ferry.Buffer dst = picture.getData(plane);
            if (line == widths[plane]) {
                dst.put(i420, src, 0, widths[plane] * heights[plane]);
                src += widths[plane] * heights[plane];
            } else {
                for (int y = 0; y < heights[plane]; y++) {
                    dst.put(i420, src, y * line, widths[plane]);
                    src += widths[plane];
                }
            }
            dst.delete();
        }
        picture.setTimeStamp(next++);
        picture.setComplete(true);
        encoder.encode(packet, picture);
        if (packet.isComplete()) {
            muxer.write(packet, false);
        }
    }

    /** Flushes the encoder and writes the index (moved to the front). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        do {
            encoder.encode(packet, null);
            if (packet.isComplete()) {
                muxer.write(packet, false);
            }
        } while (packet.isComplete());
        synchronized (OPEN_CLOSE) {
            muxer.close();
            // release the codec now, under the lock, rather than from a cleaner thread later
            encoder.delete();
            muxer.delete();
            picture.delete();
            packet.delete();
        }
    }

    @Override
    public long externalCpuNanos() {
        return 0;
    }
}
