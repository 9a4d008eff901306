package dev.warroom.bank;

import dev.warroom.bank.Study.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A quiz question of a problem file: one record per type, each owning its reading
 * ({@code QuestionReader} dispatches on {@code type:}), its form, data and key for the
 * page ({@link #publish}) and its scoring rule ({@link Item#score}). The key is serialised
 * with Jackson, the form and data are the template's and grading script's maps.
 */
public sealed interface Question extends Item permits SingleQuestion, MultipleQuestion, DecisionQuestion,
        NumericQuestion, OrderingQuestion, MatchingQuestion, FreeTextQuestion, PickQuestion {

    /** The {@code type:} names of the problem format, in the order the format lists them. */
    enum Kind {
        SINGLE, MULTIPLE, NUMERIC, ORDERING, MATCHING, DECISION, FREE_TEXT, PICK;

        /** The name in problem files and the quiz data. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What every question has.
     *
     * @param clock       seconds of the scenario clock, -1 when unset (required for a decision)
     * @param phase       a phase id, or null
     * @param dimensions  rubric dimension id → the level a right answer evidences
     * @param explanation markdown shown after answering
     */
    record Head(String id, String phase, int clock, String prompt, Map<String, Level> dimensions, String explanation) {
        public Head {
            dimensions = Maps.ordered(dimensions);
        }
    }

    Head head();

    Kind kind();

    /** The badge on the form, e.g. "Single choice". */
    String typeLabel();

    /** The question's form entries, public data and key for one page. */
    Published publish(Page page);

    @Override
    default String type() {
        return kind().wire();
    }

    default String id() {
        return head().id();
    }

    default String phase() {
        return head().phase();
    }

    default int clock() {
        return head().clock();
    }

    default String prompt() {
        return head().prompt();
    }

    @Override
    default Map<String, Level> dimensions() {
        return head().dimensions();
    }

    default String explanation() {
        return head().explanation();
    }

    /**
     * What a question's publishing may use of the page it is published on.
     * The site implements it with its Markdown renderer and media.
     */
    interface Page {
        /** Markdown as a block of HTML. */
        String html(String markdown);

        /** Markdown as inline HTML (no enclosing paragraph). */
        String inline(String markdown);

        /** The question's own deterministic shuffle. */
        Random random();

        /** A numeric question's value computed from its trace, or null when not computed. */
        Double computed();

        /** The problem's baseline system (services and externals, in topology order). */
        Scenario baseline();

        /** The baseline topology as inline SVG whose ids start with {@code idPrefix}. */
        String topology(String idPrefix);
    }

    /**
     * A question on a page: what the type adds to the form model (the template's
     * {@code is<Type>} flag and its parts), to the public data (e.g. {@code count}), and its
     * key, or null when the question cannot be graded in this build.
     */
    record Published(Map<String, Object> form, Map<String, Object> data, Object key) {
    }
}
