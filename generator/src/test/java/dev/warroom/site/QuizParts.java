package dev.warroom.site;

import dev.warroom.bank.DecisionQuestion;
import dev.warroom.bank.FreeTextQuestion;
import dev.warroom.bank.MatchingQuestion;
import dev.warroom.bank.MultipleQuestion;
import dev.warroom.bank.OrderingQuestion;
import dev.warroom.bank.Question;
import dev.warroom.bank.SingleQuestion;
import dev.warroom.bank.Study;
import java.util.List;

/** The parts of a question the browser tests reach for, whatever its type (empty when it has none). */
final class QuizParts {
    private QuizParts() {
    }

    static List<Study.Choice> choices(Question q) {
        if (q instanceof SingleQuestion s) {
            return s.choices();
        }
        if (q instanceof MultipleQuestion m) {
            return m.choices();
        }
        return q instanceof DecisionQuestion d ? d.choices() : List.of();
    }

    static List<String> items(Question q) {
        return q instanceof OrderingQuestion o ? o.items() : List.of();
    }

    static List<Study.Pair> pairs(Question q) {
        return q instanceof MatchingQuestion m ? m.pairs() : List.of();
    }

    static String modelAnswer(Question q) {
        return q instanceof FreeTextQuestion f ? f.modelAnswer() : null;
    }
}
