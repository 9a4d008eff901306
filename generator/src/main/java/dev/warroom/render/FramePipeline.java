package dev.warroom.render;

import dev.warroom.story.Storyboard;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Paints video frames on a pool of workers (paint + pack for the encoder per worker, each
 * with its own {@link LayeredCanvas}) while the calling thread hands them to the encoder in order. The
 * window of frames in flight is bounded, and so is memory: frame buffers are recycled. Each
 * frame is painted exactly once; the poster is a copy of one of them, not painted again.
 */
final class FramePipeline {
    private FramePipeline() {
    }

    /**
     * What encoding took.
     *
     * @param paintNanos     wall time painting and packing, summed over the workers
     * @param encodeNanos    wall time the calling thread spent handing frames to the encoder and finishing it
     * @param encoderCpuNanos CPU time of an encoder outside this JVM (ffmpeg), 0 for one in process
     * @param painted        frames painted
     * @param poster         a copy of frame {@code posterFrame}
     */
    record Timing(long paintNanos, long encodeNanos, long encoderCpuNanos, int painted, BufferedImage poster) {
    }

    /** Encodes every frame of {@code sb} into {@code file} with encoder {@code kind}; {@code progress} gets the frames done. */
    static Timing encode(Storyboard sb, ExecutorService pool, int threads, RenderOptions o, EncoderChoice kind, Path file,
                         int posterFrame, IntConsumer progress) throws IOException {
        int w = o.width();
        int h = o.height();
        int window = Math.max(2, threads * 2);
        AtomicLong paintNanos = new AtomicLong();
        AtomicInteger painted = new AtomicInteger();
        BufferedImage poster = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
        int frames = sb.frames();
        int submitted = 0;
        long encodeNanos = 0;
        VideoEncoder encoder = VideoEncoder.open(kind, file, w, h, sb.fps(), o);
        ThreadLocal<LayeredCanvas> canvases = ThreadLocal.withInitial(() -> new LayeredCanvas(w, h, encoder.imageType()));
        try {
            BlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(window + 1);
            for (int i = 0; i <= window; i++) {
                buffers.add(new byte[encoder.frameBytes()]);
            }
            for (int done = 0; done < frames; done++) {
                while (submitted < frames && inFlight.size() < window) {
                    int n = submitted++;
                    inFlight.add(pool.submit(() -> {
                        byte[] out = buffers.take();
                        long t0 = System.nanoTime();
                        BufferedImage image = canvases.get().paint(sb, sb.frame(n));
                        painted.incrementAndGet();
                        if (n == posterFrame) {
                            poster.setData(image.getRaster());
                        }
                        encoder.pack(image, out);
                        paintNanos.addAndGet(System.nanoTime() - t0);
                        return out;
                    }));
                }
                byte[] frame = inFlight.poll().get();
                long t0 = System.nanoTime();
                encoder.write(frame);
                encodeNanos += System.nanoTime() - t0;
                buffers.add(frame);
                progress.accept(done + 1);
            }
            long t0 = System.nanoTime();
            encoder.close();
            encodeNanos += System.nanoTime() - t0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while encoding " + file, e);
        } catch (ExecutionException e) {
            throw new IOException("painting a frame failed: " + e.getCause(), e.getCause());
        } finally {
            for (Future<byte[]> f : inFlight) {
                f.cancel(true);
            }
            encoder.close();
        }
        return new Timing(paintNanos.get(), encodeNanos, encoder.externalCpuNanos(), painted.get(), poster);
    }

    /** One frame painted at the video size, for the tests. */
    static BufferedImage still(Storyboard sb, dev.warroom.story.Frame f, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            Painter.paint(g, sb, f, w, h);
        } finally {
            g.dispose();
        }
        return img;
    }
}
