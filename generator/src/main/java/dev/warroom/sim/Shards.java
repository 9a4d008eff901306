package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A partitioned store (docs/simulation.md, "Shards"): the service runs as {@code count} shards,
 * each a {@link Pod} with its share of the workers and the queue. Every request reads one key,
 * drawn from the caller's random stream: with a HOT_KEY fault's current share its key, else a
 * Zipf draw over the key space (key k, from 0, has weight (k + 1)^−s). A key's hash slot is
 * CRC16 (XMODEM) of its decimal name mod 16384, as Redis Cluster computes it, and the slots are
 * split over the shards in contiguous ranges (slot · count / 16384); the key lives on that shard
 * and the replicas − 1 after it, and its reads go to those in turn. A retry reads the key its
 * first attempt read. In front of the shards, an optional token bucket per key rejects (503) a
 * key's reads beyond its rate; with {@code hedge_after}, a read not answered by then is sent to
 * the next replica of its key too and the first answer is taken (the other is not cancelled).
 *
 * <p>A request at a shard has {@code pod} = its shard and {@code gen} = its key; a hedge has
 * {@code decided} set (it is not hedged again). The caller's request keeps the key of its
 * current call in {@code gen} (+1, 0 = none) for its retries.
 */
final class Shards {
    static final int SLOTS = 16_384;
    /** What {@link #route} answers for a key the cache in front of the shards holds. */
    static final Pod CACHED = new Pod(-1);

    final Engine engine;
    final Node node;
    Scenario.Shards settings;
    final List<Pod> pods = new ArrayList<>();
    /** Per key: its hash slot; its Zipf cumulative probability; its home shard for the current count. Immutable once built (forks share them). */
    private short[] slot;
    private double[] cdf;
    private int[] home;
    /** The per-key token buckets (with key_limit), or null. */
    private double[] tokens;
    private long[] tokensAt;
    /** The round robin over a key's replicas. */
    private long turn;
    /** Whether a HOT_KEY fault targets this service (then every key draw takes one number more). */
    private final boolean hotFaults;
    /** Per second: the busiest shard's busy workers and the longest shard queue, at the end of the second. */
    final int[] busyMax;
    final int[] queuedMax;

    Shards(Engine engine, Node node, Scenario.Shards settings) {
        this.engine = engine;
        this.node = node;
        this.hotFaults = !node.faults.hotKeys().isEmpty();
        this.busyMax = new int[engine.buckets];
        this.queuedMax = new int[engine.buckets];
        this.settings = settings;
        keys(settings);
        for (int k = 0; k < settings.count(); k++) {
            pods.add(new Pod(k));
        }
        home = homes(slot, settings.count());
        size(node.threads);
        if (settings.keyLimit() != null) {
            newLimiter();
        }
    }

    /** A copy for a fork. */
    Shards(Shards s, Node node, Fork f) {
        this.engine = node.engine;
        this.node = node;
        this.settings = s.settings;
        this.hotFaults = s.hotFaults;
        for (Pod p : s.pods) {
            pods.add(p.copy(f));
        }
        this.slot = s.slot;
        this.cdf = s.cdf;
        this.home = s.home;
        this.tokens = s.tokens == null ? null : s.tokens.clone();
        this.tokensAt = s.tokensAt == null ? null : s.tokensAt.clone();
        this.turn = s.turn;
        this.busyMax = f.series(s.busyMax);
        this.queuedMax = f.series(s.queuedMax);
    }

