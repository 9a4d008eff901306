package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Persistent connections and the reconnect storm (docs/simulation.md, "Connections"), each
 * count checked against an independent computation: a deterministic drain of N fixed-cost
 * handshakes over c workers (N·h/c, wave by wave), the uniform arrivals of full jitter
 * (N/W a second, binomial spread), the metastable fixed point of a FIFO with connect
 * timeouts (only the first c·T/h clients ever connect), and no handshake cost on a live connection.
 */
class ReconnectTest {
    private static final long SEED = 5;
    private static final long RESET_MS = 10_000;
    private static final Retry IMMEDIATE = new Retry(1, Retry.Backoff.NONE, 0, 0, Retry.Jitter.NONE, List.of());

    private static Scenario.Connections conns(int clients, long handshakeMs, long connectTimeoutMs, Retry reconnect,
                                              int max) {
        return new Scenario.Connections(clients, Dist.fixed(handshakeMs), null, connectTimeoutMs, reconnect, max);
    }

    /** A client fleet calling a gateway of {@code threads} workers over {@code c}; a reset at 10 s unless told otherwise. */
    private static Scn fleet(long durationMs, Scenario.Connections c, int threads, double rate, boolean reset) {
        Call call = new Call("gw", 1.0, 10_000, Retry.NONE, null, null, null, 0, null, null, null, false, null, null, c);
        Scn s = Scn.of(durationMs).service("app", 1_000_000, Scenario.Queue.DEFAULT, Dist.fixed(0), call)
                .service("gw", threads, new Scenario.Queue(Scenario.UNBOUNDED, Scenario.Queue.Order.FIFO, 0),
                        Dist.fixed(5))
                .traffic(new Scenario.Traffic("app", Scenario.Traffic.Arrival.CONSTANT, rate, List.of(), null));
        if (reset) {
            s.fault(new Scenario.Fault("gw", Scenario.Fault.Kind.CONNECTION_RESET, RESET_MS, 0,
                    Scenario.Fault.Shape.LINEAR, null, 0, 0));
        }
        return s;
    }

    private static Trace.ConnectionSeries series(Trace t) {
        return t.edges().get("app->gw").connections();
    }

