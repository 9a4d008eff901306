package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one tolerance rule, on its edges, and the shared fixtures that keep grading.js in step:
 * {@code generator/target/grading-fixtures/tolerance.json}, a list of
 * {@code {actual, reference, tolerance, relative, within}} computed by {@link Tolerance},
 * which the node test in js/ reads and checks grading.js against.
 */
public class ToleranceTest {
    /** {actual, reference, tolerance, relative (1/0)}: the edges a second implementation gets wrong. */
    private static final double[][] CASES = {
        // absolute: inside, exactly at the bound, just outside, the 1e-9 slack
        {6.5, 6.67, 0.5, 0}, {7.17, 6.67, 0.5, 0}, {6.17, 6.67, 0.5, 0}, {7.1700001, 6.67, 0.5, 0},
        {7.170000001, 6.67, 0.5, 0}, {1.0000000009, 1, 0, 0}, {1.000000002, 1, 0, 0},
        // relative: a share of |reference|, exactly at 10 %, beyond, below
        {6.0, 6.67, 0.1, 1}, {7.337, 6.67, 0.1, 1}, {6.003, 6.67, 0.1, 1}, {7.4, 6.67, 0.1, 1}, {5.9, 6.67, 0.1, 1},
        {110, 100, 0.1, 1}, {90, 100, 0.1, 1}, {110.0001, 100, 0.1, 1}, {89.999, 100, 0.1, 1},
        // negative references: the bound is of |reference|
        {-110, -100, 0.1, 1}, {-90, -100, 0.1, 1}, {-111, -100, 0.1, 1}, {-100.4, -100, 0.5, 0}, {-99.4, -100, 0.5, 0},
        {100, -100, 0.1, 1}, {-6.67, 6.67, 0.1, 1},
        // zero reference: a relative tolerance allows nothing but the slack
        {0, 0, 0.1, 1}, {1e-10, 0, 0.1, 1}, {1e-8, 0, 0.1, 1}, {0.05, 0, 0.1, 0}, {0.1, 0, 0.1, 0}, {0.11, 0, 0.1, 0},
        // relative 0 % and absolute 0: exact only (within the slack)
        {6.67, 6.67, 0, 1}, {6.6700000005, 6.67, 0, 1}, {6.671, 6.67, 0, 1}, {45, 45, 0, 0}, {45.1, 45, 0, 0},
        // tiny tolerances, below and near the slack
        {1.0000000015, 1, 1e-9, 0}, {1.0000000025, 1, 1e-9, 0}, {1e6 + 0.5, 1e6, 1e-6, 1}, {1e6 + 1.5, 1e6, 1e-6, 1},
        {99.667, 99.6667, 1e-5, 1}, {99.7, 99.6667, 1e-5, 1},
        // large values and 100 %
        {2e12, 1e12, 1, 1}, {2.1e12, 1e12, 1, 1}, {0, 1e12, 1, 1}, {1500, 1047, 500, 0},
    };

    @Test
    void theRule() {
        assertThat(Tolerance.within(7.17, 6.67, 0.5, false)).as("exactly at an absolute bound").isTrue();
        assertThat(Tolerance.within(7.1700001, 6.67, 0.5, false)).isFalse();
        assertThat(Tolerance.within(110, 100, 0.1, true)).as("exactly at a relative bound").isTrue();
        assertThat(Tolerance.within(-110, -100, 0.1, true)).as("a negative reference").isTrue();
        assertThat(Tolerance.within(1e-10, 0, 0.5, true)).as("zero reference, relative: the slack only").isTrue();
        assertThat(Tolerance.within(1e-8, 0, 0.5, true)).isFalse();
        assertThat(Tolerance.within(Double.NaN, 1, 1, false)).isFalse();
        assertThat(Tolerance.within(1, Double.NaN, 1, false)).isFalse();
        assertThat(Tolerance.allowed(-200, 0.1, true)).isEqualTo(20.0);
        assertThat(Tolerance.allowed(-200, 0.1, false)).isEqualTo(0.1);
    }

    @Test
    void itIsTheRuleOfClaimsAndStatedNumbers() throws Exception {
        Metric.Check eq = Metric.Check.parse("clock(14:00) = 110 +- 10%");
        for (double[] c : CASES) {
            Metric.Check check = new Metric.Check(eq.left(), "=", eq.right(), c[2], c[3] == 1);
            assertThat(check.holds(c[0], c[1])).as("claim %s", java.util.Arrays.toString(c))
                    .isEqualTo(Tolerance.within(c[0], c[1], c[2], c[3] == 1));
        }
    }

    @Test
    void writesTheSharedFixtures() throws Exception {
        Path file = writeFixtures();
        assertThat(new ObjectMapper().readTree(file.toFile())).hasSize(CASES.length);
    }

    /** Writes the fixtures (GradingJsTest calls it before the node tests, whatever the test order). */
    public static Path writeFixtures() throws java.io.IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        int in = 0;
        for (double[] c : CASES) {
            boolean relative = c[3] == 1;
            boolean within = Tolerance.within(c[0], c[1], c[2], relative);
            in += within ? 1 : 0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("actual", c[0]);
            m.put("reference", c[1]);
            m.put("tolerance", c[2]);
            m.put("relative", relative);
            m.put("within", within);
            out.add(m);
        }
        assertThat(in).as("both outcomes are covered").isBetween(10, CASES.length - 10);
        Path file = dev.warroom.testing.Golden.root().resolve("generator/target/grading-fixtures/tolerance.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n");
        return file;
    }
}
