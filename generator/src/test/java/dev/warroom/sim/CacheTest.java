package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The look-aside cache against renewal-reward formulas for Poisson requests. Key k (Zipf:
 * p_k ∝ k^−s) is requested at λ_k = λ p_k. With a TTL T set on a miss (not refreshed by hits)
 * and a fetch taking d, key k's life is a cycle: absent until the next request (mean 1/λ_k),
 * fetching for d (the λ_k d requests meanwhile miss too), cached for T (λ_k T hits). So
 * h_k = λ_k T / (1 + λ_k d + λ_k T) (for d = 0 the classic λ_k T / (1 + λ_k T)), and the
 * callee sees (1 + λ_k d) fetches per cycle without coalescing, exactly 1 with it. Without
 * coalescing each of those fetches stores the entry again when it returns (a SET overwrites),
 * so the entry lives T after the last one: T + E[L], with L the last of the Poisson misses in
 * the window d after the first, E[L] = d − (1 − e^(−λ_k d))/λ_k. With stale-while-revalidate
 * the entry is refreshed once per cycle of T + 1/λ_k + d and never misses.
 */
class CacheTest {
    private static final long SEED = 5;

    private static Scenario.Cache cache(int keys, double zipf, long ttl, boolean coalesce, long stale, int warm) {
        return new Scenario.Cache(keys, zipf, ttl, 1, coalesce, stale, warm);
    }

    private static Call cached(Scenario.Cache c) {
        return new Call("db", 1.0, Scenario.NO_TIMEOUT, Retry.NONE, null, null, null, 0, null, null, null, false, c, null, null);
    }

    /** An API at {@code rate} requests/s calling a database that answers after exactly {@code d} ms. */
    private static Scn api(long durationMs, double rate, long d, Call call) {
        return Scn.of(durationMs).service("api", 1_000_000, Scenario.Queue.DEFAULT, Dist.fixed(0), call)
                .external("db", Dist.fixed(d), 0).poisson("api", rate);
    }

