package dev.warroom.site;

import dev.warroom.bank.Problem;
import java.util.List;
import java.util.Locale;

/**
 * The incident timeline as a horizontal track with a marker per entry, the learner's
 * present in red, and a cursor the page script moves to the clock being shown.
 */
final class TimelineSvg {
    private static final int W = 760;
    private static final int PAD = 40;

    private TimelineSvg() {
    }

    static String svg(List<Problem.TimelineEntry> entries, String id) {
        if (entries.isEmpty()) {
            return "";
        }
        int from = entries.get(0).clock();
        int to = entries.get(entries.size() - 1).clock();
        int span = Math.max(1, to - from);
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"tl-svg\" viewBox=\"0 0 ").append(W).append(" 64\" role=\"img\" aria-labelledby=\"")
                .append(id).append("-t\" data-from=\"").append(from).append("\" data-to=\"").append(to)
                .append("\" data-x0=\"").append(PAD).append("\" data-x1=\"").append(W - PAD).append("\">")
                .append("<title id=\"").append(id).append("-t\">Timeline from ").append(entries.get(0).label())
                .append(" to ").append(entries.get(entries.size() - 1).label()).append("</title>")
                .append("<line class=\"tl-track\" x1=\"").append(PAD).append("\" y1=\"24\" x2=\"").append(W - PAD)
                .append("\" y2=\"24\"/>");
        for (Problem.TimelineEntry e : entries) {
            double x = PAD + (W - 2.0 * PAD) * (e.clock() - from) / span;
            String xs = String.format(Locale.ROOT, "%.1f", x);
            b.append("<g class=\"tl-mark").append(e.youAreHere() ? " here" : "").append("\" data-clock=\"")
                    .append(e.clock()).append("\"><circle cx=\"").append(xs).append("\" cy=\"24\" r=\"")
                    .append(e.youAreHere() ? 8 : 6).append("\"/><text x=\"").append(xs)
                    .append("\" y=\"54\" text-anchor=\"middle\">").append(Topology.esc(e.label())).append("</text></g>");
        }
        b.append("<line class=\"tl-cursor\" x1=\"").append(PAD).append("\" y1=\"8\" x2=\"").append(PAD)
                .append("\" y2=\"40\" visibility=\"hidden\"/></svg>");
        return b.toString();
    }
}
