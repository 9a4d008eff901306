package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Choice;
import dev.warroom.bank.Study.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** What the choice questions (single, multiple, decision) share: reading, the shuffled form and the key. */
final class Choices {
    private Choices() {
    }

    /**
     * The key of a choice question, in the shuffled order of the page.
     *
     * @param correct  the indices of the right choices
     * @param levels   per choice, what picking it evidences, or null (right: the question's levels, wrong: novice)
     * @param feedback per choice, inline HTML
     */
    record Key(List<Integer> correct, List<String> levels, List<String> feedback) {
        Key {
            correct = List.copyOf(correct);
            levels = Collections.unmodifiableList(new ArrayList<>(levels));
            feedback = List.copyOf(feedback);
        }
    }

    static List<Choice> read(Fields f, Question.Kind kind) {
        List<Choice> choices = f.objects("choices", true, c -> new Choice(c.string("text"), c.bool("correct", false),
                c.has("level") ? c.choice("level", Level.class, null) : null, c.string("feedback", "")));
        long correct = choices.stream().filter(Choice::correct).count();
        if (choices.size() < 2) {
            f.ctx.errorAt(f.join("choices"), "needs at least 2 choices, got " + choices.size());
        } else if (kind == Question.Kind.SINGLE && correct != 1) {
            f.ctx.errorAt(f.join("choices"), "a single-choice question needs exactly one correct choice, got " + correct);
        } else if (correct == 0) {
            f.ctx.errorAt(f.join("choices"), "mark at least one choice correct: true");
        }
        return choices;
    }

    static Question.Published publish(List<Choice> all, Question.Page page, boolean multiple) {
        List<Integer> order = shuffled(all.size(), page.random());
        List<Map<String, Object>> choices = new ArrayList<>();
        List<Integer> correct = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        List<String> feedback = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Choice c = all.get(order.get(i));
            choices.add(Map.of("i", i, "html", page.inline(c.text())));
            if (c.correct()) {
                correct.add(i);
            }
            levels.add(c.level() == null ? null : c.level().name().toLowerCase(Locale.ROOT));
            feedback.add(page.inline(c.feedback()));
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("choices", choices);
        form.put(multiple ? "isMultiple" : "isSingle", true);
        return new Question.Published(form, Map.of("count", choices.size()), new Key(correct, levels, feedback));
    }

    /** One pick among the choices: right if it is a correct one; a choice's own level overrides. */
    static Score scoreOne(JsonNode key, JsonNode answer) {
        int c = Score.index(answer, "choice");
        boolean correct = Score.contains(key.get("correct"), c);
        JsonNode levels = key.get("levels");
        JsonNode level = levels != null && levels.isArray() && c >= 0 ? levels.get(c) : null;
        int raw = level != null && level.isTextual() && !level.asText().isEmpty() ? Score.level(level) : correct ? 2 : 0;
        return Score.of(correct, correct ? 1 : 0, raw);
    }

    /** Several picks: right ones count, wrong ones cancel them. */
    static Score scoreMany(JsonNode key, JsonNode answer) {
        int tp = 0;
        int fp = 0;
        for (int p : Score.indices(answer, "choices")) {
            if (Score.contains(key.get("correct"), p)) {
                tp++;
            } else {
                fp++;
            }
        }
        int n = key.get("correct").size();
        double fraction = Math.max(0, (tp - fp) / (double) n);
        boolean correct = tp == n && fp == 0;
        return Score.of(correct, fraction, correct ? 2 : fraction >= 0.5 ? 1 : 0);
    }

    static List<Integer> shuffled(int n, java.util.Random rnd) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, rnd);
        return order;
    }
}