    private static double[] zipf(int n, double s) {
        double[] p = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            p[k] = Math.pow(k + 1, -s);
            sum += p[k];
        }
        for (int k = 0; k < n; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** How much longer than T the entry lives: the last fill's delay, E[L] without coalescing, 0 with it. */
    private static double extra(double l, double dS, boolean coalesce) {
        return coalesce || dS == 0 ? 0 : dS - (1 - Math.exp(-l * dS)) / l;
    }

    /** The hit ratio: Σ p_k λ_k (T + E[L]) / (1 + λ_k d + λ_k (T + E[L])). */
    private static double hitRatio(double lambda, int n, double s, double ttlS, double dS, boolean coalesce) {
        double h = 0;
        for (double p : zipf(n, s)) {
            double l = lambda * p;
            double life = ttlS + extra(l, dS, coalesce);
            h += p * l * life / (1 + l * dS + l * life);
        }
        return h;
    }

    /** Fetches per second the callee sees: Σ (1 + λ_k d, or 1 coalesced) / (1/λ_k + d + T + E[L]). */
    private static double fetchRate(double lambda, int n, double s, double ttlS, double dS, boolean coalesce) {
        double r = 0;
        for (double p : zipf(n, s)) {
            double l = lambda * p;
            r += (coalesce ? 1 : 1 + l * dS) / (1 / l + dS + ttlS + extra(l, dS, coalesce));
        }
        return r;
    }

    private static long sum(List<Integer> s, int from, int to) {
        long n = 0;
        for (int k = from; k < to; k++) {
            n += s.get(k);
        }
        return n;
    }

    private static long attempts(Trace.EdgeSeries e, int from, int to) {
        return e.series().subList(from, to).stream().mapToLong(Trace.EdgeBucket::attempts).sum();
    }

    @Test
    void theHitRatioIsTheTtlCacheFormula() {
        for (double[] c : new double[][] {{0.8, 2_000, 0}, {1.2, 5_000, 0}, {1.0, 3_000, 50}}) {
            double s = c[0];
            long ttl = (long) c[1];
            long d = (long) c[2];
            int n = 1_000;
            double lambda = 2_000;
            Trace t = api(200_000, lambda, d, cached(cache(n, s, ttl, false, 0, n))).run(SEED);
            Trace.EdgeSeries e = t.edges().get("api->db");
            long hits = sum(e.hits(), 30, 200);
            long misses = sum(e.misses(), 30, 200);
            double want = hitRatio(lambda, n, s, ttl / 1000.0, d / 1000.0, false);
            assertThat((double) hits / (hits + misses)).as("zipf %s ttl %d d %d", s, ttl, d)
                    .isCloseTo(want, within(0.004));
            // every miss is a fetch: no coalescing
            assertThat(attempts(e, 30, 200)).isCloseTo(misses, within((long) (0.002 * misses) + 5));
        }
    }

    @Test
    void coalescingSendsOneFetchPerKeyInFlight() {
        int n = 20;
        double lambda = 500;
        long d = 200;
        long ttl = 1_000;
        for (boolean coalesce : new boolean[] {false, true}) {
            Trace t = api(300_000, lambda, d, cached(cache(n, 1.0, ttl, coalesce, 0, n))).run(SEED);
            Trace.EdgeSeries e = t.edges().get("api->db");
            double fetches = attempts(e, 20, 300) / 280.0;
            assertThat(fetches).as("coalesce " + coalesce)
                    .isCloseTo(fetchRate(lambda, n, 1.0, 1.0, 0.2, coalesce), within(0.02 * fetches));
            long hits = sum(e.hits(), 20, 300);
            long misses = sum(e.misses(), 20, 300);
            // the waiters of a fetch miss as they would without coalescing (but the entry is not stored again)
            assertThat((double) hits / (hits + misses)).isCloseTo(hitRatio(lambda, n, 1.0, 1.0, 0.2, coalesce), within(0.006));
            int most = e.series().stream().mapToInt(Trace.EdgeBucket::inFlight).max().orElseThrow();
            if (coalesce) {
                assertThat(most).isLessThanOrEqualTo(n);
            } else {
                assertThat(most).isGreaterThan(n);
            }
        }
    }

    @Test
    void staleWhileRevalidateServesEveryCallAndRefreshesOncePerCycle() {
        int n = 20;
        double lambda = 500;
        Trace t = api(300_000, lambda, 200, cached(cache(n, 1.0, 1_000, false, 600_000, n))).run(SEED);
        Trace.EdgeSeries e = t.edges().get("api->db");
        assertThat(sum(e.misses(), 0, 300)).isZero();
        double refreshes = attempts(e, 20, 300) / 280.0;
        assertThat(refreshes).isCloseTo(fetchRate(lambda, n, 1.0, 1.0, 0.2, true), within(0.02 * refreshes));
        // every user request answered, after the hit latency: refreshes are nobody's request
        assertThat(Scn.sum(t, "api", 0, 300, Trace.Bucket::ok)).isEqualTo(Scn.sum(t, "api", 0, 300, Trace.Bucket::completed))
                .isGreaterThan(140_000);
    }

    @Test
    void aFlushMakesEveryKeyMissOnceMore() {
        int n = 50;
        Scn s = api(60_000, 500, 20, cached(cache(n, 1.0, 3_600_000, true, 0, 0)))
                .fault(new Scenario.Fault("api", Scenario.Fault.Kind.FLUSH, 30_000, 0, Scenario.Fault.Shape.LINEAR,
                        null, 0, 0));
        Trace t = s.run(SEED);
        Trace.EdgeSeries e = t.edges().get("api->db");
        // a cold start and a flush: each key fetched once for each (coalesced), never again within the hour's ttl
        assertThat(attempts(e, 0, 30)).isEqualTo(n);
        assertThat(attempts(e, 30, 60)).isEqualTo(n);
        assertThat(e.hits().get(30)).isLessThan(e.hits().get(29));
    }

    @Test
    void aWarmCacheHoldsItsHottestKeys() {
        int n = 1_000;
        // 100 of 1,000 keys warm, an hour's ttl: the first second misses exactly the others' share
        Trace t = api(10_000, 5_000, 0, cached(cache(n, 1.0, 3_600_000, true, 0, 100))).run(SEED);
        Trace.EdgeSeries e = t.edges().get("api->db");
        double[] p = zipf(n, 1.0);
        double warmShare = 0;
        for (int k = 0; k < 100; k++) {
            warmShare += p[k];
        }
        double h0 = (double) e.hits().get(0) / (e.hits().get(0) + e.misses().get(0));
        assertThat(h0).isGreaterThan(warmShare - 0.03);
        assertThat(attempts(e, 0, 10)).isLessThanOrEqualTo(n - 100);
    }

    /** A mid-run set turns coalescing on and warms the cache; a fork of the run equals a run from the start. */
    @Test
    void aPolicyChangeMidRunAndAForkOfIt() {
        int n = 2_000;
        Scenario.Cache before = cache(n, 1.0, 5_000, false, 0, 0);
        Scenario.Cache after = cache(n, 1.0, 5_000, true, 2_000, 500);
        Scenario base = api(40_000, 2_000, 150, cached(before))
                .fault(new Scenario.Fault("api", Scenario.Fault.Kind.FLUSH, 10_000, 0, Scenario.Fault.Shape.LINEAR,
                        null, 0, 0)).build();
        Scenario.Service svc = base.services().get("api");
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("db", cached(after));
        Scenario.Service changed = new Scenario.Service(svc.id(), svc.name(), svc.threads(), svc.queue(),
                svc.processing(), svc.shed(), svc.rateLimit(), svc.propagateDeadline(), svc.layout(), calls);
        ForkPair run = ForkPair.of(base, List.of(new Scenario.Change(20_000, Map.of("api", changed), Map.of())),
                20_000, SEED);
        Cache a = run.fork().edges.get(0).cache;
        Cache b = run.direct().edges.get(0).cache;
        assertThat(a.hits).isEqualTo(b.hits);
        assertThat(a.misses).isEqualTo(b.misses);
        assertThat(run.fork().edges.get(0).attempts).isEqualTo(run.direct().edges.get(0).attempts);
        // the change cut the fetches: fewer after 20 s than in the seconds before it
        int[] at = run.direct().edges.get(0).attempts;
        long beforeSum = 0;
        long afterSum = 0;
        for (int k = 0; k < 5; k++) {
            beforeSum += at[15 + k];
            afterSum += at[25 + k];
        }
        assertThat(afterSum).isLessThan(beforeSum);
    }

    @Test
    void theMetricsReadTheSeries() throws Exception {
        Trace t = api(60_000, 1_000, 0, cached(cache(500, 1.0, 2_000, false, 0, 500))).run(SEED);
        Trace.EdgeSeries e = t.edges().get("api->db");
        TraceQuery q = new TraceQuery("baseline", v -> t);
        int start = dev.warroom.bank.Units.parseClock(t.startClock());
        String from = dev.warroom.bank.Units.formatClock(start + 10);
        String to = dev.warroom.bank.Units.formatClock(start + 60);
        long hits = sum(e.hits(), 10, 60);
        long misses = sum(e.misses(), 10, 60);
        assertThat(q.evaluate(dev.warroom.bank.Metric.parse("hit_ratio(db, " + from + ", " + to + ")")))
                .isCloseTo((double) hits / (hits + misses), within(1e-12));
        assertThat(q.evaluate(dev.warroom.bank.Metric.parse("cache_misses(db, " + from + ", " + to + ")")))
                .isCloseTo(misses / 50.0, within(1e-9));
        assertThat(q.evaluate(dev.warroom.bank.Metric.parse("cache_hits(db, " + from + ", " + to + ")")))
                .isCloseTo(hits / 50.0, within(1e-9));
    }

    @Test
    void aCallWithoutACacheHasNoSeries() {
        Trace t = api(10_000, 1_000, 5, Scn.call("db", 1_000)).run(SEED);
        assertThat(t.edges().get("api->db").hits()).isNull();
        assertThat(TraceJson.toJson(t)).doesNotContain("cache_hits");
        // the same scenario through the cache-less constructor: the same trace
        Call plain = new Call("db", 1.0, 1_000, Retry.NONE, null, null, null, 0, null, null, null, false, null, null, null);
        Trace u = api(10_000, 1_000, 5, plain).run(SEED);
        assertThat(TraceJson.toJson(u).replaceAll("\"wall_ms\":\\d+", ""))
                .isEqualTo(TraceJson.toJson(t).replaceAll("\"wall_ms\":\\d+", ""));
    }
}
