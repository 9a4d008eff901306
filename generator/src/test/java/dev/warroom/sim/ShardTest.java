package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Dist;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A partitioned store with a hot key (docs/simulation.md, "Shards"), checked against
 * references computed here, independently of the simulator: Zipf's law for the top key's share
 * (p₁ = 1/H(N, s)), the Redis Cluster key slot (CRC16/XMODEM mod 16384, with the figures the
 * Redis documentation publishes) for each shard's share of the load, Erlang C for a shard's
 * queueing (each shard an M/M/c of its own workers), the token bucket's admitted count for the
 * per-key limit, and the hedging arithmetic of The Tail at Scale for hedged reads.
 */
class ShardTest {
    private static final long SEED = 5;

    /** A caller {@code api} (no work of its own, workers enough) calling {@code store} with shards. */
    private static Scn store(long durationMs, double rate, int threads, Dist work, Scenario.Shards shards) {
        Scn s = Scn.of(durationMs).service("api", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), Scn.call("store", 0));
        s.services.put("store", new Scenario.Service("store", "store", threads, Scenario.Queue.DEFAULT, work, null, null,
                false, Scenario.Layout.AUTO, Map.of(), null, null, shards, null));
        return s.poisson("api", rate);
    }

    private static Scenario.Shards shards(int count, int keys, double zipf, int replicas) {
        return new Scenario.Shards(count, keys, zipf, replicas, List.of(), null, 0, List.of());
    }

    private static Scenario.Fault hot(int key, double share) {
        return new Scenario.Fault("store", Scenario.Fault.Kind.HOT_KEY, 0, 0, Scenario.Fault.Shape.LINEAR, null, share,
                0, -1, new Scenario.HotKey(key, share));
    }

    // ---- the references -------------------------------------------------------------------

    /** CRC16/XMODEM by polynomial long division, one message bit at a time (x^16 + x^12 + x^5 + 1). */
    static int crc16(String s) {
        int reg = 0;
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length * 8 + 16; i++) { // the message, then 16 zero bits
            int bit = i < bytes.length * 8 ? (bytes[i / 8] >> (7 - i % 8)) & 1 : 0;
            boolean top = (reg & 0x8000) != 0;
            reg = ((reg << 1) | bit) & 0xffff;
            if (top) {
                reg ^= 0x1021;
            }
        }
        return reg;
    }

    /** The shard of key k: its slot (CRC16 of its decimal name mod 16384), the slots split in {@code count} equal ranges. */
    static int shardOf(int k, int count) {
        int slot = crc16(Integer.toString(k)) % 16_384;
        return slot * count / 16_384;
    }

    /** Zipf: p_k = (k + 1)^−s / H(N, s), k from 0. */
    static double[] zipf(int n, double s) {
        double[] p = new double[n];
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += Math.pow(k, -s);
        }
        for (int k = 0; k < n; k++) {
            p[k] = Math.pow(k + 1, -s) / h;
        }
        return p;
    }

    private static long arrivals(Engine e) {
        long n = 0;
        for (int a : e.byId.get("store").arrivals) {
            n += a;
        }
        return n;
    }

    // ---- the tests ------------------------------------------------------------------------

    @Test
    void theKeySlotIsRedisClusters() {
        // the Redis documentation: CRC16 of "123456789" is 0x31C3 (cluster spec); CLUSTER KEYSLOT somekey = 11058
        assertThat(crc16("123456789")).isEqualTo(0x31C3);
        assertThat(Shards.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
        assertThat(Shards.crc16("somekey".getBytes(StandardCharsets.US_ASCII)) % 16_384).isEqualTo(11058);
        for (int k = 0; k < 5_000; k++) {
            assertThat(Shards.slotOf(k)).isEqualTo(crc16(Integer.toString(k)) % 16_384);
        }
    }

    /** The top key's share of the reads is Zipf's p₁ = 1/H(N, s): counted as the reads a cache of key 0 answered. */
    @Test
    void theTopKeysShareIsZipfsFirst() {
        for (double[] c : new double[][] {{1_000, 1.0}, {50_000, 0.8}}) {
            int n = (int) c[0];
            double s = c[1];
            Scenario.Shards sh = new Scenario.Shards(16, n, s, 1, List.of(), null, 0, List.of(0));
            Engine e = new Engine(store(100_000, 2_000, 160, Scn.exp(2), sh).build(), SEED);
            e.run();
            long total = arrivals(e);
            long atShards = 0;
            for (Pod p : e.byId.get("store").shards.pods) {
                atShards += p.arrivals;
            }
            double p1 = zipf(n, s)[0];
            double share = 1 - atShards / (double) total;
            double se = Math.sqrt(p1 * (1 - p1) / total);
            assertThat(share).as("N=%d s=%.1f: p1=%.4f", n, s, p1).isCloseTo(p1, within(4 * se));
        }
    }

    /** Each shard's share of the reads is the sum of its keys' probabilities, the keys mapped by the slot computed here. */
    @Test
    void eachShardCarriesItsKeys() {
        int n = 2_000;
        int count = 16;
        double[] p = zipf(n, 0.9);
        double[] want = new double[count];
        for (int k = 0; k < n; k++) {
            want[shardOf(k, count)] += p[k];
        }
        Engine e = new Engine(store(100_000, 2_000, 320, Scn.exp(2), shards(count, n, 0.9, 1)).build(), SEED);
        e.run();
        long total = arrivals(e);
        List<Pod> pods = e.byId.get("store").shards.pods;
        double spread = 0;
        for (int j = 0; j < count; j++) {
            double got = pods.get(j).arrivals / (double) total;
            double se = Math.sqrt(want[j] * (1 - want[j]) / total);
            assertThat(got).as("shard %d", j).isCloseTo(want[j], within(4.5 * se));
            spread = Math.max(spread, want[j]);
        }
        // and the load is uneven: the hottest shard carries well over its 1/16
        assertThat(spread).isGreaterThan(1.5 / count);
    }

    /**
     * Every read of one key (a hot key with share 1): its shard alone serves them, an M/M/c of its
     * own c = threads/count workers. Utilisation λS/c and the mean time in the store S + Wq with
     * Wq = C(c, λS)/(cμ − λ) (Erlang C); the other shards get nothing.
     */
    @Test
    void aHotShardIsItsOwnMmc() {
        int count = 4;
        int c = 4;
        double lambda = 150;
        double meanS = 0.020;
        Scn s = store(600_000, lambda, count * c, Scn.exp(meanS * 1000), shards(count, 100, 1.0, 1)).fault(hot(42, 1.0));
        Engine e = new Engine(s.build(), SEED);
        e.run();
        Node store = e.byId.get("store");
        int home = shardOf(42, count);
        for (Pod p : store.shards.pods) {
            if (p.index != home) {
                assertThat(p.arrivals).as("shard %d", p.index).isZero();
            }
        }
        long done = 0;
        for (int b = 0; b < e.buckets; b++) {
            done += store.ok[b];
        }
        double w = store.sojournMs / 1000.0 / done;
        double mu = 1 / meanS;
        double wq = Formulas.mmcWq(c, lambda, mu);
        assertThat(Formulas.erlangC(c, lambda / mu)).isCloseTo(0.509, within(0.001)); // C(4, 3)
        assertThat(w).isCloseTo(meanS + wq, within(0.06 * (meanS + wq)));
        double busy = 0;
        for (int b = 10; b < e.buckets; b++) {
            busy += store.activeAt[b];
        }
        busy /= e.buckets - 10;
        assertThat(busy / c).as("utilisation").isCloseTo(lambda * meanS / c, within(0.04));
        // the busiest-shard series sees that one shard
        assertThat(store.shards.busyMax[300]).isEqualTo(store.activeAt[300]);
    }

    /**
     * The same hot key replicated to R = 4 shards: its reads split evenly over the four shards
     * that follow its own (computed here), each an M/M/c with λ/4; unreplicated, λ = 400/s on
     * one shard of four workers would be overloaded (λS = 8 > 4).
     */
    @Test
    void replicatingTheHotKeyDividesItsLoad() {
        int count = 8;
        int c = 4;
        int r = 4;
        double lambda = 400;
        double meanS = 0.020;
        Scenario.Shards sh = new Scenario.Shards(count, 100, 1.0, 1, List.of(new Scenario.Replicate(42, r)), null, 0,
                List.of());
        Engine e = new Engine(store(600_000, lambda, count * c, Scn.exp(meanS * 1000), sh).fault(hot(42, 1.0)).build(),
                SEED);
        e.run();
        Node store = e.byId.get("store");
        long total = arrivals(e);
        int home = shardOf(42, count);
        for (Pod p : store.shards.pods) {
            boolean replica = Math.floorMod(p.index - home, count) < r;
            if (replica) {
                assertThat((double) p.arrivals).as("replica %d", p.index).isCloseTo(total / (double) r, within(1.0));
            } else {
                assertThat(p.arrivals).as("shard %d", p.index).isZero();
            }
        }
        long done = 0;
        for (int b = 0; b < e.buckets; b++) {
            done += store.ok[b];
        }
        double w = store.sojournMs / 1000.0 / done;
        double wq = Formulas.mmcWq(c, lambda / r, 1 / meanS);
        assertThat(w).isCloseTo(meanS + wq, within(0.06 * (meanS + wq)));
    }

    /** A token bucket per key: the hot key gets burst + rps·T of its reads, the other keys all of theirs. */
    @Test
    void aPerKeyLimitPassesTheBucketsRateOfTheHotKeyOnly() {
        double lambda = 1_000;
        long seconds = 60;
        Scenario.Shards sh = new Scenario.Shards(8, 1_000, 0, 1, List.of(), new Scenario.RateLimit(300, 50), 0,
                List.of());
        Trace t = store(seconds * 1000, lambda, 800, Scn.exp(2), sh).fault(hot(7, 0.5)).run(SEED);
        long arrived = Scn.sum(t, "store", 0, (int) seconds, Trace.Bucket::arrivals);
        long rejected = Scn.sum(t, "store", 0, (int) seconds, Trace.Bucket::rejected);
        // every other key is read about 0.5 s^-1 · ... = 0.5/s, far under its 300/s: only key 7 is limited
        double hotReads = 0.5 * arrived + 0.5 * arrived / 1_000; // the share plus its uniform draws
        double admitted = 50 + 300.0 * seconds;
        assertThat((double) rejected).isCloseTo(hotReads - admitted, within(4 * Math.sqrt(0.25 * arrived) + 10));
        assertThat(Scn.sum(t, "store", 0, (int) seconds, Trace.Bucket::ok)).isEqualTo(
                Scn.sum(t, "store", 0, (int) seconds, Trace.Bucket::completed) - rejected);
    }

    /**
     * Hedged reads at light load (no queueing: the read takes its exponential work S): a hedge
     * is sent when the first read takes longer than h, P = e^(−h/S), and the caller waits
     * E[min(T₁, h + T₂)] = S(1 − e^(−h/S)) + (S/2)e^(−h/S) (Dean and Barroso, The Tail at Scale).
     */
    @Test
    void hedgingAfterHSendsTheTailAgainAndTakesTheFirstAnswer() {
        double meanS = 50;
        long h = 100;
        Scenario.Shards sh = new Scenario.Shards(8, 1_000, 0.5, 2, List.of(), null, h, List.of());
        Engine e = new Engine(store(300_000, 200, 8_000, Scn.exp(meanS), sh).build(), SEED);
        e.run();
        Node api = e.byId.get("api");
        Node store = e.byId.get("store");
        long first = 0;
        long hedges = 0;
        long done = 0;
        for (int b = 0; b < e.buckets; b++) {
            first += store.arrivals[b] - store.retries[b];
            hedges += store.retries[b];
            done += api.ok[b];
        }
        double q = Math.exp(-h / meanS);
        assertThat(hedges / (double) first).isCloseTo(q, within(0.006));
        double wait = meanS * (1 - q) + meanS / 2 * q;
        assertThat(api.sojournMs / (double) done).isCloseTo(wait, within(0.02 * wait));
        // without hedging the caller waits S
        Scenario.Shards plain = new Scenario.Shards(8, 1_000, 0.5, 2, List.of(), null, 0, List.of());
        Engine p = new Engine(store(300_000, 200, 8_000, Scn.exp(meanS), plain).build(), SEED);
        p.run();
        long pd = 0;
        for (int b = 0; b < p.buckets; b++) {
            pd += p.byId.get("api").ok[b];
        }
        assertThat(p.byId.get("api").sojournMs / (double) pd).isCloseTo(meanS, within(0.02 * meanS));
    }

    /** More shards (a reshard mid-run) and a replicated key in a branch: a fork equals a run from the start. */
    @Test
    void aReshardInABranchForkedMidRunEqualsARunFromTheStart() {
        Scenario base = store(60_000, 800, 64, Scn.exp(10), shards(8, 500, 1.0, 2)).fault(hot(3, 0.4)).build();
        Scenario.Service svc = base.services().get("store");
        Scenario.Shards more = new Scenario.Shards(16, 500, 1.0, 2, List.of(new Scenario.Replicate(3, 6)),
                new Scenario.RateLimit(200, 20), 20, List.of());
        Scenario.Service changed = new Scenario.Service(svc.id(), svc.name(), 128, svc.queue(), svc.processing(),
                svc.shed(), svc.rateLimit(), svc.propagateDeadline(), svc.layout(), svc.calls(), null, null, more, null);
        ForkPair f = ForkPair.of(base, List.of(new Scenario.Change(30_000, Map.of("store", changed), Map.of())), 30_000,
                SEED);
        Node a = f.fork().byId.get("store");
        Node b = f.direct().byId.get("store");
        assertThat(a.arrivals).isEqualTo(b.arrivals);
        assertThat(a.ok).isEqualTo(b.ok);
        assertThat(a.rejected).isEqualTo(b.rejected);
        assertThat(a.p99).isEqualTo(b.p99);
        assertThat(a.shards.busyMax).isEqualTo(b.shards.busyMax);
        assertThat(a.shards.pods).hasSize(16);
        List<Long> per = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            assertThat(a.shards.pods.get(k).arrivals).isEqualTo(b.shards.pods.get(k).arrivals);
            per.add(b.shards.pods.get(k).arrivals);
        }
        assertThat(per.subList(8, 16)).allMatch(n -> n > 0); // the new shards took over half of each range
    }

    /**
     * Without {@code shards} a service runs as before: no shard series in its trace; and one shard
     * holding every key is the plain service, second by second (the key draws use the caller's
     * stream, which nothing else here draws from).
     */
    @Test
    void withoutShardsNothingChanges() {
        Scn plain = Scn.of(60_000).service("api", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), Scn.call("store", 200))
                .service("store", 8, Scenario.Queue.DEFAULT, Scn.exp(20)).poisson("api", 300);
        Trace a = plain.run(SEED);
        assertThat(a.service("store").shards()).isNull();
        Trace b = store(60_000, 300, 8, Scn.exp(20), shards(1, 1, 0, 1)).run(SEED);
        // the builder's store call has no timeout; give the plain one the same
        Scn plain0 = Scn.of(60_000).service("api", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), Scn.call("store", 0))
                .service("store", 8, Scenario.Queue.DEFAULT, Scn.exp(20)).poisson("api", 300);
        Trace c = plain0.run(SEED);
        assertThat(b.service("store").series()).isEqualTo(c.service("store").series());
        assertThat(b.service("api").series()).isEqualTo(c.service("api").series());
        assertThat(b.service("store").shards().busyMax()).isEqualTo(
                c.service("store").series().stream().map(Trace.Bucket::active).toList());
    }
}
