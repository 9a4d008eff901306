package dev.warroom.sim;

import static dev.warroom.sim.Outcome.F_ERROR;

import dev.warroom.bank.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A look-aside cache on one call edge (docs/simulation.md, "Caches"): the caller asks the
 * cache for the call's key first; a fresh entry answers after the hit latency without calling
 * the callee; a miss makes the call as usual (timeout, retries, bulkhead, breaker) and, when
 * the call succeeds, stores the entry for {@code ttl} (set on a miss, not refreshed by a hit).
 * With {@code coalesce} a miss on a key already being fetched waits for that fetch and gets its
 * result (Go's singleflight, nginx's proxy_cache_lock); with {@code stale} an entry expired less
 * than that ago is served, and refreshed once in the background (RFC 5861 stale-while-revalidate).
 * A {@code flush} fault on the caller empties it (a Redis restart, FLUSHALL, a failover to an
 * empty replica).
 *
 * <p>Keys are drawn from the edge's own random stream, Zipf(s) over 1..keys (key 0 the hottest).
 * Only edges whose call has a cache own one; the engine's hot path checks a null field.
 */
final class Cache {
    /** The answer of a lookup: served from the cache, waiting on another's fetch, or go fetch. */
    static final int HIT = 0;
    static final int WAIT = 1;
    static final int MISS = 2;

    /** A fetch of one key in flight: the request making the call, and those coalesced onto it. */
    static final class Flight {
        final int key;
        /** A background refresh (stale-while-revalidate): its request is no one's, it only fills. */
        final boolean refresh;
        final ArrayList<Req> waiters = new ArrayList<>(0);

        Flight(int key, boolean refresh) {
            this.key = key;
            this.refresh = refresh;
        }
    }

    private final Engine engine;
    private final Edge edge;
    /** The running policy, or null once an action removed the cache (fetches in flight still end here). */
    Scenario.Cache policy;
    /** Zipf's cumulative distribution over the keys (shared with forks: never written). */
    private final double[] cdf;
    /** Per key: when its entry expires (Long.MIN_VALUE: not cached). */
    private final long[] expires;
    /** The fetch in flight per key that later misses may join or that a refresh would duplicate, or null. */
    private final Flight[] byKey;
    /** Requests making a fetch (a miss's call, or a refresh): their flight. */
    final Map<Req, Flight> fetching = new IdentityHashMap<>();
    /** When the caller's flush faults empty the cache, in order; the next one not yet applied. */
    private final long[] flushes;
    private int nextFlush;
    /** Per second: calls answered from the cache (fresh or stale), and those that were not (fetched or waited). */
    final int[] hits;
    final int[] misses;

    Cache(Engine engine, Edge edge, Scenario.Cache policy, int buckets) {
        this.engine = engine;
        this.edge = edge;
        this.policy = policy;
        this.cdf = zipfCdf(policy.keys(), policy.zipf());
        this.expires = new long[policy.keys()];
        Arrays.fill(expires, Long.MIN_VALUE);
        this.byKey = new Flight[policy.keys()];
        this.flushes = engine.scenario.faults().stream()
                .filter(f -> f.kind() == Scenario.Fault.Kind.FLUSH && f.target().equals(edge.from.id))
                .mapToLong(Scenario.Fault::atMs).sorted().toArray();
        this.hits = new int[buckets];
        this.misses = new int[buckets];
        warm(policy.warm());
    }

    /** A copy for a fork: the entries, the flights (their requests mapped through the fork) and the series. */
    Cache(Cache p, Engine engine, Edge edge, Fork f) {
        this.engine = engine;
        this.edge = edge;
        this.policy = p.policy;
        this.cdf = p.cdf;
        this.expires = p.expires.clone();
        this.byKey = new Flight[p.byKey.length];
        this.flushes = p.flushes;
        this.nextFlush = p.nextFlush;
        this.hits = f.series(p.hits);
        this.misses = f.series(p.misses);
        Map<Flight, Flight> copied = new IdentityHashMap<>();
        for (Map.Entry<Req, Flight> e : p.fetching.entrySet()) {
            fetching.put(f.req(e.getKey()), copied.computeIfAbsent(e.getValue(), x -> copy(x, f)));
        }
        for (int k = 0; k < p.byKey.length; k++) {
            if (p.byKey[k] != null) {
                byKey[k] = copied.computeIfAbsent(p.byKey[k], x -> copy(x, f));
            }
        }
    }

    private static Flight copy(Flight x, Fork f) {
        Flight c = new Flight(x.key, x.refresh);
        for (Req w : x.waiters) {
            c.waiters.add(f.req(w));
        }
        return c;
    }

