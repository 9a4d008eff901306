package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A free text the learner compares with the model answer, ticking what it covers of the
 * checklist: right from 80 % of it, partly right from 40 %.
 */
public record FreeTextQuestion(Head head, String modelAnswer, List<String> checklist) implements Question {
    public FreeTextQuestion {
        checklist = List.copyOf(checklist);
    }

    /**
     * The key.
     *
     * @param model     the model answer, HTML
     * @param checklist what an expert answer covers, inline HTML
     */
    public record Key(String model, List<String> checklist) {
    }

    static FreeTextQuestion read(Head head, Fields f) {
        String modelAnswer = f.string("model_answer");
        List<String> checklist = f.strings("checklist", true);
        if (checklist.isEmpty()) {
            f.ctx.errorAt(f.join("checklist"), "needs at least one item an expert answer covers");
        }
        return new FreeTextQuestion(head, modelAnswer, checklist);
    }

    @Override
    public Kind kind() {
        return Kind.FREE_TEXT;
    }

    @Override
    public String typeLabel() {
        return "Free text, self-assessed";
    }

    @Override
    public Published publish(Page page) {
        return new Published(Map.of("isFreeText", true), Map.of("count", checklist.size()),
                new Key(page.html(modelAnswer), checklist.stream().map(page::inline).toList()));
    }

    /** Answer {@code {"checked": [checklist indices ticked]}}. */
    @Override
    public Score score(JsonNode key, JsonNode answer) {
        int n = key.get("checklist").size();
        double fraction = n == 0 ? 0 : Score.indices(answer, "checked").length / (double) n;
        boolean correct = fraction >= 0.8;
        return Score.of(correct, fraction, correct ? 2 : fraction >= 0.4 ? 1 : 0);
    }
}
