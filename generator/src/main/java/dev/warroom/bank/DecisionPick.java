package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Level;
import java.util.Map;

/**
 * A played decision of the drill ({@code decision_pick}): the first pick is what counts, and
 * its option's rating is the evidence; later picks are the room trying again.
 *
 * @param dimension the rubric dimension of the phase it is played in
 */
public record DecisionPick(String id, String dimension) implements Item {
    @Override
    public String type() {
        return "decision_pick";
    }

    @Override
    public Map<String, Level> dimensions() {
        return Map.of(dimension, Level.EXPERT);
    }

    /** Answer {@code {"picks": [option display indices, in order]}}; the key lists each option's rating. */
    @Override
    public Score score(JsonNode key, JsonNode answer) {
        int[] picks = Score.indices(answer, "picks");
        JsonNode options = key.get("options");
        JsonNode first = picks.length > 0 && options != null && picks[0] >= 0 ? options.get(picks[0]) : null;
        int raw = first == null ? 0 : Score.level(first.get("rating"));
        return Score.of(raw == 2, raw / 2.0, raw);
    }
}
