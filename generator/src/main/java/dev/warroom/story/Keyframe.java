package dev.warroom.story;

import java.util.List;

/**
 * The state of one pane's scene at a keyframe: the trace aggregated over the step that
 * ends at {@code tMs} (the first keyframe reads the first bucket).
 *
 * @param tMs   simulated time
 * @param nodes in scene order
 * @param edges in scene order
 */
public record Keyframe(long tMs, List<NodeState> nodes, List<EdgeState> edges) {
    public Keyframe {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The node state with this id, or null. */
    public NodeState node(String id) {
        for (NodeState n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /** The edge state with this key, or null. */
    public EdgeState edge(String key) {
        for (EdgeState e : edges) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }
}
