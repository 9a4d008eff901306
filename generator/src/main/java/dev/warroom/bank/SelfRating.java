package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Level;
import java.util.Map;

/**
 * The drill's answer to the room that closes a phase ({@code self_rating}): the learner
 * compares their text with the phase's discussion and rates it against the dimension's
 * rubric row; that rating is the evidence, marked self-assessed.
 *
 * @param dimension the phase's rubric dimension
 */
public record SelfRating(String id, String dimension) implements Item {
    @Override
    public String type() {
        return "self_rating";
    }

    @Override
    public Map<String, Level> dimensions() {
        return Map.of(dimension, Level.EXPERT);
    }

    /** Answer {@code {"level": "intermediate"}}. */
    @Override
    public Score score(JsonNode key, JsonNode answer) {
        int raw = Score.level(answer == null ? null : answer.get("level"));
        return Score.of(raw == 2, raw / 2.0, raw);
    }
}
