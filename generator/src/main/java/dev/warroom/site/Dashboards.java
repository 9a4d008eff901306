package dev.warroom.site;

import dev.warroom.bank.Units;
import dev.warroom.sim.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The war room's dashboards as inline SVG: per service, three small charts drawn from the
 * trace over a window of the run (the drill shows the baseline up to the learner's present):
 * requests per second with successes and errors by kind, p99 latency, and pool use with the
 * queue. Ten-second points; 360 units wide, so the text stays readable on a 390 px phone.
 */
final class Dashboards {
    static final int STEP_S = 10;
    private static final int W = 360;
    private static final int CHART_H = 64;
    private static final int TOP = 18;
    private static final int GAP = 30;
    private static final int LEFT = 6;
    private static final int RIGHT = 6;

    /** A line of a chart: its class (colour and dash in the CSS), legend text and values per point. */
    private record Line(String cls, String legend, double[] values) {
    }

    private Dashboards() {
    }

    /**
     * The dashboards of {@code services} over {@code [fromMs, toMs)}, one figure each.
     *
     * @param markMs a moment to mark with a vertical line (a decision), or -1
     */
    static String html(Trace t, List<String> services, long fromMs, long toMs, long markMs, String idPrefix) {
        StringBuilder b = new StringBuilder("<div class=\"dashboards\">");
        for (String id : services) {
            if (t.services().containsKey(id)) {
                b.append(panel(t, id, fromMs, toMs, markMs, idPrefix + "-" + id));
            }
        }
        return b.append("</div>").toString();
    }

    private static String panel(Trace t, String id, long fromMs, long toMs, long markMs, String htmlId) {
        Trace.ServiceSeries s = t.service(id);
        int first = (int) Math.max(0, fromMs / t.bucketMs());
        int last = (int) Math.min(s.series().size(), toMs / t.bucketMs());
        int stepBuckets = Math.max(1, STEP_S * 1000 / t.bucketMs());
        int n = Math.max(1, (last - first + stepBuckets - 1) / stepBuckets);
        double[] in = new double[n];
        double[] ok = new double[n];
        double[] rejected = new double[n];
        double[] timedOut = new double[n];
        double[] failed = new double[n];
        double[] fast = new double[n];
        double[] p99 = new double[n];
        double[] active = new double[n];
        double[] queued = new double[n];
        for (int k = 0; k < n; k++) {
            int a = first + k * stepBuckets;
            int z = Math.min(last, a + stepBuckets);
            double secs = Math.max(1, (z - a) * t.bucketMs() / 1000.0);
            for (int i = a; i < z; i++) {
                Trace.Bucket bk = s.series().get(i);
                in[k] += bk.arrivals() / secs;
                ok[k] += (bk.ok() + bk.fallback()) / secs;
                rejected[k] += bk.rejected() / secs;
                timedOut[k] += bk.timedOut() / secs;
                failed[k] += bk.failed() / secs;
                fast[k] += bk.fastFailed() / secs;
                p99[k] = Math.max(p99[k], bk.p99Ms());
            }
            Trace.Bucket end = s.series().get(Math.max(a, z - 1));
            active[k] = end.active();
            queued[k] = end.queued();
        }
        int startClock = Units.parseClock(t.startClock());
        String from = clock(startClock, first * (long) t.bucketMs());
        String to = clock(startClock, last * (long) t.bucketMs());
        int k = n - 1;
        StringBuilder b = new StringBuilder();
        b.append("<figure class=\"dash\" id=\"").append(htmlId).append("\"><figcaption class=\"dash-h\"><strong>")
                .append(Topology.esc(s.name())).append("</strong> <span class=\"dash-range\">")
                .append(from).append("–").append(to).append("</span></figcaption>");
        String summary = String.format(Locale.ROOT, "%s from %s to %s. At %s: %s req/s in, %s ok, %s errors "
                        + "(503 %s, 504 %s, 5xx %s, fast-fail %s); p99 %s; %s%s busy, %s queued.", s.name(), from, to, to,
                rate(in[k]), rate(ok[k]), rate(rejected[k] + timedOut[k] + failed[k] + fast[k]), rate(rejected[k]),
                rate(timedOut[k]), rate(failed[k]), rate(fast[k]), latency(p99[k]), whole(active[k]),
                s.threads() > 0 ? "/" + s.threads() : "", whole(queued[k]));
        int h = 3 * (TOP + CHART_H) + 2 * GAP + 36;
        b.append("<svg class=\"dash-svg\" viewBox=\"0 0 ").append(W).append(' ').append(h)
                .append("\" role=\"img\" aria-labelledby=\"").append(htmlId).append("-t ").append(htmlId)
                .append("-d\"><title id=\"").append(htmlId).append("-t\">").append(Topology.esc(s.name()))
                .append(" dashboards</title><desc id=\"").append(htmlId).append("-d\">").append(Topology.esc(summary))
                .append("</desc>");
        int y = 0;
        chart(b, y, "Requests/s", "now " + rate(in[k]) + " in, " + rate(ok[k]) + " ok", max(in, ok), List.of(
                new Line("d-in", "arrivals", in), new Line("d-ok", "ok", ok), new Line("d-503", "503", rejected),
                new Line("d-504", "504", timedOut), new Line("d-5xx", "5xx", failed),
                new Line("d-fast", "fast-fail", fast)), rateAxis(max(in, ok)), n, first, last, markMs, t);
        y += TOP + CHART_H + GAP;
        chart(b, y, "p99 latency", "now " + latency(p99[k]), max(p99), List.of(new Line("d-p99", "p99", p99)),
                latency(max(p99)), n, first, last, markMs, t);
        y += TOP + CHART_H + GAP;
        double pool = s.threads() > 0 ? s.threads() : Math.max(1, max(active));
        double qmax = Math.max(1, max(queued));
        double[] queueScaled = new double[n];
        for (int i = 0; i < n; i++) {
            queueScaled[i] = queued[i] / qmax * pool;
        }
        chart(b, y, "Pool", "now " + whole(active[k]) + (s.threads() > 0 ? "/" + s.threads() : "") + " busy, "
                        + whole(queued[k]) + " queued", pool, List.of(new Line("d-active", "busy", active),
                        new Line("d-queue", "queue (max " + whole(max(queued)) + ")", queueScaled)),
                whole(pool), n, first, last, markMs, t);
        y += TOP + CHART_H + 18; // below the last legend
        b.append("<text class=\"dash-axis\" x=\"").append(LEFT).append("\" y=\"").append(y + 12).append("\">")
                .append(from).append("</text><text class=\"dash-axis\" x=\"").append(W - RIGHT).append("\" y=\"")
                .append(y + 12).append("\" text-anchor=\"end\">").append(to).append("</text>");
        b.append("</svg></figure>");
        return b.toString();
    }

    private static void chart(StringBuilder b, int y0, String title, String now, double max, List<Line> lines,
                              String maxLabel, int n, int first, int last, long markMs, Trace t) {
        double top = y0 + TOP;
        double scale = max <= 0 ? 0 : CHART_H / max;
        b.append("<g class=\"dash-chart\"><text class=\"dash-title\" x=\"").append(LEFT).append("\" y=\"")
                .append(y0 + 12).append("\">").append(Topology.esc(title)).append(" <tspan class=\"dash-now\">")
                .append(Topology.esc(now)).append("</tspan></text>")
                .append("<rect class=\"dash-frame\" x=\"").append(LEFT).append("\" y=\"").append(fmt(top))
                .append("\" width=\"").append(W - LEFT - RIGHT).append("\" height=\"").append(CHART_H).append("\"/>")
                .append("<text class=\"dash-axis\" x=\"").append(W - RIGHT - 2).append("\" y=\"").append(fmt(top + 10))
                .append("\" text-anchor=\"end\">").append(Topology.esc(maxLabel)).append("</text>");
        if (markMs >= 0 && markMs >= first * (long) t.bucketMs() && markMs <= last * (long) t.bucketMs()) {
            double x = x(markMs / (double) t.bucketMs() - first, last - first);
            b.append("<line class=\"dash-mark\" x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(top))
                    .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(fmt(top + CHART_H)).append("\"/>");
        }
        double legendX = LEFT;
        for (Line l : lines) {
            if (max(l.values()) <= 0 && lines.size() > 2 && !l.cls().equals("d-in") && !l.cls().equals("d-ok")) {
                continue; // an error kind that never happened: no line, no legend
            }
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double x = x((i + 0.5) * (last - first) / (double) n, last - first);
                double y = top + CHART_H - Math.min(CHART_H, l.values()[i] * scale);
                pts.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
            }
            b.append("<polyline class=\"dash-line ").append(l.cls()).append("\" points=\"").append(pts).append("\"/>");
            b.append("<text class=\"dash-legend ").append(l.cls()).append("\" x=\"").append(fmt(legendX)).append("\" y=\"")
                    .append(fmt(top + CHART_H + 13)).append("\">").append(Topology.esc(l.legend())).append("</text>");
            legendX += 9 + 6.2 * l.legend().length();
        }
        b.append("</g>");
    }

    private static double x(double bucket, int span) {
        return LEFT + (W - LEFT - RIGHT) * bucket / Math.max(1, span);
    }

    private static double max(double[]... series) {
        double m = 0;
        for (double[] s : series) {
            for (double v : s) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    private static String clock(int startClock, long tMs) {
        String c = Units.formatClock(startClock + tMs / 1000);
        return c.endsWith(":00") ? c.substring(0, 5) : c;
    }

    private static String rateAxis(double max) {
        return rate(max) + "/s";
    }

    static String rate(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    static String latency(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String whole(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The services to show: the scenario's services in topology order, then the externals. */
    static List<String> order(Trace t) {
        List<String> ids = new ArrayList<>();
        t.services().forEach((id, s) -> {
            if (!"external".equals(s.kind())) {
                ids.add(id);
            }
        });
        t.services().forEach((id, s) -> {
            if ("external".equals(s.kind())) {
                ids.add(id);
            }
        });
        return ids;
    }
}
