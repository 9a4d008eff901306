package dev.warroom.render;

/**
 * RGB to YUV 4:2:0 (BT.601, limited range, as ffmpeg's swscale does by default), in fixed
 * point. Runs in the painting workers so the encoder thread only encodes.
 */
final class Yuv {
    private Yuv() {
    }

    /** Bytes of a {@code w}x{@code h} I420 picture (w and h even). */
    static int size(int w, int h) {
        return w * h * 3 / 2;
    }

    /** Converts packed RGB ints ({@code 0xRRGGBB}) into planar I420: Y, then U, then V. */
    static void fromRgb(int[] rgb, int w, int h, byte[] out) {
        int uOff = w * h;
        int vOff = uOff + (w / 2) * (h / 2);
        for (int y = 0; y < h; y += 2) {
            int row0 = y * w;
            int row1 = row0 + w;
            int c = uOff + (y / 2) * (w / 2);
            int cv = vOff + (y / 2) * (w / 2);
            for (int x = 0; x < w; x += 2) {
                int p00 = rgb[row0 + x];
                int p01 = rgb[row0 + x + 1];
                int p10 = rgb[row1 + x];
                int p11 = rgb[row1 + x + 1];
                out[row0 + x] = luma(p00);
                out[row0 + x + 1] = luma(p01);
                out[row1 + x] = luma(p10);
                out[row1 + x + 1] = luma(p11);
                int r = ((p00 >> 16) & 0xff) + ((p01 >> 16) & 0xff) + ((p10 >> 16) & 0xff) + ((p11 >> 16) & 0xff);
                int g = ((p00 >> 8) & 0xff) + ((p01 >> 8) & 0xff) + ((p10 >> 8) & 0xff) + ((p11 >> 8) & 0xff);
                int b = (p00 & 0xff) + (p01 & 0xff) + (p10 & 0xff) + (p11 & 0xff);
                // averages of 4: the coefficients are scaled by 2^8 and the sums by 4, so shift by 10
                out[c++] = (byte) (((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128);
                out[cv++] = (byte) (((112 * r - 94 * g - 18 * b + 512) >> 10) + 128);
            }
        }
    }

    private static byte luma(int p) {
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        return (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
    }
}
