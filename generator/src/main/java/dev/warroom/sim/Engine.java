package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Fault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The discrete-event model of DESIGN §3: one run of one scenario. Time is integer
 * milliseconds; the {@link EventQueue} orders events by (time, sequence). Every random draw
 * comes from a named generator (L64X128MixRandom) split off one root seeded with the run's
 * seed, one stream per traffic source, service, edge and external, so that a change in one
 * part of a scenario does not shift the random numbers of the others.
 *
 * <p>This class is the clock: it wires the model, runs the events in order and closes one
 * bucket of the series per second. What an event does to a request is the business of the
 * two sides of a call: the serving side, {@link Services} (a service admits, works on and
 * ends a request) or {@link Externals} (an external dependency answers), and the calling
 * side, {@link Calls} (a worker's calls in order, each retried or fallen back per its
 * policy) around {@link Attempts} (one try through breaker, bulkhead and timeout).
 */
final class Engine {
    static final String RNG = "L64X128MixRandom";
    static final int BUCKET_MS = 1000;

    // what an event on a Req means: an action in the low 4 bits of its argument, and for the
    // timers of a call the attempt id they were armed for in the high 32 bits
    static final int A_PROC = 1;
    static final int A_TIMEOUT = 2;
    static final int A_RETRY = 3;
    static final int A_FALLBACK = 4;
    static final int A_QUEUE_TIMEOUT = 5;
    static final int A_USER_ARRIVE = 6;
    static final int A_BULKHEAD_TIMEOUT = 7;
    static final int A_PROBE_TIMEOUT = 8;
    /** The call's cache answers (a hit, or the fetch it waited for); A_CACHE_FAILED: that fetch failed, its kind in bits 8..15. */
    static final int A_CACHE_HIT = 9;
    static final int A_CACHE_FAILED = 10;
    static final int A_DNS_STALE = 11;
    static final int A_HEDGE = 12;
    /** With A_PROC: the service's own work failed (a fault). */
    static final long ERROR_BIT = 1 << 4;

    final Scenario scenario;
    final long seed;
    final long duration;
    final int buckets;
    final EventQueue queue;
    final Node[] nodes;
    final Map<String, Node> byId = new LinkedHashMap<>();
    final List<Edge> edges = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();
    final Services services;
    final Externals externals;
    final Calls calls;
    final Attempts attempts;
    /** Side effects of non-idempotent calls and their duplicates. */
    final Effects effects;
    /** Name resolution before the attempts of calls with dns. */
    final Dns dns;
    /** The mid-run actions, applied before any event of their millisecond. */
    final Interventions interventions;
    /** Every random stream, in the order they were split off the root (a fork replays them). */
    final List<Rng> rngs = new ArrayList<>();
    long now;
    long events;
    /** Events a fork inherited from its parent (0 for a run from the start). */
    final long inheritedEvents;
    /** The bucket the clock is in: the counters of the events now go there. */
    int bucket;
    long nextBoundary = BUCKET_MS;

