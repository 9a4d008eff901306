package dev.warroom.site;

import dev.warroom.bank.DecisionQuestion;
import dev.warroom.bank.MatchingQuestion;
import dev.warroom.bank.MultipleQuestion;
import dev.warroom.bank.NumericQuestion;
import dev.warroom.bank.OrderingQuestion;
import dev.warroom.bank.PickQuestion;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Question;
import dev.warroom.bank.Scenario;
import dev.warroom.bank.SingleQuestion;
import dev.warroom.bank.Study;
import dev.warroom.bank.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A problem's auto-gradable items as an instructor imports them into an LMS question bank:
 * the quiz's choice, numeric (the model's value and tolerance), matching, ordering and pick
 * questions, and the drill's decisions (an option's rating is its credit). Free-text answers
 * and self-ratings are left out: only a person can grade them. {@link MoodleXml} and
 * {@link Gift} write the same list.
 */
final class QuizExport {
    private QuizExport() {
    }

    /** Credit of a choice, as a percentage of the question's mark; its feedback, as HTML. */
    record Choice(String html, double percent, String feedback) {
    }

    /** One exported question: its id (the name in the bank), the prompt and general feedback as HTML. */
    sealed interface Item permits Choices, Numerical, Matching, Ordering {
        String id();

        String prompt();

        String feedback();
    }

    /** Single (one right answer, partial credit allowed) or multiple choice. */
    record Choices(String id, String prompt, String feedback, boolean single, List<Choice> choices) implements Item {
    }

    /** A number with an absolute tolerance, in {@code unit}. */
    record Numerical(String id, String prompt, String feedback, double value, double tolerance, String unit)
            implements Item {
    }

    /** Pairs: the left side as HTML, the right as plain text (the LMS shows it in a menu). */
    record Matching(String id, String prompt, String feedback, List<String[]> pairs) implements Item {
    }

    /** Items in their right order. */
    record Ordering(String id, String prompt, String feedback, List<String> items) implements Item {
    }

    /** Rating of a decision option, as credit: an expert move is the full mark. */
    static double credit(Problem.Rating r) {
        return switch (r) {
            case EXPERT -> 100;
            case INTERMEDIATE -> 50;
            case NOVICE -> 0;
        };
    }

    /** Credit of a choice in a single-choice question: what picking it shows, as the quiz grades it. */
    private static double credit(Study.Choice c) {
        return c.raw() * 50.0;
    }

    /**
     * The exportable items of {@code p}; numeric questions take the value the build computed
     * ({@code answers}, by question id) and are left out when it is missing.
     */
    static List<Item> of(Problem p, Map<String, Double> answers, Markdown md) {
        List<Item> out = new ArrayList<>();
        for (Question q : p.study().quiz()) {
            String prompt = md.html(q.prompt());
            String expl = md.html(q.explanation());
            if (q instanceof SingleQuestion s) {
                out.add(choices(q.id(), prompt, expl, true, s.choices(), md));
            } else if (q instanceof DecisionQuestion s) {
                out.add(choices(q.id(), prompt, expl, true, s.choices(), md));
            } else if (q instanceof MultipleQuestion m) {
                out.add(multiple(q.id(), prompt, expl, m.choices(), md));
            } else if (q instanceof NumericQuestion n) {
                Double v = answers.get(q.id());
                if (v != null && !v.isNaN()) {
                    Study.Numeric a = n.answer();
                    out.add(new Numerical(q.id(), prompt, expl, v, Tolerance.allowed(v, a.tolerance(), a.relative()),
                            a.unit()));
                }
            } else if (q instanceof MatchingQuestion m) {
                List<String[]> pairs = new ArrayList<>();
                m.pairs().forEach(pr -> pairs.add(new String[] {md.inline(pr.left()), pr.right()}));
                out.add(new Matching(q.id(), prompt, expl, pairs));
            } else if (q instanceof OrderingQuestion o) {
                out.add(new Ordering(q.id(), prompt, expl, o.items().stream().map(md::inline).toList()));
            } else if (q instanceof PickQuestion pick) {
                Scenario s = p.baseline();
                List<Choice> nodes = new ArrayList<>();
                s.services().keySet().forEach(id -> nodes.add(node(s, id, pick.answer())));
                s.externals().keySet().forEach(id -> nodes.add(node(s, id, pick.answer())));
                out.add(new Choices(q.id(), prompt, expl, true, nodes));
            }
        }
        for (Problem.Decision d : p.decisions()) {
            List<Choice> options = new ArrayList<>();
            for (Problem.Option o : d.options()) {
                options.add(new Choice(md.inline(o.label()), credit(o.rating()), md.inline(o.why())));
            }
            out.add(new Choices("decision-" + d.id(), "<p><strong>" + d.clockLabel() + ".</strong></p>"
                    + md.html(d.prompt()), "", true, options));
        }
        return out;
    }

    private static Choice node(Scenario s, String id, String answer) {
        return new Choice(Topology.esc(s.nameOf(id)), id.equals(answer) ? 100 : 0, "");
    }

    private static Choices choices(String id, String prompt, String expl, boolean single, List<Study.Choice> cs,
                                   Markdown md) {
        List<Choice> out = new ArrayList<>();
        cs.forEach(c -> out.add(new Choice(md.inline(c.text()), credit(c), md.inline(c.feedback()))));
        return new Choices(id, prompt, expl, single, out);
    }

    /**
     * Multiple choice as the quiz grades it: (right picks − wrong picks) ÷ right answers, at
     * least 0; so each right one is worth 100/n and each wrong one −100/n (the LMS adds
     * the credits of the picks and floors the sum at 0).
     */
    private static Choices multiple(String id, String prompt, String expl, List<Study.Choice> cs, Markdown md) {
        long right = cs.stream().filter(Study.Choice::correct).count();
        List<Choice> out = new ArrayList<>();
        for (Study.Choice c : cs) {
            out.add(new Choice(md.inline(c.text()), (c.correct() ? 100.0 : -100.0) / right, md.inline(c.feedback())));
        }
        return new Choices(id, prompt, expl, false, out);
    }
}
