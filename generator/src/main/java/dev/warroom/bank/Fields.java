package dev.warroom.bank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the fields of one YAML mapping into typed values, reporting every problem to the
 * {@link Ctx} instead of stopping: a missing or malformed field gets the default and an
 * error, so one run finds them all. Call {@link #end()} last to report unknown keys.
 */
final class Fields {
    private static final Set<String> NONE_WORDS = Set.of("none", "null", "~", "");

    final Ctx ctx;
    final String path;
    final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    /** Reads {@code node} as a mapping; a non-mapping gets one error and no fields. */
    Fields(Ctx ctx, String path, Node node) {
        this.ctx = ctx;
        this.path = path;
        this.node = node;
        if (node != null) {
            ctx.markIfAbsent(path, node); // a list item, or the file: where errors of its missing fields point
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null) {
                    ctx.error(t.getKeyNode(), path, "keys must be plain names");
                } else if (entries.containsKey(key)) {
                    ctx.error(t.getKeyNode(), join(key), "duplicate key '" + key + "' (first at line "
                            + (entries.get(key).getKeyNode().getStartMark().getLine() + 1) + ")");
                } else {
                    entries.put(key, t);
                    ctx.mark(join(key), t.getValueNode());
                }
            }
        } else if (node != null) {
            ctx.error(node, path, "expected a mapping (key: value lines), got " + describe(node));
        }
    }

    String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        Node v = value(key);
        return v != null && !isNone(v);
    }

    /** The raw value node, or null; marks the key as known. */
    Node value(String key) {
        read.add(key);
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The raw value node, or null, without marking the key as known. */
    Node peek(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    Set<String> keys() {
        return entries.keySet();
    }

    // ---- scalars ------------------------------------------------------------------

    String string(String key) {
        Node v = value(key);
        if (v == null) {
            missing(key, "a text");
            return "";
        }
        return scalar(v, join(key), "a text");
    }

    String string(String key, String fallback) {
        Node v = value(key);
        return v == null || isNone(v) ? fallback : scalar(v, join(key), "a text");
    }

    /** A required id: lowercase letters, digits and '-'. */
    String id(String key) {
        String s = string(key);
        checkId(s, value(key), join(key));
        return s;
    }

    void checkId(String s, Node at, String where) {
        if (!s.isEmpty() && !s.matches("[a-z0-9][a-z0-9-]*")) {
            ctx.error(at, where, "expected an id (lowercase letters, digits and '-'), got '" + s + "'");
        }
    }

    int integer(String key, int min, int max, Integer fallback) {
        Node v = value(key);
        if (v == null) {
            if (fallback == null) {
                missing(key, "an integer");
                return Math.max(min, 0);
            }
            return fallback;
        }
        if (isNone(v)) {
            // the schema has no 'none' for a number: refuse it rather than read it as the default
            ctx.error(v, join(key), "expected " + range("an integer", min, max).replace("must be ", "") + ", got none");
            return fallback != null ? fallback : Math.max(min, 0);
        }
        String text = scalar(v, join(key), "an integer");
        try {
            long n = Long.parseLong(text.trim().replace("_", ""));
            if (n < min || n > max) {
                ctx.error(v, join(key), range("an integer", min, max) + ", got " + text);
                return fallback != null ? fallback : min;
            }
            return (int) n;
        } catch (NumberFormatException e) {
            ctx.error(v, join(key), "expected " + range("an integer", min, max) .replace("must be ", "")
                    + ", got " + quote(text));
            return fallback != null ? fallback : min;
        }
    }

    /** An integer, or {@link Scenario#UNBOUNDED} for the word {@code word} (e.g. unbounded). */
    int integerOr(String key, String word, int min, int fallback) {
        Node v = value(key);
        if (v instanceof ScalarNode s && s.getValue().trim().equalsIgnoreCase(word)) {
            return Scenario.UNBOUNDED;
        }
        if (v != null && isNone(v)) {
            ctx.error(v, join(key), "expected an integer of at least " + min + " or " + word + ", got none"
                    + " (write " + word + " for no limit)");
            return fallback;
        }
        return integer(key, min, Integer.MAX_VALUE - 1, fallback);
    }

    double number(String key, double min, double max, Double fallback) {
        Node v = value(key);
        if (v == null) {
            if (fallback == null) {
                missing(key, "a number");
                return min;
            }
            return fallback;
        }
        if (isNone(v)) {
            ctx.error(v, join(key), "expected a number, got none");
            return fallback != null ? fallback : min;
        }
        String text = scalar(v, join(key), "a number");
        try {
            double d = Double.parseDouble(text.trim().replace("_", ""));
            if (!(d >= min && d <= max)) {
                ctx.error(v, join(key), range("a number", min, max) + ", got " + text);
                return fallback != null ? fallback : min;
            }
            return d;
        } catch (NumberFormatException e) {
            ctx.error(v, join(key), "expected a number, got " + quote(text));
            return fallback != null ? fallback : min;
        }
    }

    /** A fraction 0..1, also accepted as a percentage {@code 40%}. */
    double fraction(String key, Double fallback) {
        Node v = value(key);
        if (v instanceof ScalarNode s && s.getValue().trim().endsWith("%")) {
            String t = s.getValue().trim();
            try {
                double d = Double.parseDouble(t.substring(0, t.length() - 1)) / 100;
                if (d >= 0 && d <= 1) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            ctx.error(v, join(key), "expected a fraction from 0 to 1 or a percentage from 0% to 100%, got " + t);
            return fallback == null ? 0 : fallback;
        }
        return number(key, 0, 1, fallback);
    }

    /** A duration in whole ms; {@code none} gives {@code noneValue} when allowed (noneValue >= 0). */
    long duration(String key, long min, Long fallback, long noneValue) {
        return (long) durationMs(key, min, fallback, noneValue, true);
    }

    /**
     * A distribution's parameter (mean, median, p99) in ms, fractions allowed: each draw is
     * rounded to whole ms, so a mean of 0.2ms is meaningful.
     */
    double durationParameter(String key, long min) {
        return durationMs(key, min, null, -1, false);
    }

    private double durationMs(String key, long min, Long fallback, long noneValue, boolean whole) {
        Node v = value(key);
        if (v == null) {
            if (fallback == null) {
                missing(key, "a duration such as 250ms or 30s");
                return min;
            }
            return fallback;
        }
        if (isNone(v)) {
            if (noneValue >= 0) {
                return noneValue;
            }
            ctx.error(v, join(key), "expected a duration such as 250ms or 30s, got none");
            return min;
        }
        String text = scalar(v, join(key), "a duration");
        double ms = Units.exactMs(text);
        if (ms < 0) {
            ctx.error(v, join(key), "expected a duration such as 250ms, 30s or 2m"
                    + (noneValue >= 0 ? " (or none)" : "") + ", got " + quote(text));
            return fallback != null ? fallback : min;
        }
        if (ms > Units.MAX_DURATION_MS) {
            ctx.error(v, join(key), "must be at most 24h (the longest duration allowed), got " + text.trim());
            return fallback != null ? Math.min(fallback, Units.MAX_DURATION_MS) : min;
        }
        if (whole && ms != Math.rint(ms)) {
            // the simulation ticks in whole milliseconds: say so rather than round silently
            ctx.error(v, join(key), "must be a whole number of milliseconds (the simulation's tick is 1ms), got "
                    + text.trim());
            return fallback != null ? fallback : min;
        }
        if (ms < min) {
            ctx.error(v, join(key), "must be at least " + Units.formatDuration(min) + ", got " + text);
            return min;
        }
        return ms;
    }

    /** A clock as seconds since midnight, or -1 when absent and optional. */
    int clock(String key, boolean required) {
        Node v = value(key);
        if (v == null || isNone(v)) {
            if (required) {
                missing(key, "a clock such as 14:05");
            }
            return -1;
        }
        String text = scalar(v, join(key), "a clock");
        int c = Units.parseClock(text);
        if (c < 0) {
            ctx.error(v, join(key), "expected a clock such as 14:05 or 14:05:30, got " + quote(text));
        }
        return c;
    }

    boolean bool(String key, boolean fallback) {
        Node v = value(key);
        if (v == null || isNone(v)) {
            return fallback;
        }
        String text = scalar(v, join(key), "true or false");
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> {
                ctx.error(v, join(key), "expected true or false, got " + quote(text));
                yield fallback;
            }
        };
    }

    /** One of an enum's constants, written in lowercase with '-' or '_' for '_'. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Node v = value(key);
        if (v == null || isNone(v)) {
            if (fallback == null) {
                missing(key, "one of " + names(type));
                return type.getEnumConstants()[0];
            }
            return fallback;
        }
        return parseChoice(scalar(v, join(key), "one of " + names(type)), type, v, join(key), fallback);
    }

    <E extends Enum<E>> E parseChoice(String text, Class<E> type, Node at, String where, E fallback) {
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        ctx.error(at, where, "expected one of " + names(type) + ", got " + quote(text)
                + Suggest.didYouMean(text, nameList(type)));
        return fallback != null ? fallback : type.getEnumConstants()[0];
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return String.join(" | ", nameList(type));
    }

    static <E extends Enum<E>> List<String> nameList(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', e.name().equals("FREE_TEXT") ? '_' : '-'));
        }
        return names;
    }

    // ---- structures ---------------------------------------------------------------

    /** A nested mapping, or null when absent (or {@code none}); an error when required and absent. */
    Fields object(String key, boolean required) {
        Node v = value(key);
        if (v == null || isNone(v)) {
            if (required) {
                missing(key, "a mapping");
            }
            return null;
        }
        return new Fields(ctx, join(key), v);
    }

    /** A list whose items are read by {@code item(node, path)}; scalars and mappings alike. */
    <T> List<T> list(String key, boolean required, ItemReader<T> item) {
        Node v = value(key);
        List<T> out = new ArrayList<>();
        if (v == null || isNone(v)) {
            if (required) {
                missing(key, "a list");
            }
            return out;
        }
        if (!(v instanceof SequenceNode seq)) {
            ctx.error(v, join(key), "expected a list, got " + describe(v));
            return out;
        }
        int i = 0;
        for (Node n : seq.getValue()) {
            T t = item.read(n, join(key) + "[" + i++ + "]");
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** A list of mappings. */
    <T> List<T> objects(String key, boolean required, Function<Fields, T> item) {
        return list(key, required, (n, p) -> {
            Fields f = new Fields(ctx, p, n);
            T t = item.apply(f);
            f.end();
            return t;
        });
    }

    /** A list of texts. */
    List<String> strings(String key, boolean required) {
        return list(key, required, (n, p) -> scalar(n, p, "a text"));
    }

    /** A mapping of id → mapping, in file order; ids are checked. */
    <T> Map<String, T> keyed(String key, boolean required, KeyedReader<T> item) {
        Map<String, T> out = new LinkedHashMap<>();
        Fields map = object(key, required);
        if (map == null) {
            return out;
        }
        for (String id : map.keys()) {
            Node v = map.value(id);
            String p = map.join(id);
            checkId(id, map.keyNode(id), p);
            Fields f = new Fields(ctx, p, v);
            out.put(id, item.read(id, f));
            f.end();
        }
        return out;
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    /** Reports the keys that no reader asked for, with the closest known key. */
    void end() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey())) {
                ctx.error(e.getValue().getKeyNode(), join(e.getKey()), "unknown key '" + e.getKey() + "'"
                        + Suggest.didYouMean(e.getKey(), read) + "; expected one of: " + String.join(", ", read));
            }
        }
    }

    /** Marks keys as known without reading them (read elsewhere). */
    void known(String... keys) {
        read.addAll(List.of(keys));
    }

    // ---- helpers ------------------------------------------------------------------

    String scalar(Node v, String where, String expected) {
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        ctx.error(v, where, "expected " + expected + ", got " + describe(v));
        return "";
    }

    static boolean isNone(Node v) {
        return v instanceof ScalarNode s && s.getTag().getValue().endsWith(":null")
                || v instanceof ScalarNode s2 && NONE_WORDS.contains(s2.getValue().trim().toLowerCase(Locale.ROOT))
                && s2.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
    }

    private void missing(String key, String expected) {
        ctx.error(node, join(key), "missing required field '" + key + "' (" + expected + ")");
    }

    private static String range(String what, double min, double max) {
        String lo = fmt(min);
        String hi = fmt(max);
        if (max >= Integer.MAX_VALUE - 1) {
            return min == 1 ? "must be a positive " + what.replace("an ", "").replace("a ", "")
                    : "must be " + what + " of at least " + lo;
        }
        return "must be " + what + " from " + lo + " to " + hi;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String quote(String s) {
        return "'" + s + "'";
    }

    static String describe(Node v) {
        if (v instanceof MappingNode) {
            return "a mapping";
        }
        if (v instanceof SequenceNode) {
            return "a list";
        }
        return v instanceof ScalarNode s ? quote(s.getValue()) : "nothing";
    }

    /** Reads one list item. */
    @FunctionalInterface
    interface ItemReader<T> {
        T read(Node node, String path);
    }

    /** Reads one entry of an id-keyed mapping. */
    @FunctionalInterface
    interface KeyedReader<T> {
        T read(String id, Fields fields);
    }
}