    /**
     * No jitter: all N clients reconnect in the reset's millisecond, so N − c handshakes wait in
     * the queue at once; c workers finish c every h ms, so by the end of second k after the reset
     * c·⌊(1000(k+1) − 1)/h⌋ are up, and the last at exactly N·h/c ms.
     */
    @Test
    void allAtOnceDrainsInNhOverC() {
        for (int[] p : new int[][] {{4_000, 4, 8}, {3_000, 3, 5}, {10_000, 2, 16}}) {
            int n = p[0];
            int h = p[1];
            int c = p[2];
            Trace t = fleet(30_000, conns(n, h, 60_000, IMMEDIATE, 0), c, 0, true).run(SEED);
            Trace.ConnectionSeries s = series(t);
            int second = (int) (RESET_MS / 1000);
            long drainMs = (long) n * h / c;
            for (int k = 0; k <= drainMs / 1000 + 1; k++) {
                long upByEnd = Math.min(n, (long) c * ((1000L * (k + 1) - 1) / h));
                assertThat(s.up().get(second + k)).as("up at the end of second %d, N=%d h=%d c=%d", k, n, h, c)
                        .isEqualTo((int) upByEnd);
            }
            // every client's handshake arrived in the reset's millisecond: the queue held the rest at once
            int doneInFirst = (int) Math.min(n, (long) c * (999 / h));
            assertThat(t.service("gw").series().get(second).queued()).isEqualTo(Math.max(0, n - doneInFirst - c));
            assertThat(s.up().get(second - 1)).isEqualTo(n);
            assertThat(s.handshakes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
            assertThat(s.wasted().stream().mapToInt(Integer::intValue).sum()).isZero();
        }
    }

    /** Full jitter over W: delays uniform(0, W), so N/W handshakes a second, each second binomial(N, 1/W). */
    @Test
    void fullJitterSpreadsNOverW() {
        int n = 60_000;
        long w = 30_000;
        Retry jitter = new Retry(1, Retry.Backoff.FIXED, w, w, Retry.Jitter.FULL, List.of());
        Trace t = fleet(50_000, conns(n, 1, 60_000, jitter, 0), 64, 0, true).run(SEED);
        Trace.ConnectionSeries s = series(t);
        double rate = n / (w / 1000.0);
        double sd = Math.sqrt(n * (1000.0 / w) * (1 - 1000.0 / w));
        int from = (int) (RESET_MS / 1000);
        long total = 0;
        for (int k = from; k < from + w / 1000; k++) {
            assertThat((double) s.handshakes().get(k)).as("second %d", k).isBetween(rate - 5 * sd, rate + 5 * sd);
            total += s.handshakes().get(k);
        }
        // the last ones, drawn within a handshake's 1 ms of W, complete in the next second
        assertThat(total + s.handshakes().get((int) (from + w / 1000))).isEqualTo(n);
        // no jitter: the same fleet's N handshakes all arrive at once, none before the delay W
        Retry fixed = new Retry(1, Retry.Backoff.FIXED, w, w, Retry.Jitter.NONE, List.of());
        Trace f = fleet(50_000, conns(n, 1, 60_000, fixed, 0), 64, 0, true).run(SEED);
        int at = (int) ((RESET_MS + w) / 1000);
        assertThat(series(f).up().get(at - 1)).isZero();
        assertThat(series(f).handshakes().subList(0, at).stream().mapToInt(Integer::intValue).sum()).isZero();
    }

    /** A connection once up carries requests with no handshake: the gateway's latency is its own work only. */
    @Test
    void aLiveConnectionCostsNoHandshake() {
        Trace t = fleet(30_000, conns(5_000, 4, 10_000, IMMEDIATE, 0), 8, 200, false).run(SEED);
        Trace.ConnectionSeries s = series(t);
        assertThat(s.handshakes()).allMatch(v -> v == 0);
        assertThat(s.up()).allMatch(v -> v == 5_000);
        for (Trace.Bucket b : t.service("gw").series().subList(1, 29)) {
            assertThat(b.ok()).isEqualTo(200); // one every 5 ms
            assertThat(b.p99Ms()).isEqualTo(5); // fixed 5 ms of work, no queueing at 1 worker's worth of load
        }
        assertThat(t.service("app").series().stream().mapToInt(Trace.Bucket::failures).sum()).isZero();
    }

    /**
     * Metastable: with N·h/c above twice the connect timeout T and an immediate reconnect, the
     * first c·⌊T/h⌋ clients connect and no one after them: every later handshake is done for a
     * client that gave up (the FIFO holds more than T of work, forever). A limit on accepted
     * handshakes keeps the queue short, so the fleet is back in about N·h/c.
     */
    @Test
    void theStormSustainsItselfAndAHandshakeLimitEndsIt() {
        int n = 40_000;
        int h = 4;
        int c = 8;
        long timeout = 5_000;
        Trace t = fleet(120_000, conns(n, h, timeout, IMMEDIATE, 0), c, 0, true).run(SEED);
        Trace.ConnectionSeries s = series(t);
        long firstRound = (long) c * ((timeout - 1) / h + 1) - c; // handshakes that finished before the timeout
        int end = s.up().size() - 1;
        assertThat((long) s.up().get(end)).isBetween(firstRound, firstRound + c);
        assertThat(s.wasted().subList(end - 30, end).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(s.handshakes().subList(end - 30, end).stream().mapToInt(Integer::intValue).sum())
                .isPositive();
        Trace limited = fleet(120_000, conns(n, h, timeout, IMMEDIATE, 100), c, 0, true).run(SEED);
        int back = (int) ((RESET_MS + (long) n * h / c) / 1000) + 1;
        assertThat(series(limited).up().get(back)).isEqualTo(n);
        // only a handshake accepted from the backlog in a client's last few ms is done for nobody
        assertThat(series(limited).wasted().stream().mapToInt(Integer::intValue).sum()).isLessThan(n / 50);
    }

    /**
     * Session resumption: with tickets from the start every reconnect costs r, so the fleet drains
     * in N·r/c; turned on at the reset's moment, no client holds a ticket yet and the drain is N·h/c,
     * and the next reset is cheap for every client that connected since.
     */
    @Test
    void resumptionNeedsATicketFromTheLastConnection() {
        int n = 4_000;
        int c = 8;
        Scenario.Connections full = conns(n, 4, 60_000, IMMEDIATE, 0);
        Scenario.Connections resuming = new Scenario.Connections(n, Dist.fixed(4), Dist.fixed(1), 60_000, IMMEDIATE, 0);
        Scn fleet = fleet(60_000, resuming, c, 0, true);
        Trace t = fleet.run(SEED);
        int second = (int) (RESET_MS / 1000);
        assertThat(series(t).up().get(second - 1)).isEqualTo(n);
        assertThat(series(t).up().get(second)).isEqualTo(n); // 4,000 x 1 ms / 8 = 500 ms
        assertThat(t.service("gw").series().get(second).queued()).isZero();
        // on from the reset's millisecond: every reconnect is still a full handshake (2 s), the next one resumes
        Scenario base = fleet(60_000, full, c, 0, true)
                .fault(new Scenario.Fault("gw", Scenario.Fault.Kind.CONNECTION_RESET, 30_000, 0,
                        Scenario.Fault.Shape.LINEAR, null, 0, 0)).build();
        Scenario.Service app = base.services().get("app");
        Call on = new Call("gw", 1.0, 10_000, Retry.NONE, null, null, null, 0, null, null, null, false, null, null, resuming);
        Scenario.Service changed = new Scenario.Service(app.id(), app.name(), app.threads(), app.queue(),
                app.processing(), app.shed(), app.rateLimit(), app.propagateDeadline(), app.layout(),
                Map.of("gw", on), app.health());
        Scenario branch = base.branch(base.durationMs(),
                List.of(new Scenario.Change(RESET_MS, Map.of("app", changed), Map.of())));
        Trace b = Simulation.run("test", "resume", branch, SEED);
        assertThat(series(b).up().get(second)).isEqualTo(c * (999 / 4)); // full handshakes: 1,992 in the first second
        assertThat(series(b).up().get(second + 1)).isEqualTo(c * (1999 / 4));
        assertThat(series(b).up().get(second + 2)).isEqualTo(n);
        assertThat(series(b).up().get(30)).isEqualTo(n); // the reset at 30 s: every client resumes, 500 ms
    }

    /** A fork in the middle of the storm continues exactly as a run from the start, with a policy change or a restart. */
    @Test
    void aForkMidStormEqualsARunFromTheStart() {
        Scenario base = fleet(60_000, conns(20_000, 4, 3_000, IMMEDIATE, 0), 8, 100, true).build();
        Scenario.Service app = base.services().get("app");
        Call old = app.calls().get("gw");
        Call limited = new Call("gw", 1.0, 10_000, Retry.NONE, null, null, null, 0, null, null, null, false, null, null,
                conns(20_000, 4, 3_000, new Retry(1, Retry.Backoff.EXPONENTIAL, 500, 8_000, Retry.Jitter.FULL,
                        List.of()), 50));
        Scenario.Service changed = new Scenario.Service(app.id(), app.name(), app.threads(), app.queue(),
                app.processing(), app.shed(), app.rateLimit(), app.propagateDeadline(), app.layout(),
                Map.of("gw", limited), app.health());
        for (List<Scenario.Action> acts : List.of(
                List.<Scenario.Action>of(new Scenario.Change(20_000, Map.of("app", changed), Map.of())),
                List.<Scenario.Action>of(new Scenario.Restart(20_000, "gw", 2_000, 1, 0, 1)))) {
            ForkPair run = ForkPair.of(base, acts, 20_000, SEED);
            Edge a = run.fork().byId.get("app").edges[0];
            Edge b = run.direct().byId.get("app").edges[0];
            assertThat(a.conn.upAt).isEqualTo(b.conn.upAt);
            assertThat(a.conn.handshakes).isEqualTo(b.conn.handshakes);
            assertThat(a.conn.wasted).isEqualTo(b.conn.wasted);
            assertThat(run.fork().byId.get("app").ok).isEqualTo(run.direct().byId.get("app").ok);
            assertThat(run.fork().events).isEqualTo(run.direct().events);
        }
        assertThat(old.connections().maxHandshakes()).isZero();
    }

    /** Without {@code connections} nothing of this runs: no series, and the trace is that of the plain call. */
    @Test
    void noConnectionsNoSeries() throws Exception {
        Scn plain = Scn.of(20_000).service("app", 1_000, Scenario.Queue.DEFAULT, Dist.fixed(0), Scn.call("gw", 1_000))
                .service("gw", 8, Scn.fifo(100), Scn.exp(5)).poisson("app", 300);
        Trace t = plain.run(SEED);
        assertThat(t.edges().get("app->gw").connections()).isNull();
        String w = json(t);
        assertThat(w).doesNotContain("\"connections\"").doesNotContain("handshakes");
        // the same call written with all of its components and connections null gives the same trace
        Call full = new Call("gw", 1.0, 1_000, Retry.NONE, null, null, null, 0, null, null, null, false, null, null, null);
        Scn same = Scn.of(20_000).service("app", 1_000, Scenario.Queue.DEFAULT, Dist.fixed(0), full)
                .service("gw", 8, Scn.fifo(100), Scn.exp(5)).poisson("app", 300);
        assertThat(json(same.run(SEED)).replaceAll("\"wall_ms\" *: *\\d+", ""))
                .isEqualTo(w.replaceAll("\"wall_ms\" *: *\\d+", ""));
    }

    private static String json(Trace t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceJson.write(t, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
