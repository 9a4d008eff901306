package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Choice;
import java.util.List;

/** A single-choice question: exactly one choice is right. */
public record SingleQuestion(Head head, List<Choice> choices) implements Question {
    public SingleQuestion {
        choices = List.copyOf(choices);
    }

    static SingleQuestion read(Head head, Fields f) {
        return new SingleQuestion(head, Choices.read(f, Kind.SINGLE));
    }

    @Override
    public Kind kind() {
        return Kind.SINGLE;
    }

    @Override
    public String typeLabel() {
        return "Single choice";
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
