package dev.warroom.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A number computed from traces: the small expression language of numeric quiz answers
 * and claims, e.g. {@code 100 * (1 - throughput(payment, 14:06, 14:12) / 2000)} or
 * {@code arrivals(payment, 14:06, 14:08)@retry-storm}. Parsing checks the syntax and the
 * functions' signatures; the names in it are checked against the problem by the validator
 * and evaluated against traces by the simulation stage.
 *
 * @param source the expression as written
 * @param root   its syntax tree
 */
public record Metric(String source, Expr root) {

    /**
     * What each function takes, in order: S = service id, C = clock, K = event kind,
     * F = a fraction in (0, 1]. The outcome measures (recovered_at ... peak_load) are those of
     * docs/simulation.md, "Outcome measures", counted from a branch's decision.
     */
    public static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("throughput", "SCC"), Map.entry("arrivals", "SCC"), Map.entry("retries", "SCC"),
            Map.entry("error_rate", "SCC"), Map.entry("timeout_rate", "SCC"),
            Map.entry("reject_rate", "SCC"), Map.entry("active", "SC"),
            Map.entry("queued", "SC"), Map.entry("p50", "SC"), Map.entry("p99", "SC"),
            Map.entry("first", "SK"), Map.entry("clock", "C"),
            Map.entry("recovered_at", "SF"), Map.entry("mitigation_time", "SF"), Map.entry("users_failed", "S"),
            Map.entry("failed_share", "S"), Map.entry("error_minutes", "S"), Map.entry("peak_load", "S"),
            Map.entry("ready", "SC"), Map.entry("min_ready", "SCC"), Map.entry("max_ready", "SCC"),
            Map.entry("ejected", "SC"), Map.entry("ejected_seconds", "SCC"),
            Map.entry("effects", "SCC"), Map.entry("duplicates", "SCC"),
            Map.entry("effects_total", "SCC"), Map.entry("duplicates_total", "SCC"),
            Map.entry("hit_ratio", "SCC"), Map.entry("cache_hits", "SCC"), Map.entry("cache_misses", "SCC"),
            Map.entry("heap", "SC"), Map.entry("gc", "SC"), Map.entry("max_gc", "SCC"), Map.entry("oom_kills", "SCC"),
            Map.entry("dns_lookups", "SCC"), Map.entry("dns_failures", "SCC"), Map.entry("dns_stale", "SCC"),
            Map.entry("dns_negative", "SCC"),
            Map.entry("connections", "SC"), Map.entry("handshakes", "SCC"), Map.entry("wasted_handshakes", "SCC"),
            Map.entry("shard_busy", "SC"), Map.entry("shard_queued", "SC"),
            Map.entry("backlog", "SC"), Map.entry("visible", "SC"), Map.entry("max_backlog", "SCC"), Map.entry("oldest_age", "SC"),
            Map.entry("dlq", "SC"), Map.entry("published", "SCC"), Map.entry("deleted", "SCC"));

    /** The syntax tree. */
    public sealed interface Expr permits Num, Call, Binary, Negate {
    }

    public record Num(double value) implements Expr {
    }

    /** A function call; variant is null for the expression's own variant. Clocks are seconds since midnight. */
    public record Call(String function, List<String> args, String variant) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    public record Binary(char op, Expr left, Expr right) implements Expr {
    }

    public record Negate(Expr operand) implements Expr {
    }

    /** Thrown for a malformed expression; the message says where and what. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /** Parses an expression. */
    public static Metric parse(String source) throws SyntaxException {
        Parser p = new Parser(source);
        Expr e = p.expr();
        p.expectEnd();
        return new Metric(source, e);
    }

    /** Visits every function call in the tree. */
    public void forEachCall(Consumer<Call> action) {
        visit(root, action);
    }

    private static void visit(Expr e, Consumer<Call> action) {
        if (e instanceof Call c) {
            action.accept(c);
        } else if (e instanceof Binary b) {
            visit(b.left(), action);
            visit(b.right(), action);
        } else if (e instanceof Negate n) {
            visit(n.operand(), action);
        }
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * A checkable statement {@code left op right}, with a tolerance for {@code =}.
     *
     * @param left      the metric on the left
     * @param op        one of {@code = < <= > >=}
     * @param right     the metric on the right
     * @param tolerance for {@code =}: absolute, or a fraction of the right side when relative
     * @param relative  whether the tolerance is relative
     */
    public record Check(Metric left, String op, Metric right, double tolerance, boolean relative) {

        /** Parses {@code expr op expr [+- tol[%]]}. */
        public static Check parse(String source) throws SyntaxException {
            String s = source.replace("±", "+-");
            int tolAt = s.lastIndexOf("+-");
            double tol = 0;
            boolean relative = false;
            if (tolAt >= 0) {
                String t = s.substring(tolAt + 2).trim();
                relative = t.endsWith("%");
                try {
                    tol = Double.parseDouble(relative ? t.substring(0, t.length() - 1).trim() : t);
                } catch (NumberFormatException ex) {
                    throw new SyntaxException("tolerance must be a number or a percentage, got '" + t + "'");
                }
                if (relative) {
                    tol /= 100;
                }
                s = s.substring(0, tolAt);
            }
            for (String op : List.of("<=", ">=", "=", "<", ">")) {
                int at = s.indexOf(op);
                if (at > 0) {
                    if (tolAt >= 0 && !op.equals("=")) {
                        throw new SyntaxException("a tolerance goes with '=' only");
                    }
                    return new Check(Metric.parse(s.substring(0, at).trim()), op,
                            Metric.parse(s.substring(at + op.length()).trim()), tol, relative);
                }
            }
            throw new SyntaxException("expected 'metric op metric' with op one of = < <= > >=, got '" + source + "'");
        }

        /** Whether the values satisfy the check. */
        public boolean holds(double l, double r) {
            return switch (op) {
                case "=" -> Tolerance.within(l, r, tolerance, relative);
                case "<" -> l < r;
                case "<=" -> l <= r;
                case ">" -> l > r;
                default -> l >= r;
            };
        }

        @Override
        public String toString() {
            String t = op.equals("=") && tolerance > 0
                    ? " +- " + (relative ? String.format(Locale.ROOT, "%s%%", strip(tolerance * 100)) : strip(tolerance))
                    : "";
            return left + " " + op + " " + right + t;
        }

        private static String strip(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /**
     * A recursive-descent parser over the source text. Nesting and size are bounded by
     * {@link Limits}, so that neither parsing nor any later walk of the tree can overflow the stack.
     */
    private static final class Parser {
        private final String s;
        private int i;
        private int depth;
        private int terms;

        Parser(String s) {
            this.s = s;
        }

        Expr expr() throws SyntaxException {
            Expr e = term();
            while (true) {
                skip();
                if (peek('+') || peek('-')) {
                    countTerm();
                    char op = s.charAt(i++);
                    e = new Binary(op, e, term());
                } else {
                    return e;
                }
            }
        }

        Expr term() throws SyntaxException {
            Expr e = factor();
            while (true) {
                skip();
                if (peek('*') || peek('/')) {
                    countTerm();
                    char op = s.charAt(i++);
                    e = new Binary(op, e, factor());
                } else {
                    return e;
                }
            }
        }

        Expr factor() throws SyntaxException {
            skip();
            if (peek('-') || peek('(')) {
                if (++depth > Limits.MAX_METRIC_DEPTH) {
                    throw error("nests parentheses and signs more than " + Limits.MAX_METRIC_DEPTH
                            + " levels deep; that is the limit");
                }
                boolean negate = s.charAt(i++) == '-';
                Expr e = negate ? new Negate(factor()) : expr();
                if (!negate) {
                    expect(')');
                }
                depth--;
                return e;
            }
            if (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                String n = word();
                try {
                    return new Num(Double.parseDouble(n));
                } catch (NumberFormatException ex) {
                    throw error("expected a number, got '" + n + "'");
                }
            }
            String name = word();
            if (name.isEmpty()) {
                throw error(i >= s.length() ? "unexpected end of expression" : "unexpected '" + s.charAt(i) + "'");
            }
            String signature = FUNCTIONS.get(name);
            countTerm();
            if (signature == null) {
                throw error("unknown function '" + name + "'" + Suggest.didYouMean(name, FUNCTIONS.keySet())
                        + "; functions: " + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())));
            }
            expect('(');
            List<String> args = new ArrayList<>();
            skip();
            if (!peek(')')) {
                do {
                    skip();
                    args.add(word());
                    skip();
                } while (peek(',') && i++ >= 0);
            }
            expect(')');
            if (args.size() != signature.length()) {
                throw error(name + " takes " + signature.length() + " argument" + (signature.length() == 1 ? "" : "s")
                        + " (" + describe(signature) + "), got " + args.size());
            }
            List<String> converted = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                String a = args.get(k);
                if (signature.charAt(k) == 'C') {
                    int c = Units.parseClock(a);
                    if (c < 0) {
                        throw error(name + ": argument " + (k + 1) + " must be a clock such as 14:05, got '" + a + "'");
                    }
                    converted.add(Integer.toString(c));
                } else if (signature.charAt(k) == 'F') {
                    double f;
                    try {
                        f = Double.parseDouble(a);
                    } catch (NumberFormatException ex) {
                        f = Double.NaN;
                    }
                    if (!(f > 0 && f <= 1)) {
                        throw error(name + ": argument " + (k + 1) + " must be a fraction of the normal level"
                                + " in (0, 1] such as 0.9, got '" + a + "'");
                    }
                    converted.add(a);
                } else {
                    if (a.isEmpty()) {
                        throw error(name + ": argument " + (k + 1) + " is empty");
                    }
                    converted.add(a);
                }
            }
            String variant = null;
            skip();
            if (peek('@')) {
                i++;
                variant = word();
                if (variant.isEmpty()) {
                    throw error("expected a variant id after '@'");
                }
            }
            return new Call(name, converted, variant);
        }

        private void countTerm() throws SyntaxException {
            if (++terms > Limits.MAX_METRIC_TERMS) {
                throw error("has more than " + Limits.MAX_METRIC_TERMS + " operators and function calls; that is the limit");
            }
        }

        private static String describe(String signature) {
            List<String> parts = new ArrayList<>();
            for (char c : signature.toCharArray()) {
                parts.add(switch (c) {
                    case 'S' -> "service";
                    case 'C' -> "clock";
                    case 'F' -> "fraction";
                    default -> "event kind";
                });
            }
            return String.join(", ", parts);
        }

        /** A run of name, number or clock characters; '-' only inside a name. */
        private String word() {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                boolean inner = c == '-' && i > start && i + 1 < s.length()
                        && Character.isLetterOrDigit(s.charAt(i + 1)) && Character.isLetter(s.charAt(start));
                if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || inner) {
                    i++;
                } else {
                    break;
                }
            }
            return s.substring(start, i);
        }

        void expectEnd() throws SyntaxException {
            skip();
            if (i < s.length()) {
                throw error("unexpected '" + s.substring(i) + "'");
            }
        }

        private void expect(char c) throws SyntaxException {
            skip();
            if (!peek(c)) {
                throw error("expected '" + c + "'" + (i < s.length() ? ", got '" + s.charAt(i) + "'" : " at the end"));
            }
            i++;
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private SyntaxException error(String message) {
            // quote a long expression by its neighbourhood only
            String quoted = s.length() <= 200 ? "of '" + s + "'" : "near '" + s.substring(Math.max(0, i - 40),
                    Math.min(s.length(), i + 40)) + "'";
            return new SyntaxException(message + " (at column " + (i + 1) + " " + quoted + ")");
        }
    }
}
