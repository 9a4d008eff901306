package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Numeric;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A number computed from a trace at build time; right within its tolerance ({@link Tolerance}),
 * partly right within three times it.
 *
 * @param answer the metric and tolerance (null only in a problem with errors)
 */
public record NumericQuestion(Head head, Numeric answer) implements Question {

    /**
     * The key: the computed value, its tolerance and unit.
     */
    public record Key(double value, double tolerance, boolean relative, String unit) {
    }

    static NumericQuestion read(Head head, Fields f) {
        return new NumericQuestion(head, numeric(f));
    }

    @Override
    public Kind kind() {
        return Kind.NUMERIC;
    }

    @Override
    public String typeLabel() {
        return "Numeric";
    }

    /**
     * {@inheritDoc} Not graded when the value was not computed.
     *
     * @throws IllegalStateException when the problem's stated number disagrees with the trace
     */
    @Override
    public Published publish(Page page) {
        Double value = page.computed();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("isNumeric", true);
        form.put("unit", answer.unit());
        Map<String, Object> data = Map.of("unit", answer.unit()); // public: the script reads typed units against it
        if (value == null || value.isNaN()) {
            form.put("notComputed", true);
            return new Published(form, data, null);
        }
        if (!Double.isNaN(answer.stated()) && !Tolerance.within(answer.stated(), value, answer.tolerance(), answer.relative())) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "quiz question '%s' states %s %s but the %s trace gives %.4f (tolerance %s)", id(),
                    answer.stated(), answer.unit(), answer.variant(), value, answer.relative()
                            ? (answer.tolerance() * 100) + "%" : String.valueOf(answer.tolerance())));
        }
        return new Published(form, data, new Key(value, answer.tolerance(), answer.relative(), answer.unit()));
    }

    @Override
    public Score score(JsonNode key, JsonNode answer) {
        JsonNode given = answer == null ? null : answer.get("value");
        double v = Double.NaN;
        if (given != null && given.isNumber()) {
            v = given.asDouble();
        } else if (given != null && given.isTextual()) {
            try {
                v = Double.parseDouble(given.asText().strip());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        }
        double value = key.get("value").asDouble();
        double tolerance = key.get("tolerance").asDouble();
        boolean relative = key.get("relative").asBoolean();
        boolean finite = Double.isFinite(v);
        boolean correct = finite && Tolerance.within(v, value, tolerance, relative);
        double fraction = correct ? 1 : finite && Math.abs(v - value) <= 3 * Tolerance.allowed(value, tolerance, relative) ? 0.5 : 0;
        return Score.of(correct, fraction, correct ? 2 : fraction > 0 ? 1 : 0);
    }

    private static Numeric numeric(Fields f) {
        Fields a = f.object("answer", true);
        if (a == null) {
            return null;
        }
        Metric metric = null;
        String source = a.string("metric");
        try {
            metric = Metric.parse(source);
        } catch (Metric.SyntaxException e) {
            a.ctx.errorAt(a.join("metric"), e.getMessage());
        }
        String variant = a.string("variant", Problem.BASELINE);
        double tolerance;
        boolean relative = false;
        Node t = a.value("tolerance");
        String text = t == null ? "" : a.scalar(t, a.join("tolerance"), "a number or a percentage").trim();
        if (text.endsWith("%")) {
            relative = true;
            tolerance = parsePercent(a, t, text) / 100;
        } else {
            tolerance = a.number("tolerance", 0, 1e12, null);
        }
        String unit = a.string("unit", "");
        double stated = a.has("stated") ? a.number("stated", -1e12, 1e12, null) : Double.NaN;
        a.end();
        return metric == null ? null : new Numeric(metric, variant, tolerance, relative, unit, stated);
    }

    private static double parsePercent(Fields a, Node at, String text) {
        try {
            double p = Double.parseDouble(text.substring(0, text.length() - 1).trim());
            if (p >= 0 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        a.ctx.error(at, a.join("tolerance"), "expected a number or a percentage such as 10%, got '" + text + "'");
        return 0;
    }
}
