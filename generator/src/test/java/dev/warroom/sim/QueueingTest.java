package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Dist;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3 item 11: simulated M/M/1, M/M/c and M/D/1 waits agree with the formulas, a pool
 * with no queue rejects the Erlang B share, and Little's law holds. Runs are long (10,000 s
 * of simulated time, ~70,000 requests) so that the sample means sit well inside the
 * tolerances: a few percent, several standard errors at these loads.
 */
class QueueingTest {
    static final long T = 10_000_000;

    /** Mean time in queue (s) of the requests a single service completed. */
    static double meanWait(Engine e, String id, double meanServiceS) {
        Node n = e.byId.get(id);
        long done = 0;
        for (int b = 0; b < e.buckets; b++) {
            done += n.ok[b] + n.rejected[b] + n.timedOut[b] + n.failed[b] + n.fastFailed[b] + n.fallback[b];
        }
        return n.sojournMs / 1000.0 / done - meanServiceS;
    }

    static Engine single(int threads, Scenario.Queue q, Dist service, double lambda, long seed) {
        return Simulation.engine(Scn.of(T).service("s", threads, q, service).poisson("s", lambda).build(), seed);
    }

    @Test
    void mm1WaitMatchesTheFormula() {
        // λ = 7/s, μ = 10/s: Wq = ρ / (μ − λ) = 0.7 / 3 s
        double wq = meanWait(single(1, Scenario.Queue.DEFAULT, Scn.exp(100), 7, 1), "s", 0.1);
        assertThat(wq).isCloseTo(0.7 / 3, within(0.7 / 3 * 0.06));
        assertThat(Formulas.mmcWq(1, 7, 10)).isCloseTo(0.7 / 3, within(1e-12)); // Erlang C with c = 1 is M/M/1
    }

    @Test
    void mmcWaitMatchesErlangC() {
        // c = 4, λ = 28/s, μ = 10/s: A = 2.8, C(4, 2.8) ≈ 0.4287, Wq = C / (cμ − λ) ≈ 35.7 ms
        double expected = Formulas.mmcWq(4, 28, 10);
        assertThat(Formulas.erlangC(4, 2.8)).isCloseTo(0.4287, within(0.001));
        double wq = meanWait(single(4, Scenario.Queue.DEFAULT, Scn.exp(100), 28, 2), "s", 0.1);
        assertThat(wq).isCloseTo(expected, within(expected * 0.08));
    }

    @Test
    void md1WaitIsHalfTheMm1Wait() {
        // λ = 7/s, fixed 100 ms: Wq = ρ / (2μ(1 − ρ)) = 0.1167 s, half of M/M/1's
        double expected = Formulas.md1Wq(7, 10);
        double wq = meanWait(single(1, Scenario.Queue.DEFAULT, Dist.fixed(100), 7, 3), "s", 0.1);
        assertThat(wq).isCloseTo(expected, within(expected * 0.06));
    }

    @Test
    void aPoolWithoutQueueRejectsTheErlangBShare() {
        // 10 threads, no queue, λ = 80/s, 100 ms each: A = 8, B(10, 8) ≈ 0.1217
        Engine e = single(10, Scn.fifo(0), Scn.exp(100), 80, 4);
        Node n = e.byId.get("s");
        long arrivals = 0;
        long rejected = 0;
        for (int b = 0; b < e.buckets; b++) {
            arrivals += n.arrivals[b];
            rejected += n.rejected[b];
        }
        double expected = Formulas.erlangB(10, 8);
        assertThat(expected).isCloseTo(0.1217, within(0.0005));
        assertThat((double) rejected / arrivals).isCloseTo(expected, within(expected * 0.04));
    }

    @Test
    void littlesLawHoldsAtEveryNodeOfAChain() {
        Engine e = Simulation.engine(SimulationTest.chain().build(), 5);
        for (Node n : e.nodes) {
            long done = 0;
            for (int b = 0; b < e.buckets; b++) {
                done += n.ok[b] + n.rejected[b] + n.timedOut[b] + n.failed[b] + n.fastFailed[b] + n.fallback[b];
            }
            double seconds = e.duration / 1000.0;
            double l = n.areaMs / 1000.0 / seconds;           // time-average number in system
            double lambdaW = (double) done / seconds * (n.sojournMs / 1000.0 / done);
            assertThat(l).as(n.id).isCloseTo(lambdaW, within(Math.max(0.02, lambdaW * 0.02)));
        }
    }
}
