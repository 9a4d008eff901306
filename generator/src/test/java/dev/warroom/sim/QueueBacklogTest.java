package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Fault;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message queue with Amazon SQS's documented semantics (standard queue, visibility timeout,
 * redrive policy) in front of a consumer, checked against independent references: the fluid
 * closed form of a backlog that grows at λ while the consumer's downstream is out and drains
 * in B/(μ − λ) after, the age of the oldest message, Little's law for the queue, redelivery
 * exactly one visibility timeout after a receive, ChangeMessageVisibility backoff, a poison
 * message moved to the dead-letter queue after exactly maxReceiveCount receives, and a paced
 * drain at its rate.
 */
class QueueBacklogTest {
    private static final long SEED = 5;

    private static Scenario.MessageQueue mq(int maxReceives, double poison, double maxRate, long base, long cap) {
        return new Scenario.MessageQueue(30_000, maxReceives, poison, maxRate, base, cap);
    }

    /**
     * api (a producer, constant arrivals at {@code rate}) publishes to worker ({@code workers}
     * threads, no own work) whose one call goes to dep, fixed 50 ms: the consumer's capacity is
     * μ = workers / 0.05 s. dep is out (fails after 5 ms) from {@code outFrom} to {@code outTo}.
     */
    private static Scn pipeline(long durationMs, double rate, int workers, Scenario.MessageQueue q,
                                long outFrom, long outTo, Dist work) {
        Scn s = Scn.of(durationMs).service("api", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0),
                Scn.call("worker", Scenario.NO_TIMEOUT));
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("dep", Scn.call("dep", Scenario.NO_TIMEOUT));
        s.services.put("worker", new Scenario.Service("worker", "worker", workers, Scenario.Queue.DEFAULT, work,
                null, null, false, Scenario.Layout.AUTO, calls, null, null, null, q));
        s.external("dep", Dist.fixed(50), 0);
        s.traffic(new Scenario.Traffic("api", Scenario.Traffic.Arrival.CONSTANT, rate, List.of(), null));
        if (outTo > outFrom) {
            s.fault(new Fault("dep", Fault.Kind.OUTAGE, outFrom, 0, Fault.Shape.LINEAR, Dist.fixed(5), 1.0, 0));
            s.fault(new Fault("dep", Fault.Kind.RECOVERY, outTo, 1, Fault.Shape.LINEAR, null, 0, 0));
        }
        return s;
    }

    private static int depth(Trace.QueueSeries q, int second) {
        return q.at("backlog", second);
    }

    @Test
    void theBacklogGrowsAtTheArrivalRateDuringTheOutageAndDrainsInBOverMuMinusLambda() {
        // λ = 100/s, μ = 10 / 0.05 s = 200/s; dep out from 60 s to 360 s
        Trace t = pipeline(900_000, 100, 10, mq(0, 0, 0, 0, 0), 60_000, 360_000, Dist.fixed(0)).run(SEED);
        Trace.QueueSeries q = t.service("worker").queue();
        // during the outage nothing is deleted: the depth grows by λ a second
        for (int s = 90; s < 360; s += 30) {
            assertThat(depth(q, s) - depth(q, 60)).as("depth at %d s", s).isCloseTo(100 * (s - 60), within(60));
        }
        int b = depth(q, 359);
        assertThat(b).isCloseTo(30_000, within(150));
        // drained in B / (μ − λ) = 300 s after the recovery
        int drained = -1;
        for (int s = 361; s < q.size() && drained < 0; s++) {
            if (depth(q, s) <= 5) {
                drained = s;
            }
        }
        double expected = 360 + b / (200.0 - 100.0);
        assertThat((double) drained).isCloseTo(expected, within(0.02 * (expected - 360)));
        // at full speed the consumer deletes μ messages a second while it drains
        double deleted = q.deleted().subList(400, 600).stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(deleted).isCloseTo(200, within(2.0));
        // the downstream sees twice the normal rate while the backlog drains
        double depRate = t.service("dep").series().subList(400, 600).stream().mapToInt(Trace.Bucket::arrivals)
                .average().orElse(0);
        assertThat(depRate).isCloseTo(200, within(2.0));
        // the age of the oldest message: the first one sent after the outage began
        for (int s = 90; s < 360; s += 30) {
            assertThat(q.oldestAgeS().get(s)).as("age at %d s", s).isBetween(s + 1 - 60 - 1, s + 1 - 60);
        }
        assertThat(q.oldestAgeS().get(40)).isZero();
        assertThat(q.dlq().get(899)).isZero();
    }

    @Test
    void aPacedDrainDeletesAtItsRateAndTakesBOverRateMinusLambda() {
        Trace t = pipeline(1_300_000, 100, 10, mq(0, 0, 150, 0, 0), 60_000, 360_000, Dist.fixed(0)).run(SEED);
        Trace.QueueSeries q = t.service("worker").queue();
        double deleted = q.deleted().subList(400, 800).stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(deleted).isCloseTo(150, within(1.0));
        int b = depth(q, 359);
        int drained = -1;
        for (int s = 361; s < q.size() && drained < 0; s++) {
            if (depth(q, s) <= 5) {
                drained = s;
            }
        }
        double expected = 360 + b / (150.0 - 100.0);
        assertThat((double) drained).isCloseTo(expected, within(0.02 * (expected - 360)));
        for (int s = 400; s < 800; s++) {
            assertThat(t.service("worker").series().get(s).arrivals()).isBetween(149, 151);
        }
    }

    @Test
    void littlesLawHoldsForTheQueue() {
        // Poisson arrivals, exponential own work: mean depth (sampled each second) = λ · mean time from send to delete
        Scn s = pipeline(1_200_000, 100, 12, mq(0, 0, 0, 0, 0), 200_000, 300_000, Scn.exp(10));
        s.traffic.clear();
        s.poisson("api", 100);
        Scenario sc = s.build();
        Engine e = Simulation.engine(sc, SEED);
        Broker br = e.byId.get("worker").broker;
        assertThat(br.depth()).isLessThan(20);
        Trace t = Simulation.run("test", "baseline", sc, SEED);
        Trace.QueueSeries q = t.service("worker").queue();
        double meanDepth = 0;
        for (int k = 0; k < q.size(); k++) {
            meanDepth += depth(q, k);
        }
        meanDepth /= q.size();
        double lambda = br.deleted / (sc.durationMs() / 1000.0);
        double meanWaitS = br.sojournMs / 1000.0 / br.deleted;
        assertThat(meanDepth).isCloseTo(lambda * meanWaitS, within(0.01 * meanDepth));
        // and exactly, as areas: ∫ depth dt = Σ sojourns + the time of those still in the queue
        br.settle();
        assertThat((double) br.areaMs).isCloseTo((double) br.sojournMs, within(0.001 * br.areaMs + 50_000.0 * br.depth()));
    }

    /** One message, sent at 200 s (rate 1/200 s), always failing, in a run of {@code durationMs}. */
    private static Trace oneFailingMessage(long durationMs, Scenario.MessageQueue q) {
        Scn s = pipeline(durationMs, 1 / 200.0, 4, q, 0, 0, Dist.fixed(100));
        return s.run(SEED);
    }

    @Test
    void aFailedMessageIsReceivedAgainExactlyOneVisibilityTimeoutAfterItsReceive() {
        Trace t = oneFailingMessage(395_000, mq(0, 1.0, 0, 0, 0));
        List<Trace.Bucket> w = t.service("worker").series();
        for (int s = 0; s < w.size(); s++) {
            boolean expected = s >= 200 && (s - 200) % 30 == 0;
            assertThat(w.get(s).arrivals()).as("receives in second %d", s).isEqualTo(expected ? 1 : 0);
            assertThat(w.get(s).retries()).isEqualTo(expected && s > 200 ? 1 : 0);
        }
        assertThat(t.service("dep").series().stream().mapToInt(Trace.Bucket::arrivals).sum())
                .as("a poison message fails before it calls anything").isZero();
        assertThat(t.service("worker").queue().inFlight().get(394)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageMovesToTheDeadLetterQueueAfterExactlyMaxReceivesReceives() {
        Trace t = oneFailingMessage(395_000, mq(5, 1.0, 0, 0, 0));
        Trace.ServiceSeries w = t.service("worker");
        int receives = w.series().stream().mapToInt(Trace.Bucket::arrivals).sum();
        assertThat(receives).isEqualTo(5); // at 200, 230, 260, 290 and 320 s
        // the sixth receive, at 350 s, finds the receive count at maxReceiveCount: moved instead
        assertThat(w.queue().dlq().get(349)).isZero();
        assertThat(w.queue().dlq().get(350)).isEqualTo(1);
        assertThat(w.queue().at("backlog", 350)).isZero();
        assertThat(w.queue().oldestAgeS().get(349)).isEqualTo(150);
        assertThat(w.queue().oldestAgeS().get(350)).isZero();
    }

    @Test
    void changeMessageVisibilityBacksOffExponentiallyFromTheFailure() {
        // base 10 s, cap 40 s; each processing takes 100 ms: receives at 200, 210.1, 230.2, 270.3, 310.4, 350.5, 390.6 s
        Trace t = oneFailingMessage(395_000, mq(0, 1.0, 0, 10_000, 40_000));
        List<Trace.Bucket> w = t.service("worker").series();
        List<Integer> expected = List.of(200, 210, 230, 270, 310, 350, 390);
        for (int s = 0; s < w.size(); s++) {
            assertThat(w.get(s).arrivals()).as("receives in second %d", s).isEqualTo(expected.contains(s) ? 1 : 0);
        }
    }

    @Test
    void aForkMidBacklogEqualsARunFromTheStart() {
        Scn s = pipeline(700_000, 100, 10, mq(4, 0.01, 0, 0, 0), 60_000, 360_000, Scn.exp(5));
        s.traffic.clear();
        s.poisson("api", 100);
        Scenario base = s.build();
        Scenario.Service w = base.services().get("worker");
        Scenario.Service paced = new Scenario.Service(w.id(), w.name(), w.threads(), w.queue(), w.processing(),
                w.shed(), w.rateLimit(), w.propagateDeadline(), w.layout(), w.calls(), w.health(), null, null,
                mq(20, 0.01, 120, 5_000, 60_000));
        List<Scenario.Action> acts = List.of(new Scenario.Change(380_000, Map.of("worker", paced), Map.of()));
        ForkPair p = ForkPair.of(base, acts, 380_000, SEED);
        Broker a = p.fork().byId.get("worker").broker;
        Broker b = p.direct().byId.get("worker").broker;
        assertThat(a.published).isEqualTo(b.published);
        assertThat(a.deletedPer).isEqualTo(b.deletedPer);
        assertThat(a.visibleAt).isEqualTo(b.visibleAt);
        assertThat(a.inFlightAt).isEqualTo(b.inFlightAt);
        assertThat(a.oldestAgeAt).isEqualTo(b.oldestAgeAt);
        assertThat(a.deadAt).isEqualTo(b.deadAt);
        assertThat(Arrays.stream(a.deadAt).max().orElse(0)).isPositive();
        for (int k = 0; k < p.fork().nodes.length; k++) {
            assertThat(p.fork().nodes[k].ok).isEqualTo(p.direct().nodes[k].ok);
            assertThat(p.fork().nodes[k].arrivals).isEqualTo(p.direct().nodes[k].arrivals);
        }
    }

    @Test
    void withoutAMessageQueueTheTraceIsTheSameByteForByte() throws Exception {
        Scn s = Scn.of(60_000).service("api", 50, Scenario.Queue.DEFAULT, Scn.exp(10), Scn.call("db", 1_000))
                .service("db", 20, Scenario.Queue.DEFAULT, Scn.exp(5)).poisson("api", 200);
        Scenario before = s.build();
        Map<String, Scenario.Service> services = new LinkedHashMap<>();
        before.services().forEach((id, v) -> services.put(id, new Scenario.Service(v.id(), v.name(), v.threads(),
                v.queue(), v.processing(), v.shed(), v.rateLimit(), v.propagateDeadline(), v.layout(), v.calls(),
                v.health(), null, null, null)));
        Scenario after = new Scenario(0, before.durationMs(), services, before.externals(), before.traffic(),
                before.faults(), before.detections());
        String x = json(Simulation.run("t", "baseline", before, SEED));
        String y = json(Simulation.run("t", "baseline", after, SEED));
        assertThat(y).isEqualTo(x);
        assertThat(x).doesNotContain("\"queue\"");
    }

    private static String json(Trace t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceJson.write(t, out);
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\"wall_ms\"\\s*:\\s*\\d+", "\"wall_ms\":0");
    }
}