    Engine(Scenario s, long seed) {
        this.scenario = s;
        this.seed = seed;
        this.duration = s.durationMs();
        this.buckets = (int) (duration / BUCKET_MS);
        this.queue = new EventQueue();
        this.inheritedEvents = 0;
        this.services = new Services(this);
        this.externals = new Externals(this);
        this.calls = new Calls(this);
        this.attempts = new Attempts(this);
        this.effects = new Effects(this);
        this.dns = new Dns(this);
        RandomGenerator.SplittableGenerator root = root(seed);
        List<Node> list = new ArrayList<>();
        for (Scenario.Service svc : s.services().values()) {
            Node n = new Node(this, list.size(), svc, null, buckets, rng(root), new Faults(svc.id(), s.faults()));
            list.add(n);
            byId.put(n.id, n);
        }
        for (Scenario.External ext : s.externals().values()) {
            Node n = new Node(this, list.size(), null, ext, buckets, rng(root), new Faults(ext.id(), s.faults()));
            list.add(n);
            byId.put(n.id, n);
        }
        nodes = list.toArray(new Node[0]);
        for (Node n : nodes) {
            if (n.service == null) {
                continue;
            }
            List<Edge> out = new ArrayList<>();
            for (Call c : n.service.calls().values()) {
                Edge e = new Edge(edges.size(), n, byId.get(c.to()), c, buckets, rng(root));
                edges.add(e);
                out.add(e);
            }
            n.edges = out.toArray(new Edge[0]);
        }
        for (Scenario.Traffic t : s.traffic()) {
            Source src = new Source(this, byId.get(t.entry()), t, rng(root));
            sources.add(src);
        }
        for (Node n : nodes) {
            for (Fault f : n.faults.capacityChanges()) {
                queue.schedule(Math.max(0, f.atMs()), n, f.threads());
            }
        }
        for (Node n : nodes) {
            if (n.service != null && n.service.shards() != null) {
                n.shards = new Shards(this, n, n.service.shards());
            }
            if (n.service != null && n.service.messageQueue() != null) {
                n.broker = new Broker(this, n, rng(root)); // split after all others: no other stream moves
            }
        }
        for (Source src : sources) {
            src.entry.source = src;
        }
        for (Source src : sources) {
            src.start();
        }
        for (Node n : nodes) {
            if (n.service != null && n.service.health() != null) {
                n.health = new Health(this, n, n.service.health());
            }
        }
        interventions = new Interventions(this, 0);
    }

    /** A copy of {@code parent} as it is now, that goes on as {@code s} (a branch: the same system, more actions). */
    Engine(Engine parent, Scenario s) {
        this.scenario = s;
        this.seed = parent.seed;
        this.duration = s.durationMs();
        this.buckets = (int) (duration / BUCKET_MS);
        this.queue = new EventQueue();
        this.services = new Services(this);
        this.externals = new Externals(this);
        this.calls = new Calls(this);
        this.attempts = new Attempts(this);
        this.effects = new Effects(this);
        this.dns = new Dns(this);
        this.now = parent.now;
        this.events = parent.events;
        this.inheritedEvents = parent.events;
        this.bucket = parent.bucket;
        this.nextBoundary = parent.nextBoundary;
        Fork f = new Fork(parent, this);
        this.nodes = f.nodes();
        for (Node n : nodes) {
            byId.put(n.id, n);
        }
        edges.addAll(f.edges());
        sources.addAll(f.sources());
        this.interventions = new Interventions(this, parent.interventions.applied());
        effects.copyFrom(parent.effects, f);
        f.finish();
    }

    private static RandomGenerator.SplittableGenerator root(long seed) {
        return (RandomGenerator.SplittableGenerator) RandomGeneratorFactory.of(RNG).create(seed);
    }

    private Rng rng(RandomGenerator.SplittableGenerator root) {
        Rng r = Rng.split(root);
        rngs.add(r);
        return r;
    }

    /** Fresh streams split as this engine's were, each advanced to where this engine's is. */
    List<Rng> replayRngs() {
        RandomGenerator.SplittableGenerator root = root(seed);
        List<Rng> out = new ArrayList<>(rngs.size());
        for (Rng r : rngs) {
            out.add(Rng.replay(root, r.draws));
        }
        return out;
    }

    /** Runs to the end of the scenario. */
    void run() {
        runUntil(duration);
        while (bucket < buckets) {
            now = Math.max(now, nextBoundary - 1);
            closeBucket();
        }
    }

