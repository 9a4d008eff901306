package dev.warroom.sim;

import static dev.warroom.sim.Outcome.F_ERROR;

import dev.warroom.bank.Scenario;

/**
 * Name resolution before an attempt (docs/simulation.md, "Name resolution"). A call with
 * {@code dns} needs its callee's address first: each caller pod (one JVM) keeps a cache entry
 * for the name, used while its TTL lasts (the JDK's InetAddress cache, {@code
 * networkaddress.cache.ttl}). On a miss the attempt waits for a lookup, which asks the
 * nameservers as glibc's stub resolver does: one query at a time, each given {@code timeout},
 * the nameservers in order, {@code attempts} rounds; an answer with an error (SERVFAIL) moves
 * on to the next query at once. A failed lookup fails the waiting attempts (an error their
 * call may retry) and is remembered for {@code negative_ttl}, during which attempts fail at
 * once. With {@code stale_ttl} (RFC 8767 serve-stale) an expired address still answers when
 * the refresh fails or takes longer than {@code stale_timeout}. Concurrent misses of one cache
 * share one lookup ({@code coalesce}, as the JDK does) or each make their own.
 *
 * <p>The nameservers are externals: their faults, latency and concurrency apply to the
 * queries, and their series count them. Only calls with {@code dns} touch this class.
 */
final class Dns {
    /** One caller pod's cache entry for the callee's name. */
    static final class Cache {
        /** The last good answer's expiry ({@link Long#MIN_VALUE}: none yet): fresh while now is before it. */
        long expires = Long.MIN_VALUE;
        /** A failed lookup is remembered until then. */
        long negativeUntil = Long.MIN_VALUE;
        /** The lookup that concurrent misses join, if any. */
        Lookup inflight;
    }

    /** The name-resolution state of one edge: a cache per caller pod and the per-second counts. */
    static final class EdgeDns {
        Cache[] caches;
        final int[] lookups;
        final int[] failed;
        final int[] stale;
        final int[] negative;
        /** Stale-answer timers, one lane per value of stale_timeout. */
        Lane staleTimers;
        long staleLaneMs = -1;

        EdgeDns(int buckets, int pods) {
            caches = new Cache[Math.max(1, pods)];
            for (int i = 0; i < caches.length; i++) {
                caches[i] = new Cache();
            }
            lookups = new int[buckets];
            failed = new int[buckets];
            stale = new int[buckets];
            negative = new int[buckets];
        }

        /** A copy for a fork. */
        EdgeDns(EdgeDns p, Fork f) {
            caches = new Cache[p.caches.length];
            for (int i = 0; i < caches.length; i++) {
                caches[i] = f.dnsCache(p.caches[i]);
            }
            lookups = f.series(p.lookups);
            failed = f.series(p.failed);
            stale = f.series(p.stale);
            negative = f.series(p.negative);
            staleTimers = f.lane(p.staleTimers);
            staleLaneMs = p.staleLaneMs;
        }

        /** The cache of the caller's pod (a service without pods has one); a new pod's starts empty. */
        Cache cache(int pod) {
            int k = Math.max(0, pod);
            if (k >= caches.length) {
                Cache[] c = java.util.Arrays.copyOf(caches, k + 1);
                for (int i = caches.length; i <= k; i++) {
                    c[i] = new Cache();
                }
                caches = c;
            }
            return caches[k];
        }
    }

    /** One lookup: its queries in turn, and the attempts waiting for it. */
    static final class Lookup extends EventQueue.Ev {
        final Dns dns;
        final Edge edge;
        Cache cache;
        final Scenario.Dns settings;
        final Node[] nameservers;
        /** The query under way (0, 1, ...: round × nameservers + nameserver). */
        int tryNo;
        boolean done;
        Req[] waiters = new Req[4];
        int[] ids = new int[4];
        int n;

        Lookup(Dns dns, Edge edge, Cache cache, Scenario.Dns settings, Node[] nameservers) {
            this.dns = dns;
            this.edge = edge;
            this.cache = cache;
            this.settings = settings;
            this.nameservers = nameservers;
        }

