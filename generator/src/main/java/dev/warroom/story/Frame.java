package dev.warroom.story;

import java.util.List;

/**
 * Everything the painter needs for one picture: a pure function of the frame number
 * (or of a simulated time, for the still SVG frames).
 *
 * @param number       video frame number, -1 for a still
 * @param videoMs      video time of the frame
 * @param simMs        simulated time shown
 * @param clock        the wall clock shown, {@code HH:MM:SS}
 * @param animationSec time driving the request dots' motion, seconds
 * @param panes        one per pane, left to right
 * @param caption      the cue shown in the caption band, or null
 */
public record Frame(int number, long videoMs, long simMs, String clock, double animationSec,
                    List<PaneFrame> panes, Cue caption) {
    public Frame {
        panes = List.copyOf(panes);
    }

    /**
     * One pane's state in the frame.
     *
     * @param pane  the pane
     * @param nodes node states in scene order
     * @param edges edge states in scene order
     */
    public record PaneFrame(Storyboard.Pane pane, List<NodeState> nodes, List<EdgeState> edges) {
        public PaneFrame {
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
    }
}
