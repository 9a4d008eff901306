package dev.warroom.bank;

import dev.warroom.bank.Study.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one {@code quiz:} entry: what every question has, then its type's own fields. */
final class QuestionReader {
    private QuestionReader() {
    }

    static Question read(Fields f) {
        String id = f.id("id");
        Question.Kind kind = f.choice("type", Question.Kind.class, null);
        String phase = f.string("phase", null);
        int clock = kind == Question.Kind.DECISION ? f.clock("at", true) : f.clock("at", false);
        String prompt = f.string("prompt");
        Map<String, Level> dimensions = new LinkedHashMap<>();
        Fields dims = f.object("dimensions", true);
        if (dims != null) {
            for (String d : dims.keys()) {
                Node v = dims.value(d);
                dimensions.put(d, dims.parseChoice(dims.scalar(v, dims.join(d), "a level"), Level.class, v,
                        dims.join(d), Level.INTERMEDIATE));
            }
            if (dimensions.isEmpty()) {
                dims.ctx.error(dims.node, dims.path, "map at least one rubric dimension to a level");
            }
        }
        String explanation = f.string("explanation", "");
        Question.Head head = new Question.Head(id, phase, clock, prompt, dimensions, explanation);
        return switch (kind) {
            case SINGLE -> SingleQuestion.read(head, f);
            case MULTIPLE -> MultipleQuestion.read(head, f);
            case DECISION -> DecisionQuestion.read(head, f);
            case NUMERIC -> NumericQuestion.read(head, f);
            case ORDERING -> OrderingQuestion.read(head, f);
            case MATCHING -> MatchingQuestion.read(head, f);
            case FREE_TEXT -> FreeTextQuestion.read(head, f);
            case PICK -> PickQuestion.read(head, f);
        };
    }
}
