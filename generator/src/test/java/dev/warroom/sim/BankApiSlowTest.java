package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Units;
import dev.warroom.testing.Golden;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Problem one reproduces the seed (issue 3, item 4): its numbers and its timeline come out of the model. */
class BankApiSlowTest {
    static Problem p;
    static Trace t;

    @BeforeAll
    static void simulate() throws Exception {
        p = Traces.problem("bank-api-slow");
        t = Traces.of(p, Problem.BASELINE);
    }

    static int sec(String clock) {
        return Units.parseClock(clock) - Units.parseClock(t.startClock());
    }

    static double mean(String svc, String from, String to, java.util.function.ToIntFunction<Trace.Bucket> f) {
        return (double) Scn.sum(t, svc, sec(from), sec(to), f) / (sec(to) - sec(from));
    }

    static long firstEvent(String service, String kind) {
        return t.events().stream().filter(e -> e.service().equals(service) && e.kind().equals(kind))
                .mapToLong(Trace.TraceEvent::tMs).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " at " + service));
    }

    @Test
    void paymentBeforeAndDuring() {
        assertThat(mean("payment", "13:56", "13:59", Trace.Bucket::active)).isCloseTo(45, within(45 * 0.15));
        assertThat(mean("payment", "13:56", "13:59", Trace.Bucket::arrivals)).isCloseTo(450, within(450 * 0.05));
        for (int s = sec("14:06"); s < sec("14:15"); s++) {
            Trace.Bucket b = t.service("payment").series().get(s);
            assertThat(b.active()).isEqualTo(200);
            assertThat(b.queued()).isBetween(800, 847);
        }
        double throughput = mean("payment", "14:06", "14:12", Trace.Bucket::ok);
        assertThat(throughput).isCloseTo(200 / 30.0, within(200 / 30.0 * 0.1));
        assertThat(t.service("payment").series().get(sec("14:10")).queued()).isEqualTo(847);
    }

    @Test
    void theCascadeKeepsTheSeedsClock() {
        assertThat(firstEvent("payment", "latency_spike") / 1000).isBetween((long) sec("13:59"), (long) sec("14:01"));
        assertThat(firstEvent("payment", "pool_exhausted")).isLessThan(firstEvent("order", "pool_exhausted"));
        assertThat(firstEvent("order", "rejecting") / 1000).isBetween((long) sec("14:04"), (long) sec("14:06"));
        assertThat(firstEvent("cart", "timing_out") / 1000).isBetween((long) sec("14:06"), (long) sec("14:08"));
        assertThat(firstEvent("frontend", "failing") / 1000).isBetween((long) sec("14:09"), (long) sec("14:11"));
        // and the shares behind the words "100%"
        assertThat(mean("order", "14:06", "14:12", Trace.Bucket::rejected)
                / mean("order", "14:06", "14:12", Trace.Bucket::completed)).isGreaterThan(0.9);
        assertThat(mean("cart", "14:07", "14:12", Trace.Bucket::timedOut)
                / mean("cart", "14:07", "14:12", Trace.Bucket::completed)).isGreaterThan(0.95);
    }

    @Test
    void searchAndAccountStayHealthyButOutOfReach() {
        for (String svc : List.of("search", "account", "inventory")) {
            assertThat(Scn.sum(t, svc, 0, t.bucketCount(), Trace.Bucket::failures)).as(svc + " failures").isZero();
            assertThat(t.service(svc).series().get(sec("14:12")).p99Ms()).as(svc + " p99").isLessThan(300);
        }
        // the Frontend, full of pages waiting on Cart, lets fewer than half of the searches through
        assertThat(mean("search", "14:11", "14:15", Trace.Bucket::arrivals))
                .isLessThan(0.5 * mean("search", "13:56", "13:59", Trace.Bucket::arrivals));
        assertThat(t.service("frontend").series().get(sec("14:12")).active()).isEqualTo(60_000);
    }

    @Test
    void theSummaryIsGolden() throws Exception {
        Golden.assertMatches("sim/bank-api-slow-baseline.txt", Summary.format(t));
    }

    @Test
    void theTraceIsByteIdenticalRunToRunAndReadsBack() throws Exception {
        String once = TraceJson.toJson(SimulationTest.zeroWall(t));
        String again = TraceJson.toJson(SimulationTest.zeroWall(Simulation.run(p, Problem.BASELINE)));
        assertThat(again).isEqualTo(once);
        Trace back = TraceJson.read(new ByteArrayInputStream(once.getBytes(StandardCharsets.UTF_8)));
        assertThat(TraceJson.toJson(back)).isEqualTo(once);
        assertThat(back.services().keySet()).containsExactlyElementsOf(t.services().keySet());
        assertThat(once).startsWith("{\"problem\":\"bank-api-slow\",\"variant\":\"baseline\",\"seed\":1,\"bucket_ms\":1000,"
                + "\"start_clock\":\"13:55:00\"");
    }
}
