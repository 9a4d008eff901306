package dev.warroom.site;

import dev.warroom.bank.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The topology diagram as inline SVG, laid out in layers from the entry points down: each
 * node sits one row below its deepest caller. Calls without a timeout are drawn dashed. The
 * faulted dependency is not marked: the diagram is shown before the learner decides, and
 * finding the cause is part of the drill.
 */
final class Topology {
    private static final int MIN_W = 760;
    private static final int BOX_W = 166;
    private static final int BOX_H = 44;
    private static final int ROW = 96;

    private Topology() {
    }

    static String svg(Scenario s, String idPrefix) {
        Map<String, List<String>> callees = new LinkedHashMap<>();
        s.services().forEach((id, svc) -> callees.put(id, new ArrayList<>(svc.calls().keySet())));
        s.externals().keySet().forEach(id -> callees.put(id, List.of()));
        Map<String, Integer> layer = new LinkedHashMap<>();
        callees.keySet().forEach(id -> layer.put(id, 0));
        // longest path from the roots; bounded passes so a cycle cannot loop forever
        for (int pass = 0; pass < callees.size(); pass++) {
            boolean changed = false;
            for (var e : callees.entrySet()) {
                for (String to : e.getValue()) {
                    if (layer.containsKey(to) && layer.get(to) < layer.get(e.getKey()) + 1) {
                        layer.put(to, layer.get(e.getKey()) + 1);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        s.services().forEach((id, svc) -> {
            if (svc.layout() != null && svc.layout().layer() >= 0) {
                layer.put(id, svc.layout().layer());
            }
        });
        s.externals().forEach((id, ext) -> {
            if (ext.layout() != null && ext.layout().layer() >= 0) {
                layer.put(id, ext.layout().layer());
            }
        });
        Map<Integer, List<String>> rows = new TreeMap<>();
        layer.forEach((id, l) -> rows.computeIfAbsent(l, k -> new ArrayList<>()).add(id));
        int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        final int W = Math.max(MIN_W, widest * (BOX_W + 24));
        // each row ordered by the mean x of its callers (fewer crossings); a lone node sits under them
        Map<String, int[]> pos = new LinkedHashMap<>();
        for (var row : rows.entrySet()) {
            List<String> ids = new ArrayList<>(row.getValue());
            Map<String, Double> bary = new LinkedHashMap<>();
            for (String id : ids) {
                double sum = 0;
                int n = 0;
                for (var e : callees.entrySet()) {
                    int[] p = pos.get(e.getKey());
                    if (p != null && e.getValue().contains(id)) {
                        sum += p[0];
                        n++;
                    }
                }
                bary.put(id, n == 0 ? Double.NaN : sum / n);
            }
            if (row.getKey() > 0) {
                ids.sort(java.util.Comparator.comparingDouble(id -> bary.get(id).isNaN() ? W / 2.0 : bary.get(id)));
            }
            for (int i = 0; i < ids.size(); i++) {
                int cx = W * (2 * i + 1) / (2 * ids.size());
                if (ids.size() == 1 && !bary.get(ids.get(0)).isNaN()) {
                    cx = (int) Math.round(Math.max(BOX_W / 2.0 + 8, Math.min(W - BOX_W / 2.0 - 8, bary.get(ids.get(0)))));
                }
                pos.put(ids.get(i), new int[] {cx, 24 + row.getKey() * ROW});
            }
        }
        int height = 24 + rows.size() * ROW - (ROW - BOX_H) + 40;
        StringBuilder b = new StringBuilder();
        String title = idPrefix + "-title";
        b.append("<svg class=\"topology\" viewBox=\"0 0 ").append(W).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(title).append("\">")
                .append("<title id=\"").append(title).append("\">Topology: ")
                .append(esc(callees.keySet().stream().map(s::nameOf).collect(Collectors.joining(", "))))
                .append(". Dashed arrows are calls without a timeout.</title>")
                .append("<defs><marker id=\"").append(idPrefix).append("-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"")
                .append(" class=\"topo-head\"/></marker></defs>");
        s.services().forEach((id, svc) -> svc.calls().forEach((to, call) -> {
            int[] a = pos.get(id);
            int[] c = pos.get(to);
            if (a == null || c == null) {
                return;
            }
            boolean none = call.timeoutMs() == Scenario.NO_TIMEOUT;
            b.append("<line class=\"topo-edge").append(none ? " no-timeout" : "").append("\" x1=\"").append(a[0])
                    .append("\" y1=\"").append(a[1] + BOX_H).append("\" x2=\"").append(c[0]).append("\" y2=\"")
                    .append(c[1]).append("\" marker-end=\"url(#").append(idPrefix).append("-arrow)\"/>");
        }));
        pos.forEach((id, p) -> {
            boolean ext = s.externals().containsKey(id);
            String cls = "topo-node" + (ext ? " external" : "");
            // data-node: a pick question selects its answer by a click on the node
            b.append("<g class=\"").append(cls).append("\" data-node=\"").append(esc(id)).append("\"><rect x=\"")
                    .append(p[0] - BOX_W / 2).append("\" y=\"")
                    .append(p[1]).append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H)
                    .append("\" rx=\"8\"/>");
            String name = s.nameOf(id);
            b.append("<text x=\"").append(p[0]).append("\" y=\"").append(p[1] + 19).append("\" text-anchor=\"middle\"")
                    .append(fit(name, 19)).append(">").append(esc(name)).append("</text>");
            String sub = ext ? "external" : threads(s.services().get(id).threads());
            String label = sub;
            b.append("<text class=\"topo-sub\" x=\"").append(p[0]).append("\" y=\"").append(p[1] + 36)
                    .append("\" text-anchor=\"middle\"").append(fit(label, 24)).append(">").append(esc(label))
                    .append("</text></g>");
        });
        b.append("</svg>");
        return b.toString();
    }

    /** Long labels are squeezed into the box rather than spilling out of it. */
    private static String fit(String text, int maxChars) {
        return text.length() > maxChars ? " textLength=\"" + (BOX_W - 14) + "\" lengthAdjust=\"spacingAndGlyphs\"" : "";
    }

    private static String threads(int n) {
        return n >= 10_000 ? "async" : String.format(Locale.ROOT, "%d threads", n);
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