    /** CRC16/XMODEM (polynomial 0x1021, initial 0), the checksum Redis Cluster hashes keys with. */
    static int crc16(byte[] b) {
        int crc = 0;
        for (byte x : b) {
            crc ^= (x & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    /** The hash slot of key {@code k}: CRC16 of its decimal name mod 16384. */
    static int slotOf(int k) {
        return crc16(Integer.toString(k).getBytes(StandardCharsets.US_ASCII)) % SLOTS;
    }

    /** The shard a slot belongs to: the slots split over the shards in contiguous ranges. */
    static int shardOfSlot(int slot, int count) {
        return (int) ((long) slot * count / SLOTS);
    }

    private void keys(Scenario.Shards s) {
        int n = s.keys();
        slot = new short[n];
        cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            slot[k] = (short) slotOf(k);
            sum += Math.pow(k + 1, -s.zipf());
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    private static int[] homes(short[] slot, int count) {
        int[] h = new int[slot.length];
        for (int k = 0; k < slot.length; k++) {
            h[k] = shardOfSlot(slot[k], count);
        }
        return h;
    }

    private void newLimiter() {
        tokens = new double[settings.keys()];
        tokensAt = new long[settings.keys()];
        java.util.Arrays.fill(tokens, settings.keyLimit().burst()); // a new limiter starts full
        java.util.Arrays.fill(tokensAt, engine.now);
    }

    /** Each shard's share of {@code threads} workers, of the queue's capacity and of {@code shed.max_queue}. */
    void size(int threads) {
        int of = pods.size();
        Scenario.Shed shed = node.service.shed();
        for (Pod p : pods) {
            int k = p.index;
            p.threads = Health.slice(threads, of, k);
            p.capacity = node.capacity == Scenario.UNBOUNDED ? Scenario.UNBOUNDED : Health.slice(node.capacity, of, k);
            p.maxQueue = shed == null || shed.maxQueue() == 0 ? 0 : Math.max(1, Health.slice(shed.maxQueue(), of, k));
        }
    }

    /** New settings (an action): more shards (a reshard: each range of slots split), a new key space, limiter or replication. */
    void update(Scenario.Shards s) {
        Scenario.Shards old = settings;
        settings = s;
        if (s.keys() != old.keys() || s.zipf() != old.zipf()) {
            keys(s);
            home = homes(slot, pods.size());
        }
        if (s.count() < pods.size()) {
            throw new IllegalStateException(node.id + ": shards.count can grow (a reshard), not shrink");
        }
        if (s.count() > pods.size()) {
            while (pods.size() < s.count()) {
                pods.add(new Pod(pods.size()));
            }
            home = homes(slot, s.count());
        }
        if (s.keyLimit() == null) {
            tokens = null;
            tokensAt = null;
        } else if (!s.keyLimit().equals(old.keyLimit())) {
            newLimiter();
        }
        if (s.keys() != old.keys() && tokens != null && tokens.length != s.keys()) {
            newLimiter();
        }
    }

    /** The key of request {@code r}, drawn from its caller's stream (a retry: its first attempt's key). */
    private int key(Req r) {
        Req c = r.parent;
        boolean keep = c != null && c.node.shards == null; // a shard's own request keeps its own key in gen
        if (keep && r.isRetry && c.gen > 0) {
            return c.gen - 1;
        }
        RandomGenerator rng = c == null ? node.rng : c.node.edges[c.callIdx].rng;
        int k = -1;
        if (hotFaults) {
            double u = rng.nextDouble();
            double acc = 0;
            List<Scenario.Fault> hot = node.faults.hotKeys();
            for (int i = hot.size() - 1; i >= 0 && k < 0; i--) { // the latest fault first
                Scenario.Fault f = hot.get(i);
                acc += node.faults.hotShare(f, engine.now);
                if (u < acc && f.hotKey().key() < cdf.length) {
                    k = f.hotKey().key();
                }
            }
        }
        if (k < 0) {
            k = zipf(rng.nextDouble());
        }
        if (keep) {
            c.gen = k + 1;
        }
        return k;
    }

    /** The key whose cumulative probability first exceeds {@code u}. */
    int zipf(double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The key's token bucket, refilled lazily. */
    private boolean takeToken(int key) {
        Scenario.RateLimit rl = settings.keyLimit();
        long now = engine.now;
        double t = Math.min(rl.burst(), tokens[key] + (now - tokensAt[key]) * rl.rps() / 1000.0);
        tokensAt[key] = now;
        if (t >= 1) {
            tokens[key] = t - 1;
            return true;
        }
        tokens[key] = t;
        return false;
    }

    /**
     * The shard that serves request {@code r}, {@link #CACHED} when the cache in front answers it,
     * or null when its key's bucket is empty (a 503).
     * Arms the hedge when the key has another replica.
     */
    Pod route(Req r) {
        int key = key(r);
        r.gen = key;
        if (!settings.cache().isEmpty() && settings.cache().contains(key)) {
            return CACHED;
        }
        if (tokens != null && !takeToken(key)) {
            return null;
        }
        int count = pods.size();
        int rep = Math.min(settings.replicasOf(key), count);
        int shard = home[key];
        if (rep > 1) {
            shard = (int) ((shard + turn++ % rep) % count);
            if (settings.hedgeAfterMs() > 0 && r.parent != null) {
                engine.queue.schedule(engine.now + settings.hedgeAfterMs(), r, Engine.A_HEDGE);
            }
        }
        return pods.get(shard);
    }

    /** The hedge timer of {@code r}: if its caller still waits, the same read goes to the next replica of its key. */
    void hedge(Req r) {
        if (r.state == Req.DONE || r.parent == null || !r.parent.awaits(r)) {
            return;
        }
        int key = r.gen;
        int count = pods.size();
        int rep = Math.min(settings.replicasOf(key), count);
        if (rep < 2) {
            return;
        }
        int j = Math.floorMod(r.pod - home[key], count);
        Pod other = pods.get((home[key] + (j + 1) % rep) % count);
        if (tokens != null && !takeToken(key)) {
            return; // the router's limiter refuses the duplicate too: it is not sent
        }
        Req h = new Req(node, r.parent, r.parentAttempt, true, 0);
        h.gen = key;
        h.decided = true;
        h.deadline = r.deadline;
        engine.services.hedge(h, node, other);
    }

    /** The end of a second: the busiest shard and the longest shard queue. */
    void sample(int b) {
        int busy = 0;
        int queued = 0;
        for (Pod p : pods) {
            busy = Math.max(busy, p.active);
            queued = Math.max(queued, p.queued);
        }
        busyMax[b] = busy;
        queuedMax[b] = queued;
    }
}
