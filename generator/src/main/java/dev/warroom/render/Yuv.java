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
        int n = w * h;
        // luma: one flat counted loop, which C2 can unroll and vectorise
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            out[i] = (byte) (((66 * ((p >> 16) & 0xff) + 129 * ((p >> 8) & 0xff) + 25 * (p & 0xff) + 128) >> 8) + 16);
        }
        int cw = w / 2;
        int uOff = n;
        int vOff = n + cw * (h / 2);
        for (int y = 0; y < h; y += 2) {
            int row0 = y * w;
            int row1 = row0 + w;
            int c = (y / 2) * cw;
            for (int x = 0; x < w; x += 2) {
                int p00 = rgb[row0 + x];
                int p01 = rgb[row0 + x + 1];
                int p10 = rgb[row1 + x];
                int p11 = rgb[row1 + x + 1];
                int r = ((p00 >> 16) & 0xff) + ((p01 >> 16) & 0xff) + ((p10 >> 16) & 0xff) + ((p11 >> 16) & 0xff);
                int g = ((p00 >> 8) & 0xff) + ((p01 >> 8) & 0xff) + ((p10 >> 8) & 0xff) + ((p11 >> 8) & 0xff);
                int b = (p00 & 0xff) + (p01 & 0xff) + (p10 & 0xff) + (p11 & 0xff);
                // averages of 4: the coefficients are scaled by 2^8 and the sums by 4, so shift by 10
                out[uOff + c] = (byte) (((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128);
                out[vOff + c] = (byte) (((112 * r - 94 * g - 18 * b + 512) >> 10) + 128);
                c++;
            }
        }
    }
}
