package dev.warroom.sim;

import dev.warroom.bank.BankError;
import dev.warroom.bank.Locate;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a problem says about its own simulation, checked against the traces: the value of
 * every numeric quiz answer (and its {@code stated} number), every {@code claims} entry, and
 * every timeline {@code expect}. The site uses {@link Result#answers()}; any failure is a
 * {@link BankError} at the line of the entry that does not hold.
 */
public final class Evidence {
    private Evidence() {
    }

    /**
     * One checked statement.
     *
     * @param kind     {@code claim}, {@code quiz} or {@code timeline}
     * @param subject  the claim's text, the question id, or the timeline line
     * @param detail   what was computed against what was expected
     * @param pass     whether it holds
     */
    public record Line(String kind, String subject, String detail, boolean pass) {
    }

    /**
     * @param answers numeric quiz answers by question id
     * @param lines   every check, in file order (timeline, quiz, claims)
     * @param errors  the failing checks, located
     */
    public record Result(Map<String, Double> answers, List<Line> lines, List<BankError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Simulates each variant the problem refers to (once) and checks everything. */
    public static Result check(Problem p) {
        return check(p, p.seed());
    }

    public static Result check(Problem p, long seed) {
        Map<String, Trace> cache = new LinkedHashMap<>();
        return check(p, v -> cache.computeIfAbsent(v, id -> Simulation.run(p, id, seed)));
    }

    /** Checks against traces supplied by the caller (computed or cached), by variant id. */
    public static Result check(Problem p, Function<String, Trace> traces) {
        Map<String, Double> answers = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        List<BankError> errors = new ArrayList<>();
        Trace base = traces.apply(Problem.BASELINE);
        for (Problem.TimelineEntry e : p.timeline()) {
            if (e.expect() == null) {
                continue;
            }
            Problem.Expectation x = e.expect();
            long want = (e.clock() - Units.parseClock(base.startClock())) * 1000L;
            Trace.TraceEvent found = null;
            for (Trace.TraceEvent ev : base.events()) {
                if (ev.service().equals(x.service()) && ev.kind().equals(x.kind())) {
                    found = ev;
                    break;
                }
            }
            String subject = e.label() + " " + e.text();
            String detail;
            boolean pass;
            if (found == null) {
                detail = "no " + x.kind() + " event for " + x.service() + " in the baseline trace";
                pass = false;
            } else {
                long off = found.tMs() - want;
                pass = Math.abs(off) <= x.withinMs();
                detail = String.format(Locale.ROOT, "%s %s at %s (%s%ds, within %s)", x.service(), x.kind(),
                        found.clock(), off >= 0 ? "+" : "-", Math.abs(off) / 1000, Units.formatDuration(x.withinMs()));
            }
            lines.add(new Line("timeline", subject, detail, pass));
            if (!pass) {
                errors.add(Locate.error(p, Locate.timelinePath(p, e.clock()) + ".expect",
                        "the baseline trace disagrees: " + detail));
            }
        }
        List<Study.Question> quiz = p.study().quiz();
        for (int i = 0; i < quiz.size(); i++) {
            Study.Question q = quiz.get(i);
            Study.Numeric n = q.numeric();
            if (n == null) {
                continue;
            }
            double v;
            try {
                v = new TraceQuery(n.variant(), traces).evaluate(n.metric());
            } catch (IllegalArgumentException ex) {
                lines.add(new Line("quiz", q.id(), n.metric() + ": " + ex.getMessage(), false));
                errors.add(Locate.error(p, "quiz[" + i + "].answer.metric", ex.getMessage()));
                continue;
            }
            answers.put(q.id(), v);
            String tol = n.relative() ? num(n.tolerance() * 100) + "%" : num(n.tolerance());
            boolean pass = true;
            String detail = String.format(Locale.ROOT, "%s = %s %s (tolerance %s)", n.metric(), num(v), n.unit(), tol);
            if (!Double.isNaN(n.stated())) {
                double allowed = n.relative() ? Math.abs(v) * n.tolerance() : n.tolerance();
                pass = Math.abs(n.stated() - v) <= allowed + 1e-9;
                detail += ", stated " + num(n.stated());
                if (!pass) {
                    errors.add(Locate.error(p, "quiz[" + i + "].answer.stated", String.format(Locale.ROOT,
                            "states %s but the %s trace gives %s = %s (tolerance %s)", num(n.stated()), n.variant(),
                            n.metric(), num(v), tol)));
                }
            }
            lines.add(new Line("quiz", q.id(), detail, pass));
        }
        List<Study.Claim> claims = p.study().claims();
        for (int i = 0; i < claims.size(); i++) {
            Study.Claim c = claims.get(i);
            TraceQuery tq = new TraceQuery(c.variant(), traces);
            try {
                double l = tq.evaluate(c.check().left());
                double r = tq.evaluate(c.check().right());
                boolean pass = c.check().holds(l, r);
                String detail = String.format(Locale.ROOT, "%s: %s %s %s", c.check(), num(l), c.check().op(), num(r));
                lines.add(new Line("claim", c.text(), detail, pass));
                if (!pass) {
                    errors.add(Locate.error(p, "claims[" + i + "].check", "does not hold in the " + c.variant()
                            + " trace: " + detail));
                }
            } catch (IllegalArgumentException ex) {
                lines.add(new Line("claim", c.text(), ex.getMessage(), false));
                errors.add(Locate.error(p, "claims[" + i + "].check", ex.getMessage()));
            }
        }
        return new Result(answers, lines, errors);
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : "%.3g", v);
    }
}
