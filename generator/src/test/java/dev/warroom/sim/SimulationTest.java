package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Scenario.Dist;
import org.junit.jupiter.api.Test;

/** The basics: a run is deterministic and every request is accounted for at every second. */
class SimulationTest {
    static Scn chain() {
        return Scn.of(60_000)
                .service("front", 50, Scn.fifo(100), Scn.exp(5), Scn.call("back", 500))
                .service("back", 20, Scn.fifo(1_000_000), Scn.exp(20), Scn.call("ext", 0))
                .external("ext", Scn.exp(30), 0.01)
                .poisson("front", 300);
    }

    @Test
    void sameSeedSameTraceByteForByte() {
        String a = TraceJson.toJson(zeroWall(chain().run(7)));
        String b = TraceJson.toJson(zeroWall(chain().run(7)));
        String c = TraceJson.toJson(zeroWall(chain().run(8)));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void everyRequestIsAccountedForAtEverySecond() {
        Trace t = chain().run(3);
        for (var e : t.services().entrySet()) {
            long in = 0;
            long out = 0;
            for (Trace.Bucket b : e.getValue().series()) {
                in += b.arrivals();
                out += b.completed();
                assertThat(in).as(e.getKey() + " at " + b.tMs()).isEqualTo(out + b.active() + b.queued());
            }
        }
    }

    @Test
    void littlesLawAtAHealthyNode() {
        // front: 300 req/s, each holds a worker ~5 ms + back's 20 ms + ext's 30 ms
        Trace t = Scn.of(120_000)
                .service("a", 1000, Scn.fifo(0), Dist.fixed(100))
                .poisson("a", 450).run(1);
        double meanActive = t.service("a").series().subList(10, 120).stream().mapToInt(Trace.Bucket::active)
                .average().orElse(0);
        assertThat(meanActive).isBetween(45 * 0.9, 45 * 1.1);
    }

    static Trace zeroWall(Trace t) {
        return new Trace(t.problem(), t.variant(), t.seed(), t.bucketMs(), t.startClock(), t.durationMs(), t.services(),
                t.edges(), t.events(), new Trace.TraceStats(t.stats().eventsProcessed(), 0));
    }
}
