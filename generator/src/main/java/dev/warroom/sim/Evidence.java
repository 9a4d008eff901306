package dev.warroom.sim;

import dev.warroom.bank.BankError;
import dev.warroom.bank.BankException;
import dev.warroom.bank.Locate;
import dev.warroom.bank.NumericQuestion;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Question;
import dev.warroom.bank.Study;
import dev.warroom.bank.Tolerance;
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

        /** The answers, or a {@link BankException} with every failure (the CLI exits 2 on it). */
        public Map<String, Double> answersOrThrow() throws BankException {
            if (!errors.isEmpty()) {
                throw new BankException(errors);
            }
            return answers;
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
        List<Question> quiz = p.study().quiz();
        for (int i = 0; i < quiz.size(); i++) {
            Question q = quiz.get(i);
            if (!(q instanceof NumericQuestion nq) || nq.answer() == null) {
                continue;
            }
            Study.Numeric n = nq.answer();
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
                pass = Tolerance.within(n.stated(), v, n.tolerance(), n.relative());
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
        decisions(p, traces, lines, errors);
        return new Result(answers, lines, errors);
    }

    /**
     * The model grades each decision: an option rated expert must mitigate, and an option
     * rated lower must not mitigate sooner with fewer failed users than one rated higher,
     * unless the problem says why ({@code unless}).
     */
    private static void decisions(Problem p, Function<String, Trace> traces, List<Line> lines, List<BankError> errors) {
        double f = Outcomes.DEFAULT_FRACTION;
        for (int i = 0; i < p.decisions().size(); i++) {
            Problem.Decision d = p.decisions().get(i);
            List<Problem.Option> opts = d.options();
            List<Outcomes> outs = new ArrayList<>();
            for (Problem.Option o : opts) {
                outs.add(Outcomes.of(traces.apply(o.id())));
            }
            String entry = p.baseline().entry();
            for (int j = 0; j < opts.size(); j++) {
                Problem.Option o = opts.get(j);
                Outcomes out = outs.get(j);
                String at = "decisions[" + i + "].options[" + j + "]";
                String detail = describe(out, f);
                boolean pass = o.rating() != Problem.Rating.EXPERT || out.recoveredBucket(f) >= 0;
                if (!pass) {
                    errors.add(Locate.error(p, at + ".rating", "rated expert, but in its simulation the "
                            + entry + " " + detail));
                }
                for (int k = 0; k < opts.size() && o.unless() == null; k++) {
                    Problem.Option higher = opts.get(k);
                    if (higher.rating().compareTo(o.rating()) <= 0) {
                        continue;
                    }
                    Outcomes h = outs.get(k);
                    boolean sooner = out.recoveredBucket(f) >= 0
                            && (h.recoveredBucket(f) < 0 || out.timeToMitigate(f) < h.timeToMitigate(f));
                    if (sooner && out.usersFailed() < h.usersFailed()) {
                        pass = false;
                        errors.add(Locate.error(p, at + ".rating", String.format(Locale.ROOT,
                                "rated %s, yet it mitigates sooner than '%s' (rated %s) with fewer failed users "
                                        + "(%s against %s): rate it higher, or say why it is worse in 'unless'",
                                name(o.rating()), higher.id(), name(higher.rating()), describe(out, f), describe(h, f))));
                    }
                }
                lines.add(new Line("decision", d.clockLabel() + " " + o.id() + " (" + name(o.rating()) + ")", detail, pass));
            }
        }
    }

    private static String describe(Outcomes o, double f) {
        double ttm = o.timeToMitigate(f);
        String rec = Double.isInfinite(ttm) ? "never recovers to " + Math.round(f * 100) + "% of normal goodput"
                : ttm == 0 && o.healthyBefore(f) ? "healthy throughout"
                : "recovers in " + Units.formatDuration((long) (ttm * 1000));
        return String.format(Locale.ROOT, "%s, %,d users failed (%.1f%%)", rec, o.usersFailed(), o.failedShare() * 100);
    }

    private static String name(Problem.Rating r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : "%.3g", v);
    }
}
