package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** RGB → I420 against the BT.601 limited-range formulas in floating point. */
class YuvTest {
    @Test
    void matchesBt601WithinOneLevel() {
        int[] colours = {0x000000, 0xFFFFFF, 0x009E73, 0xE69F00, 0xD55E00, 0x56B4E9, 0x0F172A};
        for (int c : colours) {
            int[] rgb = new int[4 * 2];
            java.util.Arrays.fill(rgb, c);
            byte[] out = new byte[Yuv.size(4, 2)];
            Yuv.fromRgb(rgb, 4, 2, out);
            double r = (c >> 16) & 0xff;
            double g = (c >> 8) & 0xff;
            double b = c & 0xff;
            double y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255;
            double u = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255;
            double v = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255;
            assertThat((double) (out[0] & 0xff)).as("Y of %06x", c).isCloseTo(y, within(1.0));
            assertThat((double) (out[8] & 0xff)).as("U of %06x", c).isCloseTo(u, within(1.0));
            assertThat((double) (out[10] & 0xff)).as("V of %06x", c).isCloseTo(v, within(1.0));
        }
    }
}
