package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void parsesArithmeticCallsClocksAndVariants() throws Exception {
        Metric m = Metric.parse("100 * (1 - throughput(payment, 14:06, 14:12) / 2000) + arrivals(bank-api, 14:00, 14:01:30)@retry-storm");
        assertThat(m.root()).isInstanceOf(Metric.Binary.class);
        java.util.List<Metric.Call> calls = new java.util.ArrayList<>();
        m.forEachCall(calls::add);
        assertThat(calls).extracting(Metric.Call::function).containsExactly("throughput", "arrivals");
        assertThat(calls.get(0).args()).containsExactly("payment", "50760", "51120");
        assertThat(calls.get(1).args()).containsExactly("bank-api", "50400", "50490");
        assertThat(calls.get(1).variant()).isEqualTo("retry-storm");
        assertThat(calls.get(0).variant()).isNull();
    }

    @Test
    void minusBetweenCallsIsSubtraction() throws Exception {
        Metric m = Metric.parse("(first(order, pool_exhausted) - first(payment, latency_spike)) / 60");
        java.util.List<Metric.Call> calls = new java.util.ArrayList<>();
        m.forEachCall(calls::add);
        assertThat(calls).hasSize(2);
    }

    @Test
    void reportsWhatIsWrongAndWhere() {
        assertThatThrownBy(() -> Metric.parse("througput(payment, 14:00, 14:01)"))
                .hasMessageContaining("unknown function 'througput'; did you mean 'throughput'?");
        assertThatThrownBy(() -> Metric.parse("throughput(payment, 14:00)"))
                .hasMessageContaining("throughput takes 3 arguments (service, clock, clock), got 2");
        assertThatThrownBy(() -> Metric.parse("active(payment, noon)"))
                .hasMessageContaining("must be a clock such as 14:05, got 'noon'");
        assertThatThrownBy(() -> Metric.parse("1 +")).hasMessageContaining("unexpected end of expression");
    }

    @Test
    void checksCompareWithTolerance() throws Exception {
        Metric.Check c = Metric.Check.parse("throughput(payment, 14:06, 14:12) = 6.67 +- 10%");
        assertThat(c.op()).isEqualTo("=");
        assertThat(c.relative()).isTrue();
        assertThat(c.holds(7.2, 6.67)).isTrue();
        assertThat(c.holds(7.5, 6.67)).isFalse();
        assertThat(Metric.Check.parse("p99(payment, 14:01) >= 10000").holds(30_000, 10_000)).isTrue();
        assertThat(Metric.Check.parse("clock(14:05) = 300 ± 1").holds(300.5, 300)).isTrue();
        assertThatThrownBy(() -> Metric.Check.parse("clock(14:05) < 300 +- 1"))
                .hasMessageContaining("a tolerance goes with '=' only");
    }
}
