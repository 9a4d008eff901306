package dev.warroom.bank;

import dev.warroom.bank.Problem.Decision;
import dev.warroom.bank.Problem.Option;
import dev.warroom.bank.Study.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Refuses a problem whose right answer can be told by its form: a learner who always picks the
 * longest option must not beat chance. Over the single-choice and decision questions and the
 * decision points, the right option (a decision point's best-rated one) may be strictly the
 * longest in at most half.
 */
final class AnswerByLength {
    /** One question where the right option is strictly the longest, with both lengths. */
    record Giveaway(String id, int right, int longestWrong) {
        @Override
        public String toString() {
            return id + " (" + right + " vs " + longestWrong + " characters)";
        }
    }

    private AnswerByLength() {
    }

    static void check(Problem p, Ctx ctx) {
        List<Giveaway> giveaways = new ArrayList<>();
        int questions = 0;
        for (Question q : p.study().quiz()) {
            List<Choice> choices = q instanceof SingleQuestion s ? s.choices()
                    : q instanceof DecisionQuestion d ? d.choices() : null;
            if (choices != null) {
                questions++;
                giveaway("quiz " + q.id(), choices, Choice::correct, c -> length(c.text())).ifPresent(giveaways::add);
            }
        }
        for (Decision d : p.decisions()) {
            if (d.options().isEmpty()) {
                continue; // its own error says so
            }
            questions++;
            Problem.Rating best = d.options().stream().map(Option::rating).max(Enum::compareTo).orElseThrow();
            giveaway("decision " + d.id(), d.options(), o -> o.rating() == best, o -> length(o.label()))
                    .ifPresent(giveaways::add);
        }
        if (giveaways.size() * 2 > questions) {
            ctx.errorAt("quiz", "the right option is the longest in " + giveaways.size() + " of " + questions
                    + " choice questions and decision points (at most half may be): "
                    + String.join(", ", giveaways.stream().map(Giveaway::toString).toList())
                    + "; make the other options as specific and as long");
        }
    }

    /** The question's giveaway, if its longest option is a right one and strictly longer than every wrong one. */
    static <T> Optional<Giveaway> giveaway(String id, List<T> options, Predicate<T> right,
            ToIntFunction<T> length) {
        int longestRight = -1;
        int longestWrong = -1;
        for (T o : options) {
            if (right.test(o)) {
                longestRight = Math.max(longestRight, length.applyAsInt(o));
            } else {
                longestWrong = Math.max(longestWrong, length.applyAsInt(o));
            }
        }
        return longestWrong >= 0 && longestRight > longestWrong
                ? Optional.of(new Giveaway(id, longestRight, longestWrong))
                : Optional.empty();
    }

    /** What the learner reads: characters (code points), not UTF-16 units. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
