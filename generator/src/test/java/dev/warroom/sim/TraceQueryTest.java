package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceQueryTest {
    /** Payment: 450 ok/s for 60 s, then 7 ok/s with 443 rejected per second. */
    static Trace trace(String variant, int factor) {
        List<Trace.Bucket> buckets = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            boolean down = s >= 60;
            buckets.add(new Trace.Bucket(s * 1000L, 450 * factor, down ? 7 : 450 * factor, 0, down ? 443 : 0, 0, 0, 0,
                    0, 0, down ? 200 : 45, down ? 847 : 0, 100, down ? 30_000 : 180, "closed"));
        }
        return new Trace("p", variant, 1, 1000, "14:00:00", 120_000,
                Map.of("payment", new Trace.ServiceSeries("Payment", "service", 200, buckets)), Map.of(),
                List.of(new Trace.TraceEvent(61_000, "14:01:01", "payment", "pool_exhausted", "full")),
                new Trace.TraceStats(0, 0));
    }

    private final TraceQuery q = new TraceQuery("baseline", v -> trace(v, v.equals("baseline") ? 1 : 2));

    private double eval(String s) throws Exception {
        return q.evaluate(Metric.parse(s));
    }

    @Test
    void windowsAveragePerSecond() throws Exception {
        assertThat(eval("throughput(payment, 14:00, 14:01)")).isEqualTo(450);
        assertThat(eval("throughput(payment, 14:01, 14:02)")).isEqualTo(7);
        assertThat(eval("reject_rate(payment, 14:01, 14:02)")).isCloseTo(443 / 450.0, within(1e-9));
        assertThat(eval("100 * (1 - throughput(payment, 14:01, 14:02) / throughput(payment, 14:00, 14:01))"))
                .isCloseTo(100 * (1 - 7 / 450.0), within(1e-9));
    }

    @Test
    void pointsEventsAndVariants() throws Exception {
        assertThat(eval("active(payment, 14:00:30)")).isEqualTo(45);
        assertThat(eval("queued(payment, 14:01:30)")).isEqualTo(847);
        assertThat(eval("p99(payment, 14:01:30)")).isEqualTo(30_000);
        assertThat(eval("first(payment, pool_exhausted)")).isEqualTo(61);
        assertThat(eval("clock(14:01)")).isEqualTo(60);
        assertThat(eval("arrivals(payment, 14:00, 14:01)@storm / arrivals(payment, 14:00, 14:01)")).isEqualTo(2);
    }
}
