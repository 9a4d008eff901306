package dev.warroom.bank;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Errors found after loading (by checks that need the simulation), located at the line of a
 * field of the problem's file: {@code Locate.error(problem, "quiz[3].answer.stated", "...")}.
 */
public final class Locate {
    private Locate() {
    }

    /** An error at a field path such as {@code claims[2].check}; the file itself when the path is not found. */
    public static BankError error(Problem p, String path, String message) {
        String file = Bank.display(p.dir()) + "/" + ProblemReader.PROBLEM_FILE;
        Node root = ProblemReader.parse(p.dir().resolve(ProblemReader.PROBLEM_FILE), file, new ArrayList<>());
        Node at = find(root, path);
        int line = at == null ? 0 : at.getStartMark().getLine() + 1;
        int column = at == null ? 0 : at.getStartMark().getColumn() + 1;
        return new BankError(file, line, column, path, message);
    }

    /** The path of the timeline entry at a clock, e.g. {@code timeline[2]}, as written in the file. */
    public static String timelinePath(Problem p, int clock) {
        Node root = ProblemReader.parse(p.dir().resolve(ProblemReader.PROBLEM_FILE), "", new ArrayList<>());
        if (find(root, "timeline") instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                if (find(items.get(i), "at") instanceof ScalarNode s && Units.parseClock(s.getValue()) == clock) {
                    return "timeline[" + i + "]";
                }
            }
        }
        return "timeline";
    }

    static Node find(Node node, String path) {
        Node at = node;
        for (String part : path.split("\\.")) {
            if (at == null || part.isEmpty()) {
                return at;
            }
            String key = part;
            int index = -1;
            int b = part.indexOf('[');
            if (b >= 0) {
                key = part.substring(0, b);
                index = Integer.parseInt(part.substring(b + 1, part.indexOf(']')));
            }
            if (!key.isEmpty()) {
                at = child(at, key);
            }
            if (index >= 0) {
                at = at instanceof SequenceNode s && index < s.getValue().size() ? s.getValue().get(index) : null;
            }
        }
        return at;
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }
}
