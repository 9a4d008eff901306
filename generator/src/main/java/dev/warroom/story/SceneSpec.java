package dev.warroom.story;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a picture of one problem variant shows, before any trace: the laid-out topology,
 * the timeline markers and the caption overrides. Positions are in scene units: x and y
 * in 0..1 of the scene area, y growing downwards (the entry on top, externals at the
 * bottom).
 *
 * @param problemId    the problem id
 * @param variant      the variant id
 * @param title        the problem's title
 * @param variantTitle what this variant is, one line
 * @param startClock   wall clock at t = 0, seconds since midnight
 * @param durationMs   simulated length
 * @param layers       number of layers
 * @param nodes        services then externals, in topology order
 * @param edges        call edges, in topology order
 * @param markers      the problem's timeline, in clock order
 * @param captions     caption overrides keyed {@code service/kind}
 */
public record SceneSpec(
        String problemId, String variant, String title, String variantTitle, int startClock, long durationMs,
        int layers, List<Node> nodes, List<Edge> edges, List<Marker> markers, Map<String, String> captions) {

    public SceneSpec {
        Objects.requireNonNull(problemId, "problemId");
        Objects.requireNonNull(variant, "variant");
        if (durationMs <= 0) {
            throw new IllegalArgumentException("durationMs: must be positive, got " + durationMs);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers: must be at least 1, got " + layers);
        }
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        markers = List.copyOf(markers);
        captions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(captions));
    }

    /**
     * A box in the scene.
     *
     * @param id       service id
     * @param name     display name
     * @param external true for a dependency we do not run
     * @param threads  worker pool size, 0 when it has none
     * @param layer    0 on top
     * @param x        centre, 0..1 of the scene width
     * @param y        centre, 0..1 of the scene height
     */
    public record Node(String id, String name, boolean external, int threads, int layer, double x, double y) {
    }

    /** A call edge, {@code key} = {@code from->to} as in the trace. */
    public record Edge(String from, String to) {
        public String key() {
            return from + "->" + to;
        }
    }

    /**
     * A timeline line: a tick on the timeline bar.
     *
     * @param tMs        simulated time
     * @param label      the clock label, e.g. 14:05
     * @param text       what was seen
     * @param youAreHere the learner's present
     */
    public record Marker(long tMs, String label, String text, boolean youAreHere) {
    }

    /** The node with this id, or null. */
    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /** The caption of a detection: the problem's override, else the event's own text. */
    public String caption(String service, String kind, String eventText) {
        String o = captions.get(service + "/" + kind);
        return o != null ? o : eventText;
    }

    /** The scene of a problem's variant, laid out in layers by call depth (overridable per service). */
    public static SceneSpec of(Problem problem, String variant) {
        Scenario s = problem.scenario(variant);
        List<LayeredLayout.Item> items = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Scenario.Service svc : s.services().values()) {
            items.add(new LayeredLayout.Item(svc.id(), svc.name(), false, svc.threads(),
                    svc.layout().layer(), svc.layout().order()));
            for (Scenario.Call c : svc.calls().values()) {
                edges.add(new Edge(svc.id(), c.to()));
            }
        }
        for (Scenario.External e : s.externals().values()) {
            items.add(new LayeredLayout.Item(e.id(), e.name(), true, 0, e.layout().layer(), e.layout().order()));
        }
        LayeredLayout.Result layout = LayeredLayout.place(items, edges);
        List<Marker> markers = new ArrayList<>();
        for (Problem.TimelineEntry t : problem.timeline()) {
            markers.add(new Marker(s.timeOf(t.clock()), t.label(), t.text(), t.youAreHere()));
        }
        Map<String, String> captions = new LinkedHashMap<>();
        for (Scenario.Caption c : s.detections().captions()) {
            captions.put(c.service() + "/" + c.kind(), c.text());
        }
        String variantTitle = Problem.BASELINE.equals(variant) ? "Baseline: as it happened"
                : problem.variant(variant).title();
        return new SceneSpec(problem.id(), variant, problem.title(), variantTitle, s.startClock(), s.durationMs(),
                layout.layers(), layout.nodes(), edges, markers, captions);
    }
}
