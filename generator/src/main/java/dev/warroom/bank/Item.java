package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A graded item of the quiz contract: a {@link Question} of the problem file, or one of the
 * drill's own items ({@link SelfRating}, {@link DecisionPick}). Each type owns its scoring
 * rule, the Java twin of its entry in grading.js: given the item's key and a learner's
 * answer, both in the JSON shapes the page carries and stores, what the answer shows.
 */
public sealed interface Item permits Question, SelfRating, DecisionPick {

    /** The type's name in the quiz data ({@code single}, {@code free_text}, {@code decision_pick}, ...). */
    String type();

    /** Rubric dimension id → the level a right answer evidences. */
    Map<String, Level> dimensions();

    /**
     * Scores an answer as grading.js does.
     *
     * @param key    the item's key as published (decoded), e.g. {@code {"correct":[2],...}}
     * @param answer the learner's answer as the page stores it, e.g. {@code {"choice":2}}; null or
     *               missing fields count as no answer
     */
    Score score(JsonNode key, JsonNode answer);

    /**
     * What a scored answer evidences per dimension: its level, capped by the question's level
     * and by {@code cap} (what hints and a shown answer leave; EXPERT when neither).
     */
    default Map<String, Level> evidence(Score s, Level cap) {
        Map<String, Level> out = new LinkedHashMap<>();
        dimensions().forEach((d, l) -> out.put(d, Score.min(Score.min(s.level(), l), cap)));
        return out;
    }
}
