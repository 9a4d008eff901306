package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Choice;
import java.util.List;

/** A decision at a timeline point (its clock is required): one pick, whose choice may carry its own level. */
public record DecisionQuestion(Head head, List<Choice> choices) implements Question {
    public DecisionQuestion {
        choices = List.copyOf(choices);
    }

    static DecisionQuestion read(Head head, Fields f) {
        return new DecisionQuestion(head, Choices.read(f, Kind.DECISION));
    }

    @Override
    public Kind kind() {
        return Kind.DECISION;
    }

    @Override
    public String typeLabel() {
        return "Decision";
    }

    @Override
    public Published publish(Page page) {
        return Choices.publish(choices, page, false);
    }

    @Override
    public Score score(JsonNode key, JsonNode answer) {
        return Choices.scoreOne(key, answer);
    }
}
