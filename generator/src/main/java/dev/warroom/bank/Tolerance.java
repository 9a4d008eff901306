package dev.warroom.bank;

/**
 * The one tolerance rule of the kit: a value is within a tolerance of a reference when
 * {@code |actual - reference| <= allowed + 1e-9}, where allowed is the tolerance itself or,
 * when relative, that fraction of {@code |reference|}. Claims ({@link Metric.Check}), stated
 * numbers (sim.Evidence, the site's quiz) and grading.js all use it; the 1e-9 absorbs the
 * rounding of a figure such as 6.67 written for 200/30. grading.js is kept in step by the
 * fixtures {@code ToleranceFixturesTest} writes.
 */
public final class Tolerance {
    /** Slack for floating-point rounding, added to every bound. */
    public static final double EPSILON = 1e-9;

    private Tolerance() {
    }

    /** The largest difference allowed from {@code reference}, before the epsilon. */
    public static double allowed(double reference, double tolerance, boolean relative) {
        return relative ? Math.abs(reference) * tolerance : tolerance;
    }

    /** Whether {@code actual} is within {@code tolerance} of {@code reference}; false for NaN. */
    public static boolean within(double actual, double reference, double tolerance, boolean relative) {
        return Math.abs(actual - reference) <= allowed(reference, tolerance, relative) + EPSILON;
    }
}
