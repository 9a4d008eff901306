package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Match each left (a symptom) with its right (a mitigation); partly right from half of them. */
public record MatchingQuestion(Head head, List<Pair> pairs) implements Question {
    public MatchingQuestion {
        pairs = List.copyOf(pairs);
    }

    /** The key: {@code match[left]} is the display index of that left's right. */
    public record Key(int[] match) {
    }

    static MatchingQuestion read(Head head, Fields f) {
        List<Pair> pairs = f.objects("pairs", true, p -> new Pair(p.string("left"), p.string("right")));
        if (pairs.size() < 2) {
            f.ctx.errorAt(f.join("pairs"), "needs at least 2 pairs to match, got " + pairs.size());
        }
        return new MatchingQuestion(head, pairs);
    }

    @Override
    public Kind kind() {
        return Kind.MATCHING;
    }

    @Override
    public String typeLabel() {
        return "Matching";
    }

    @Override
    public Published publish(Page page) {
        List<Integer> rights = Choices.shuffled(pairs.size(), page.random());
        List<Map<String, Object>> rightModels = new ArrayList<>();
        int[] match = new int[pairs.size()];
        for (int i = 0; i < rights.size(); i++) {
            rightModels.add(Map.of("i", i, "text", pairs.get(rights.get(i)).right()));
            match[rights.get(i)] = i;
        }
        List<Map<String, Object>> lefts = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            lefts.add(Map.of("i", i, "html", page.inline(pairs.get(i).left()), "rights", rightModels));
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("isMatching", true);
        form.put("lefts", lefts);
        return new Published(form, Map.of("count", lefts.size()), new Key(match));
    }

    /** Answer {@code {"match": [right display index per left]}}. */
    @Override
    public Score score(JsonNode key, JsonNode answer) {
        int[] want = Score.indices(key, "match");
        int[] given = Score.indices(answer, "match");
        int right = 0;
        for (int i = 0; i < want.length; i++) {
            if (i < given.length && given[i] == want[i]) {
                right++;
            }
        }
        double fraction = right / (double) want.length;
        boolean correct = right == want.length;
        return Score.of(correct, fraction, correct ? 2 : fraction >= 0.5 ? 1 : 0);
    }
}
