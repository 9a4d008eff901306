package dev.warroom.bank;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Applies a variant's {@code set:} overrides to a copy of the baseline's YAML tree. Working
 * on the tree (not on records) means one reader validates baseline and variants alike, and
 * an override's errors point at the override's own line.
 */
final class Overrides {
    private Overrides() {
    }

    /** A deep copy of a node tree, keeping the source marks. */
    static Node copy(Node n) {
        if (n instanceof MappingNode m) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                tuples.add(new NodeTuple(copy(t.getKeyNode()), copy(t.getValueNode())));
            }
            return new MappingNode(m.getTag(), true, tuples, m.getStartMark(), m.getEndMark(), m.getFlowStyle());
        }
        if (n instanceof SequenceNode s) {
            List<Node> items = new ArrayList<>();
            for (Node i : s.getValue()) {
                items.add(copy(i));
            }
            return new SequenceNode(s.getTag(), true, items, s.getStartMark(), s.getEndMark(), s.getFlowStyle());
        }
        ScalarNode s = (ScalarNode) n;
        return new ScalarNode(s.getTag(), s.getValue(), s.getStartMark(), s.getEndMark(), s.getScalarStyle());
    }

    /**
     * Sets {@code dottedPath} (e.g. {@code services.order.calls.payment.retry}) to
     * {@code value} in {@code root}. Every segment but the last must exist; the last may be
     * new. Returns an error message, or null on success.
     */
    static String set(MappingNode root, String dottedPath, Node value) {
        String[] parts = dottedPath.split("\\.");
        if (!ScenarioReader.KEYS.contains(parts[0])) {
            return "a variant may override " + String.join(", ", ScenarioReader.KEYS) + "; got '" + parts[0] + "'"
                    + Suggest.didYouMean(parts[0], ScenarioReader.KEYS);
        }
        Node current = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (current instanceof MappingNode m) {
                NodeTuple found = null;
                int index = -1;
                List<NodeTuple> tuples = m.getValue();
                for (int k = 0; k < tuples.size(); k++) {
                    if (tuples.get(k).getKeyNode() instanceof ScalarNode s && s.getValue().equals(part)) {
                        found = tuples.get(k);
                        index = k;
                    }
                }
                if (last) {
                    NodeTuple t = new NodeTuple(new ScalarNode(Tag.STR, part, value.getStartMark(), value.getEndMark(),
                            org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN), value);
                    if (found == null) {
                        tuples.add(t);
                    } else {
                        tuples.set(index, t);
                    }
                    return null;
                }
                if (found == null) {
                    List<String> keys = new ArrayList<>();
                    for (NodeTuple t : tuples) {
                        if (t.getKeyNode() instanceof ScalarNode s) {
                            keys.add(s.getValue());
                        }
                    }
                    String prefix = walked.length() == 0 ? "" : walked + ".";
                    String best = Suggest.closest(part, keys);
                    return "overrides unknown field '" + prefix + part + "'" + (best != null
                            ? "; did you mean '" + prefix + best + "'?"
                            : keys.isEmpty() ? "" : "; " + (prefix.isEmpty() ? "the file" : walked) + " has: "
                            + String.join(", ", keys));
                }
                current = found.getValueNode();
            } else if (current instanceof SequenceNode s) {
                int index;
                try {
                    index = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    return "'" + walked + "' is a list: index it with a number, got '" + part + "'";
                }
                if (index < 0 || index >= s.getValue().size()) {
                    return "'" + walked + "' has " + s.getValue().size() + " items; index " + index + " is out of range";
                }
                if (last) {
                    s.getValue().set(index, value);
                    return null;
                }
                current = s.getValue().get(index);
            } else {
                return "'" + walked + "' is a single value; it has no field '" + part + "'";
            }
            walked.append(walked.length() == 0 ? "" : ".").append(part);
        }
        return null;
    }
}