    /** P(key ≤ k) for Zipf(s) over {@code n} keys: weight (k + 1)^−s for key k. */
    static double[] zipfCdf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.pow(k + 1, -s);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        c[n - 1] = 1.0;
        return c;
    }

    /** The key of the next call: inverse transform of one uniform draw of the edge's stream. */
    private int drawKey() {
        double u = edge.rng.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        return i >= 0 ? i : Math.min(cdf.length - 1, -i - 1);
    }

    /**
     * The {@code n} hottest keys not cached now get an entry, each expiring at a uniform draw over
     * the next ttl (a warm cache's ages are spread; a bulk load with one ttl would expire at once).
     */
    private void warm(int n) {
        long now = engine.now;
        long ttl = policy.ttlMs();
        for (int k = 0; k < n; k++) {
            long until = now + 1 + (long) (edge.rng.nextDouble() * ttl);
            if (expires[k] <= now) {
                expires[k] = until;
            }
        }
    }

    /** Applies the flushes whose time has come (lazily, at the next lookup or fill). */
    private void sync(long now) {
        while (nextFlush < flushes.length && flushes[nextFlush] <= now) {
            Arrays.fill(expires, Long.MIN_VALUE);
            nextFlush++;
        }
    }

    /** A new policy from now on (a {@code set}): the entries and flights stay; a changed {@code warm} loads its keys. */
    void apply(Scenario.Cache c) {
        Scenario.Cache old = policy;
        policy = c;
        if (c == null) {
            return;
        }
        if (old != null && (c.keys() != old.keys() || c.zipf() != old.zipf())) {
            throw new IllegalStateException(edge.from.id + " -> " + edge.to.id
                    + ": a cache's keys and zipf cannot be changed by an action (they describe the traffic)");
        }
        if (old == null || c.warm() != old.warm()) {
            sync(engine.now);
            warm(c.warm());
        }
    }

    /**
     * Request {@code r} begins its call on this edge: the cache's answer. HIT: the caller gets
     * the answer after the hit latency ({@link Calls#cacheAnswered}); WAIT: it waits for the
     * key's fetch in flight; MISS: it makes the call, and its success fills the entry.
     */
    int lookup(Req r) {
        Scenario.Cache p = policy;
        if (p == null) {
            return MISS;
        }
        long now = engine.now;
        int b = engine.bucket;
        sync(now);
        int k = drawKey();
        long exp = expires[k];
        if (now < exp) {
            hits[b]++;
            return HIT;
        }
        Flight f = byKey[k];
        if (p.staleMs() > 0 && exp != Long.MIN_VALUE && now < exp + p.staleMs()) {
            hits[b]++;
            if (f == null) {
                refresh(k);
            }
            return HIT;
        }
        misses[b]++;
        if (p.coalesce() && f != null) {
            f.waiters.add(r);
            return WAIT;
        }
        Flight mine = new Flight(k, false);
        fetching.put(r, mine);
        if (f == null) {
            byKey[k] = mine;
        }
        return MISS;
    }

    /** Stale-while-revalidate: one background call for key {@code k}, by a request of no one's. */
    private void refresh(int k) {
        Req bg = new Req(edge.from, null, 0, false, 0);
        bg.state = Req.RUNNING;
        bg.arrived = engine.now;
        bg.callIdx = indexOf(edge);
        Flight f = new Flight(k, true);
        byKey[k] = f;
        fetching.put(bg, f);
        engine.calls.beginFetch(bg, edge);
    }

    private static int indexOf(Edge e) {
        Edge[] es = e.from.edges;
        for (int i = 0; i < es.length; i++) {
            if (es[i] == e) {
                return i;
            }
        }
        throw new IllegalStateException("edge not on its caller");
    }

    /**
     * The call of request {@code r} on this edge ended: {@code failure} &lt; 0 a success (the entry
     * is stored), else the failure kind. Those coalesced onto it get the same result now.
     *
     * @return whether {@code r} was a background refresh (its call ends here, it answers no one)
     */
    boolean ended(Req r, int failure) {
        if (fetching.isEmpty()) {
            return false;
        }
        Flight f = fetching.remove(r);
        if (f == null) {
            return false;
        }
        long now = engine.now;
        if (byKey[f.key] == f) {
            byKey[f.key] = null;
        }
        if (failure < 0) {
            sync(now);
            expires[f.key] = now + (policy != null ? policy.ttlMs() : 0);
        }
        long kind = failure < 0 ? 0 : (long) failure << 8;
        for (Req w : f.waiters) {
            engine.queue.schedule(now, w, (failure < 0 ? Engine.A_CACHE_HIT : Engine.A_CACHE_FAILED) | kind
                    | (long) w.attemptId << 32);
        }
        return f.refresh;
    }

    /** A request making a fetch died (its instance restarted): those waiting on it get an error. */
    void abandoned(Req r) {
        ended(r, F_ERROR);
    }
}
