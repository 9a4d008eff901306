package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pick on the topology or a dashboard ("click the service where this starts"): one
 * service or external of the baseline is right. The form draws the topology (or names the
 * dashboards) and gives one button per node for keyboard and screen-reader users.
 *
 * @param on     what the learner picks on
 * @param answer the id of the right service or external (the validator checks it exists)
 */
public record PickQuestion(Head head, On on, String answer) implements Question {

    /** Where the pick is made. */
    public enum On { TOPOLOGY, DASHBOARD }

    /** The key: the right node's id. */
    public record Key(String answer) {
    }

    static PickQuestion read(Head head, Fields f) {
        On on = f.choice("on", On.class, null);
        return new PickQuestion(head, on, f.id("answer"));
    }

    @Override
    public Kind kind() {
        return Kind.PICK;
    }

    @Override
    public String typeLabel() {
        return on == On.DASHBOARD ? "Pick a dashboard" : "Pick on the topology";
    }

    @Override
    public Published publish(Page page) {
        Scenario s = page.baseline();
        List<String> ids = new ArrayList<>(s.services().keySet());
        ids.addAll(s.externals().keySet());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (String node : ids) {
            String name = s.nameOf(node);
            nodes.add(Map.of("id", node, "name", on == On.DASHBOARD ? name + " dashboard" : name));
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("isPick", true);
        form.put("on", on.name().toLowerCase(Locale.ROOT));
        form.put(on == On.DASHBOARD ? "onDashboard" : "onTopology", true);
        if (on == On.TOPOLOGY) {
            form.put("topology", page.topology("topo-q-" + id()));
        }
        form.put("nodes", nodes);
        return new Published(form, Map.of("on", on.name().toLowerCase(Locale.ROOT)), new Key(answer));
    }

    /** Answer {@code {"node": "payment"}}: right when it is the key's node. */
    @Override
    public Score score(JsonNode key, JsonNode answer) {
        JsonNode node = answer == null ? null : answer.get("node");
        boolean correct = node != null && node.isTextual() && node.asText().equals(key.get("answer").asText());
        return Score.of(correct, correct ? 1 : 0, correct ? 2 : 0);
    }
}
