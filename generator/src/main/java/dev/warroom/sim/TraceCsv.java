package dev.warroom.sim;

import dev.warroom.bank.Units;
import java.io.IOException;
import java.io.Writer;

/**
 * The trace's service series as CSV: one row per service and second, in topology order, with
 * the scenario's wall clock beside {@code t_ms}. (Edges and events are in the JSON only.)
 */
public final class TraceCsv {
    public static final String HEADER = "service,kind,t_ms,clock,arrivals,ok,fallback,rejected,timed_out,failed,"
            + "fast_failed,retries,abandoned,active,queued,p50_ms,p99_ms,breaker";

    private TraceCsv() {
    }

    public static void write(Trace t, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        int start = Units.parseClock(t.startClock());
        StringBuilder row = new StringBuilder(128);
        for (var e : t.services().entrySet()) {
            for (Trace.Bucket b : e.getValue().series()) {
                row.setLength(0);
                row.append(e.getKey()).append(',').append(e.getValue().kind()).append(',').append(b.tMs()).append(',')
                        .append(Units.formatClock(start + b.tMs() / 1000)).append(',')
                        .append(b.arrivals()).append(',').append(b.ok()).append(',').append(b.fallback()).append(',')
                        .append(b.rejected()).append(',').append(b.timedOut()).append(',').append(b.failed()).append(',')
                        .append(b.fastFailed()).append(',').append(b.retries()).append(',').append(b.abandoned())
                        .append(',').append(b.active()).append(',').append(b.queued()).append(',').append(b.p50Ms())
                        .append(',').append(b.p99Ms()).append(',').append(b.breaker()).append('\n');
                out.write(row.toString());
            }
        }
        out.flush();
    }
}