        void add(Req r, int id) {
            if (n == waiters.length) {
                waiters = java.util.Arrays.copyOf(waiters, n * 2);
                ids = java.util.Arrays.copyOf(ids, n * 2);
            }
            waiters[n] = r;
            ids[n++] = id;
        }

        /** The query {@code arg} got no answer within the timeout (or was refused). */
        @Override
        void fire(long arg) {
            dns.unanswered(this, (int) arg);
        }
    }

    /** One query at a nameserver, answered after its latency (perhaps after the stub stopped waiting). */
    static final class Query extends EventQueue.Ev {
        final Dns dns;
        final Lookup lookup;
        final Node ext;
        final int tryNo;
        final long sent;
        final boolean error;

        Query(Dns dns, Lookup lookup, Node ext, int tryNo, long sent, boolean error) {
            this.dns = dns;
            this.lookup = lookup;
            this.ext = ext;
            this.tryNo = tryNo;
            this.sent = sent;
            this.error = error;
        }

        @Override
        void fire(long arg) {
            dns.answered(this);
        }
    }

    private final Engine engine;

    Dns(Engine engine) {
        this.engine = engine;
    }

    /** The edge's state for a call that has {@code dns} from the start: every pod's entry warm, its age uniform. */
    static EdgeDns initial(Scenario.Call call, Node from, int buckets, java.util.random.RandomGenerator rng) {
        Scenario.Health h = from.service.health();
        EdgeDns d = new EdgeDns(buckets, h == null ? 1 : h.pods());
        long ttl = call.dns().ttlMs();
        if (ttl > 0) {
            for (Cache c : d.caches) {
                c.expires = 1 + rng.nextLong(ttl); // looked up at some time in the last TTL before the start
            }
        }
        return d;
    }

    /**
     * Attempt {@code id} of {@code r} needs the callee's address: true if it has it now (fresh,
     * or stale and allowed); otherwise it waits for a lookup, or has failed at once.
     */
    boolean resolve(Req r, Edge e, int id) {
        Scenario.Dns s = e.call.dns();
        if (s == null) {
            return true; // name resolution turned off by a policy change
        }
        EdgeDns d = e.dns;
        Cache c = d.cache(r.pod);
        long now = engine.now;
        if (now < c.expires) {
            return true;
        }
        int b = engine.bucket;
        boolean staleOk = staleOk(c, s, now);
        if (now < c.negativeUntil) {
            if (staleOk) {
                d.stale[b]++;
                return true;
            }
            d.negative[b]++;
            engine.attempts.reply(r, F_ERROR); // UnknownHostException from the negative cache
            return false;
        }
        Lookup l = s.coalesce() ? c.inflight : null;
        if (l == null) {
            Node[] ns = new Node[s.nameservers().size()];
            for (int i = 0; i < ns.length; i++) {
                ns[i] = engine.byId.get(s.nameservers().get(i));
            }
            l = new Lookup(this, e, c, s, ns);
            if (s.coalesce()) {
                c.inflight = l;
            }
            d.lookups[b]++;
            query(l);
        }
        if (staleOk && s.staleTimeoutMs() == 0) {
            d.stale[b]++; // answered from the expired record at once; the refresh goes on
            return true;
        }
        l.add(r, id);
        r.wait = Req.W_DNS;
        if (staleOk) {
            if (d.staleLaneMs != s.staleTimeoutMs()) {
                d.staleTimers = new Lane(engine);
                d.staleLaneMs = s.staleTimeoutMs();
            }
            d.staleTimers.add(now + s.staleTimeoutMs(), r, Engine.A_DNS_STALE | (long) id << 32);
        }
        return false;
    }

    private static boolean staleOk(Cache c, Scenario.Dns s, long now) {
        return s.staleTtlMs() > 0 && c.expires != Long.MIN_VALUE && now < c.expires + s.staleTtlMs();
    }

