package dev.warroom.story;

/**
 * Rate functions and clamped interpolation (Remotion's {@code interpolate}, Manim's rate
 * functions): progress 0..1 in, eased progress 0..1 out.
 */
public final class Ease {
    private Ease() {
    }

    /** Cubic ease-in-out: slow start, slow end, so keyframe values settle visibly. */
    public static double inOutCubic(double t) {
        double x = clamp01(t);
        return x < 0.5 ? 4 * x * x * x : 1 - Math.pow(-2 * x + 2, 3) / 2;
    }

    /** Linear blend of {@code a} and {@code b} at progress {@code t}, clamped to [a, b]. */
    public static double lerp(double a, double b, double t) {
        return a + (b - a) * clamp01(t);
    }

    /** Maps {@code x} from [inLo, inHi] to [outLo, outHi], clamped at both ends. */
    public static double interpolate(double x, double inLo, double inHi, double outLo, double outHi) {
        if (inHi == inLo) {
            return outHi;
        }
        return lerp(outLo, outHi, (x - inLo) / (inHi - inLo));
    }

    static double clamp01(double t) {
        return t < 0 ? 0 : t > 1 ? 1 : t;
    }
}