    /**
     * Runs every event (and action) before {@code end}; the clock then stands at the last of
     * them, and a fork taken now continues from there.
     */
    void runUntil(long end) {
        EventQueue q = queue;
        Interventions acts = interventions;
        long stop = Math.min(end, duration);
        while (true) {
            long t = q.isEmpty() ? Long.MAX_VALUE : q.peekTime();
            long a = acts.nextAt();
            if (a <= t && a < stop) {
                while (a >= nextBoundary) {
                    closeBucket();
                }
                now = a;
                acts.applyNext();
                continue;
            }
            if (t >= stop) {
                break;
            }
            while (t >= nextBoundary) {
                closeBucket();
            }
            now = t;
            EventQueue.Ev ev = q.topTarget();
            long arg = q.topArg();
            q.pop();
            events++;
            ev.fire(arg);
        }
    }

    /** Whether a timer of a request can no longer do anything (so a lane may drop it unfired). */
    boolean stale(Req r, long arg) {
        int id = (int) (arg >>> 32);
        return switch ((int) (arg & 15)) {
            case A_TIMEOUT -> !(r.state == Req.RUNNING && (r.wait == Req.W_REPLY || r.wait == Req.W_DNS)
                    && r.attemptId == id);
            case A_QUEUE_TIMEOUT -> r.state != Req.QUEUED;
            case A_BULKHEAD_TIMEOUT -> !(r.state == Req.RUNNING && r.wait == Req.W_BULKHEAD && r.attemptId == id);
            default -> false;
        };
    }

    /** An event on a request; each side ignores one that the request has moved past. */
    void handle(Req r, long arg) {
        int action = (int) (arg & 15);
        int id = (int) (arg >>> 32);
        switch (action) {
            case A_PROC -> services.workDone(r, (arg & ERROR_BIT) != 0);
            case A_TIMEOUT -> attempts.timedOut(r, id);
            case A_RETRY -> calls.backoffOver(r, id);
            case A_FALLBACK -> calls.fallbackReady(r);
            case A_QUEUE_TIMEOUT -> services.queueTimedOut(r);
            case A_USER_ARRIVE -> services.arrive(r);
            case A_BULKHEAD_TIMEOUT -> attempts.bulkheadWaitOver(r, id);
            case A_PROBE_TIMEOUT -> r.node.health.probeTimedOut(r);
            case A_CACHE_HIT -> calls.cacheAnswered(r, id);
            case A_CACHE_FAILED -> calls.cacheFailed(r, id, (int) (arg >>> 8 & 0xff));
            case A_DNS_STALE -> dns.staleTimeout(r, id);
            case A_HEDGE -> r.node.shards.hedge(r);
            default -> throw new IllegalStateException("unknown action " + action);
        }
    }

    // ---- buckets -----------------------------------------------------------------------

    private void closeBucket() {
        int b = bucket;
        for (Node n : nodes) {
            n.activeAt[b] = n.active;
            n.queuedAt[b] = n.queued;
            if (n.health != null) {
                n.readyAt[b] = n.health.readyCount();
            }
            if (n.heapAt != null) {
                Gc.sample(n, b);
            }
            if (n.shards != null) {
                n.shards.sample(b);
            }
            if (n.broker != null) {
                n.broker.sample(b);
            }
            if (n.ejectedAt != null) {
                int most = 0;
                for (Edge e : edges) {
                    if (e.to == n && e.outlier != null) {
                        most = Math.max(most, e.outlier.ejectedCount);
                    }
                }
                n.ejectedAt[b] = most;
            }
            if (n.latN > 0) {
                int k50 = Select.rank(n.latN, 0.50);
                n.p50[b] = Select.select(n.lat, 0, n.latN, k50);
                n.p99[b] = Select.select(n.lat, k50, n.latN, Select.rank(n.latN, 0.99));
                n.latN = 0;
            }
            n.breakerAt[b] = -1;
        }
        for (Edge e : edges) {
            if (e.conn != null) {
                e.conn.close(b);
            }
            e.inFlightAt[b] = e.inFlight;
            int s = e.breaker == null ? -1 : e.breaker.state;
            e.breakerAt[b] = s;
            if (s > e.to.breakerAt[b]) {
                e.to.breakerAt[b] = s;
            }
        }
        bucket++;
        nextBoundary += BUCKET_MS;
    }
}