    /** Sends the lookup's current query to its nameserver. */
    private void query(Lookup l) {
        Node ext = l.nameservers[l.tryNo % l.nameservers.length];
        int b = engine.bucket;
        long now = engine.now;
        ext.arrivals[b]++;
        if (ext.active >= ext.threads) {
            ext.rejected[b]++; // refused (ICMP port unreachable): the stub moves on at once
            ext.latency(0);
            engine.queue.schedule(now, l, l.tryNo);
            return;
        }
        long lat = engine.externals.serve(ext, now);
        boolean err = engine.externals.drawnError;
        engine.queue.schedule(now + lat, new Query(this, l, ext, l.tryNo, now, err), 0);
        if (lat > l.settings.timeoutMs()) {
            engine.queue.schedule(now + l.settings.timeoutMs(), l, l.tryNo);
        }
    }

    /** A nameserver answers a query; the stub may have stopped waiting for it. */
    void answered(Query q) {
        Node ext = q.ext;
        int b = engine.bucket;
        long now = engine.now;
        ext.touch(now);
        ext.active--;
        if (q.error) {
            ext.failed[b]++;
        } else {
            ext.ok[b]++;
        }
        ext.latency(now - q.sent);
        ext.sojournMs += now - q.sent;
        Lookup l = q.lookup;
        if (!l.done && l.tryNo == q.tryNo && now - q.sent <= l.settings.timeoutMs()) {
            if (q.error) {
                next(l); // SERVFAIL: the next nameserver, or the next round
            } else {
                finish(l, true);
            }
        } else {
            ext.abandoned[b]++;
        }
    }

    /** Query {@code tryNo} timed out (or was refused). */
    void unanswered(Lookup l, int tryNo) {
        if (!l.done && l.tryNo == tryNo) {
            next(l);
        }
    }

    private void next(Lookup l) {
        l.tryNo++;
        if (l.tryNo >= l.settings.attempts() * l.nameservers.length) {
            finish(l, false);
        } else {
            query(l);
        }
    }

    /** The lookup is over: the cache learns the answer (or the failure), and its waiting attempts go on or fail. */
    private void finish(Lookup l, boolean ok) {
        l.done = true;
        Cache c = l.cache;
        long now = engine.now;
        if (c.inflight == l) {
            c.inflight = null;
        }
        Scenario.Dns s = l.edge.call.dns() != null ? l.edge.call.dns() : l.settings;
        EdgeDns d = l.edge.dns;
        int b = engine.bucket;
        if (ok) {
            c.expires = now + s.ttlMs();
            c.negativeUntil = Long.MIN_VALUE;
        } else {
            d.failed[b]++;
            c.negativeUntil = now + s.negativeTtlMs();
        }
        boolean staleOk = !ok && staleOk(c, s, now);
        for (int i = 0; i < l.n; i++) {
            Req r = l.waiters[i];
            l.waiters[i] = null;
            if (r.state != Req.RUNNING || r.wait != Req.W_DNS || r.attemptId != l.ids[i]) {
                continue; // timed out, answered stale, or its caller is gone
            }
            if (ok || staleOk) {
                if (!ok) {
                    d.stale[b]++;
                }
                engine.attempts.resolved(r);
            } else {
                engine.attempts.reply(r, F_ERROR); // UnknownHostException: the call may retry it
            }
        }
    }

    /** An attempt waiting for a refresh with a stale address at hand has waited stale_timeout: the stale one. */
    void staleTimeout(Req r, int id) {
        if (r.state == Req.RUNNING && r.wait == Req.W_DNS && r.attemptId == id) {
            Edge e = r.node.edges[r.callIdx];
            Scenario.Dns s = e.call.dns();
            if (s != null && staleOk(e.dns.cache(r.pod), s, engine.now)) {
                e.dns.stale[engine.bucket]++;
                engine.attempts.resolved(r);
            }
        }
    }

    /** A caller's container restarted (or its one instance): its pod's caches start empty. */
    void restarted(Node n, int pod) {
        for (Edge e : n.edges) {
            if (e.dns != null && Math.max(0, pod) < e.dns.caches.length) {
                e.dns.caches[Math.max(0, pod)] = new Cache();
            }
        }
    }
}
