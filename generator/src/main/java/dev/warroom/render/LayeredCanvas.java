package dev.warroom.render;

import dev.warroom.story.Frame;
import dev.warroom.story.Storyboard;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * A video canvas that paints a storyboard's backdrop (background, titles, panels, the edges'
 * lines, legend, timeline ends) once, then for each frame copies it and paints only what
 * moves: cards, dots, badges, clock and playhead. Same pixels as {@link Painter#paint} (a test
 * compares them), about half the time: the backdrop is most of the antialiased area and text.
 * One per painting thread: it is not thread-safe.
 */
final class LayeredCanvas {
    private final int width;
    private final int height;
    private final BufferedImage image;
    private final Graphics2D g;
    private final Object pixels;
    private final Object backdrop;
    /** The storyboard the backdrop belongs to; a storyboard's panes do not change between frames. */
    private Storyboard painted;

    LayeredCanvas(int width, int height, int imageType) {
        this.width = width;
        this.height = height;
        image = new BufferedImage(width, height, imageType);
        g = image.createGraphics();
        pixels = data(image);
        BufferedImage back = new BufferedImage(width, height, imageType);
        backdrop = data(back);
    }

    private static Object data(BufferedImage img) {
        DataBuffer b = img.getRaster().getDataBuffer();
        if (b instanceof DataBufferByte bytes) {
            return bytes.getData();
        }
        if (b instanceof DataBufferInt ints) {
            return ints.getData();
        }
        throw new IllegalArgumentException("image type: expected byte or int pixels, got " + img.getType());
    }

    /** Paints frame {@code f} of {@code sb} and returns the canvas (valid until the next call). */
    BufferedImage paint(Storyboard sb, Frame f) {
        if (painted != sb) {
            Painter.paint(g, sb, f, width, height, Painter.Layer.BACKDROP);
            System.arraycopy(pixels, 0, backdrop, 0, java.lang.reflect.Array.getLength(pixels));
            painted = sb;
        } else {
            System.arraycopy(backdrop, 0, pixels, 0, java.lang.reflect.Array.getLength(pixels));
        }
        Painter.paint(g, sb, f, width, height, Painter.Layer.MOTION);
        return image;
    }
}
