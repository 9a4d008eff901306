package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outcome measures on a trace made by hand, against the numbers worked out by hand. */
class OutcomesTest {
    /**
     * 100 ok/s until the fault at 60 s; then 10 ok and 90 failed a second; the decision at
     * 100 s; healthy again from 130 s, with one spike of 500 arrivals at 131 s.
     */
    private static Trace trace() {
        List<Trace.Bucket> series = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            boolean sick = s >= 60 && s < 130;
            int ok = sick ? 10 : 100;
            int failed = sick ? 90 : 0;
            int arrivals = s == 131 ? 500 : ok + failed;
            series.add(new Trace.Bucket(s * 1000L, arrivals, ok, 0, 0, 0, failed, 0, 0, 0, 0, 0, 5, 9, "none"));
        }
        Trace t = new Trace("p", "b", 1, 1000, "14:00:00", 200_000L,
                Map.of("web", new Trace.ServiceSeries("Web", "service", 10, series)), Map.of(), List.of(),
                new Trace.TraceStats(0, 0));
        return t.withBranch(new Trace.Branch("d", "baseline", 100_000, "web", 60_000));
    }

    @Test
    void measuresFromTheDecision() {
        Outcomes o = Outcomes.of(trace());
        assertThat(o.normalLevel()).isEqualTo(100);
        assertThat(o.recoveredAt(0.9)).isEqualTo(130);
        assertThat(o.timeToMitigate(0.9)).isEqualTo(30);
        assertThat(o.usersFailed()).isEqualTo(30 * 90);
        assertThat(o.failedShare()).isCloseTo(2700 / 10_000.0, within(1e-12));
        assertThat(o.errorMinutes()).isCloseTo(30 * 0.9 / 60, within(1e-12));
        assertThat(o.stillRecoveringAtEnd(0.9)).isFalse();
        assertThat(o.healthyBefore(0.9)).isFalse();
        assertThat(Outcomes.peakLoad(trace(), "web", 60_000)).isEqualTo(5);
    }

    @Test
    void theMetricLanguageReadsThem() throws Exception {
        Trace t = trace();
        TraceQuery q = new TraceQuery("b", v -> t);
        assertThat(q.evaluate(Metric.parse("mitigation_time(web, 0.9)"))).isEqualTo(30);
        assertThat(q.evaluate(Metric.parse("recovered_at(web, 0.9) - clock(14:02:10)"))).isEqualTo(0);
        assertThat(q.evaluate(Metric.parse("users_failed(web)"))).isEqualTo(2700);
        assertThat(q.evaluate(Metric.parse("peak_load(web)"))).isEqualTo(5);
        // the bar at 100 % is met as well: goodput is back at exactly its normal level
        assertThat(q.evaluate(Metric.parse("recovered_at(web, 1)"))).isEqualTo(130);
        assertThat(Metric.Check.parse("recovered_at(web, 0.9) > clock(14:02)").holds(
                q.evaluate(Metric.parse("recovered_at(web, 0.9)")), q.evaluate(Metric.parse("clock(14:02)")))).isTrue();
    }

    @Test
    void neverRecoveringIsInfinite() {
        List<Trace.Bucket> series = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            series.add(new Trace.Bucket(s * 1000L, 100, s < 60 ? 100 : 0, 0, s < 60 ? 0 : 100, 0, 0, 0, 0, 0, 0, 0, 5, 9,
                    "none"));
        }
        Trace t = new Trace("p", "b", 1, 1000, "14:00:00", 120_000L,
                Map.of("web", new Trace.ServiceSeries("Web", "service", 10, series)), Map.of(), List.of(),
                new Trace.TraceStats(0, 0)).withBranch(new Trace.Branch("d", "baseline", 70_000, "web", 60_000));
        Outcomes o = Outcomes.of(t);
        assertThat(o.recoveredAt(0.9)).isInfinite();
        assertThat(o.timeToMitigate(0.9)).isInfinite();
        assertThat(o.stillRecoveringAtEnd(0.9)).isTrue();
        assertThat(o.errorMinutes()).isCloseTo(50 / 60.0, within(1e-12));
    }

    @Test
    void fractionsOutsideZeroToOneAreRefused() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Metric.parse("recovered_at(web, 1.5)")))
                .hasMessageContaining("must be a fraction of the normal level in (0, 1]");
    }
}
