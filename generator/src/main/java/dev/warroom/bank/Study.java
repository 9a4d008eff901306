package dev.warroom.bank;

import java.util.List;
import java.util.Map;

/**
 * The study material of a problem: the walkthrough's phases, symptom probes with
 * progressive hints, the quiz, the rubric, the postmortem, resources and checkable claims.
 */
public record Study(
        List<Phase> phases,
        List<Probe> probes,
        List<Question> quiz,
        List<Dimension> rubric,
        Postmortem postmortem,
        List<Resource> resources,
        List<Claim> claims) {

    /** Rubric levels, lowest first. */
    public enum Level { NOVICE, INTERMEDIATE, EXPERT }

    public Study {
        phases = List.copyOf(phases);
        probes = List.copyOf(probes);
        quiz = List.copyOf(quiz);
        rubric = List.copyOf(rubric);
        resources = List.copyOf(resources);
        claims = List.copyOf(claims);
    }

    /** A phase of the walkthrough, evidencing one rubric dimension. clock is -1 when unset. */
    public record Phase(String id, String title, String dimension, int clock, String brief,
                        List<String> questions, String discussion) {
        public Phase {
            questions = List.copyOf(questions);
        }
    }

    /** A symptom with hints revealed one at a time, vague to specific, and the model answer. */
    public record Probe(String id, String phase, String symptom, List<String> hints, String answer) {
        public Probe {
            hints = List.copyOf(hints);
        }
    }

    /** A choice; level says what picking it evidences (null: right = the question's levels, wrong = novice). */
    public record Choice(String text, boolean correct, Level level, String feedback) {
        /** What picking it shows, 0..2 (grading's raw score): its own level, else expert if right, novice if wrong. */
        public int raw() {
            return level != null ? level.ordinal() : correct ? 2 : 0;
        }
    }

    /**
     * A number computed from a trace at build time.
     *
     * @param metric    an expression of the metric language (see docs/problem-format.md)
     * @param variant   whose trace
     * @param tolerance absolute, or relative when {@code relative}
     * @param relative  whether tolerance is a fraction of the value
     * @param unit      shown after the number
     * @param stated    the number the problem states, or NaN; the build fails if the trace disagrees
     */
    public record Numeric(Metric metric, String variant, double tolerance, boolean relative, String unit, double stated) {
    }

    /** One matching pair. */
    public record Pair(String left, String right) {
    }

    /** One rubric dimension and what each level looks like. */
    public record Dimension(String id, String title, String novice, String intermediate, String expert) {
    }

    /** The blameless postmortem. */
    public record Postmortem(String summary, String impact, String rootCause, String trigger,
                             List<String> wentWell, List<String> wentWrong, List<ActionItem> actionItems) {
        public Postmortem {
            wentWell = List.copyOf(wentWell);
            wentWrong = List.copyOf(wentWrong);
            actionItems = List.copyOf(actionItems);
        }
    }

    /** A postmortem action item; owner is a team, never a person. */
    public record ActionItem(String action, String type, String owner, String priority) {
    }

    /** A source to read, with the rubric dimensions it helps with. */
    public record Resource(String title, String url, String kind, List<String> dimensions, String note) {
        public Resource {
            dimensions = List.copyOf(dimensions);
        }
    }

    /** A checkable statement about a variant's trace. */
    public record Claim(String text, String variant, Metric.Check check) {
    }
}
