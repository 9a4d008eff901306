package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Put items in order (the cascade, bottom-up); partly right when most pairs are in order.
 *
 * @param items markdown, in the right order
 */
public record OrderingQuestion(Head head, List<String> items) implements Question {
    public OrderingQuestion {
        items = List.copyOf(items);
    }

    /** The key: {@code order[k]} is the display index of the k-th item in the right order. */
    public record Key(int[] order) {
    }

    static OrderingQuestion read(Head head, Fields f) {
        List<String> items = f.strings("items", true);
        if (items.size() < 2) {
            f.ctx.errorAt(f.join("items"), "needs at least 2 items to order, got " + items.size());
        }
        return new OrderingQuestion(head, items);
    }

    @Override
    public Kind kind() {
        return Kind.ORDERING;
    }

    @Override
    public String typeLabel() {
        return "Ordering";
    }

    @Override
    public Published publish(Page page) {
        List<Integer> order = Choices.shuffled(items.size(), page.random());
        // never shown already in order
        if (IntStream.range(0, order.size()).allMatch(i -> order.get(i) == i) && order.size() > 1) {
            Collections.rotate(order, 1);
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        int[] correctOrder = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            shown.add(Map.of("i", i, "html", page.inline(items.get(order.get(i)))));
            correctOrder[order.get(i)] = i;
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("isOrdering", true);
        form.put("items", shown);
        return new Published(form, Map.of("count", shown.size()), new Key(correctOrder));
    }

    /** Answer {@code {"order": [display indices as arranged]}}. */
    @Override
    public Score score(JsonNode key, JsonNode answer) {
        int[] want = Score.indices(key, "order");
        int[] arranged = Score.indices(answer, "order");
        Map<Integer, Integer> pos = new java.util.HashMap<>();
        for (int i = 0; i < arranged.length; i++) {
            pos.put(arranged[i], i);
        }
        int pairs = 0;
        int good = 0;
        for (int i = 0; i < want.length; i++) {
            for (int j = i + 1; j < want.length; j++) {
                pairs++;
                Integer a = pos.get(want[i]);
                Integer b = pos.get(want[j]);
                if (a != null && b != null && a < b) {
                    good++;
                }
            }
        }
        double fraction = pairs == 0 ? 1 : good / (double) pairs;
        boolean correct = good == pairs;
        return Score.of(correct, fraction, correct ? 2 : fraction >= 0.75 ? 1 : 0);
    }
}
