package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Choice;
import java.util.List;

/** A multiple-choice question: every right choice and no wrong one. */
public record MultipleQuestion(Head head, List<Choice> choices) implements Question {
    public MultipleQuestion {
        choices = List.copyOf(choices);
    }

    static MultipleQuestion read(Head head, Fields f) {
        return new MultipleQuestion(head, Choices.read(f, Kind.MULTIPLE));
    }

    @Override
    public Kind kind() {
        return Kind.MULTIPLE;
    }

    @Override
    public String typeLabel() {
        return "Multiple choice";
    }

    @Override
    public Published publish(Page page) {
        return Choices.publish(choices, page, true);
    }

    @Override
    public Score score(JsonNode key, JsonNode answer) {
        return Choices.scoreMany(key, answer);
    }
}
