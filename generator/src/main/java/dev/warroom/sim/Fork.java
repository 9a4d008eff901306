package dev.warroom.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a running engine, so that the branches of a decision share their simulated past:
 * the parent runs once to the decision's moment, and each option continues a copy of it.
 * Every object that holds state is copied once (an identity map keeps the object graph's
 * shape: a request's caller, the lane that holds its timer, the list of busy workers);
 * settings records are immutable and shared. Random streams are rebuilt by {@link Rng#replay}.
 */
final class Fork {
    private final Engine from;
    private final Engine to;
    private final Map<Object, Object> copies;
    /** Requests created but whose references to other requests are still the parent's. */
    private final ArrayDeque<Req[]> pending = new ArrayDeque<>();
    private final Node[] nodes;
    private final List<Edge> edges = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private final List<Rng> rngs;

    Fork(Engine from, Engine to) {
        this.from = from;
        this.to = to;
        // sized up front: a fork copies up to a few hundred thousand requests, and growing the
        // map rehashes every one of them again (a tenth of a whole-bank simulation's time)
        this.copies = new IdentityHashMap<>(expectedCopies(from));
        this.rngs = from.replayRngs();
        to.rngs.addAll(rngs);
        int k = 0;
        nodes = new Node[from.nodes.length];
        for (Node n : from.nodes) {
            nodes[n.index] = new Node(n, to, rngs.get(k++), this);
        }
        for (Edge e : from.edges) {
            Edge c = new Edge(e, nodes[e.from.index], nodes[e.to.index], rngs.get(k++), this);
            edges.add(c);
        }
        for (Node n : from.nodes) {
            Node c = nodes[n.index];
            c.edges = new Edge[n.edges.length];
            for (int i = 0; i < n.edges.length; i++) {
                c.edges[i] = edges.get(n.edges[i].index);
            }
        }
        // every node exists now: requests (which name their node) can be copied
        for (Node n : from.nodes) {
            Node c = nodes[n.index];
            c.queue.addAll(reqs(n.queue));
            c.timeouts = lane(n.timeouts);
            c.activeHead = req(n.activeHead);
            if (n.health != null) {
                c.health = new Health(n.health, to, c, this);
            }
            if (n.shards != null) {
                c.shards = new Shards(n.shards, c, this);
            }
        }
        for (Edge e : from.edges) {
            Edge c = edges.get(e.index);
            c.bulkheadWaiters.addAll(reqs(e.bulkheadWaiters));
            c.timeouts = lane(e.timeouts);
            c.bulkheadTimeouts = lane(e.bulkheadTimeouts);
            if (e.cache != null) {
                c.cache = new Cache(e.cache, to, c, this);
            }
            if (e.dns != null) {
                c.dns = new Dns.EdgeDns(e.dns, this);
            }
        }
        for (Source s : from.sources) {
            Source c = new Source(s, to, nodes[s.entry.index], rngs.get(k++), this);
            sources.add(c);
            c.entry.source = c;
        }
        for (Node n : from.nodes) {
            if (n.broker != null) {
                nodes[n.index].broker = new Broker(n.broker, to, nodes[n.index], rngs.get(k++), this);
            }
        }
    }

    /** About as many objects as the fork copies (or a few more): the live requests, their callers, calls out and timers. */
    private static int expectedCopies(Engine e) {
        long n = 64L + e.queue.size();
        for (Node x : e.nodes) {
            n += x.active + x.queue.size() + Lane.size(x.timeouts);
        }
        for (Edge x : e.edges) {
            n += x.inFlight + x.bulkheadWaiters.size() + Lane.size(x.timeouts) + Lane.size(x.bulkheadTimeouts);
        }
        for (Source x : e.sources) {
            n += Lane.size(x.userRetries);
        }
        for (Node x : e.nodes) {
            if (x.broker != null) {
                n += x.broker.bySent.size() + x.broker.visible.size() + x.broker.serving.size();
            }
        }
        return (int) Math.min(2 * n, 1 << 24); // twice: a waiting request's caller may have given up (and ended) already
    }

    Node[] nodes() {
        return nodes;
    }

    List<Edge> edges() {
        return edges;
    }

    List<Source> sources() {
        return sources;
    }

    /** Copies the event queue (every scheduled target mapped) and resolves what is left. */
    void finish() {
        to.queue.copyFrom(from.queue, this::ev);
        while (!pending.isEmpty()) {
            Req[] p = pending.poll();
            Req r = p[0];
            Req c = p[1];
            c.prevActive = req(r.prevActive);
            c.nextActive = req(r.nextActive);
            c.timerLane = lane(r.timerLane);
        }
    }

    /** The copy of a scheduled target. */
    EventQueue.Ev ev(EventQueue.Ev e) {
        if (e instanceof Req r) {
            return req(r);
        }
        if (e instanceof Lane l) {
            return lane(l);
        }
        if (e instanceof Node n) {
            return nodes[n.index];
        }
        if (e instanceof ExtCall x) {
            Object c = copies.get(x);
            if (c == null) {
                c = new ExtCall(to.externals, nodes[x.ext.index], req(x.caller), x.attemptId, x.sent, x.error,
                        effectAttempt(x.effect));
                copies.put(x, c);
            }
            return (EventQueue.Ev) c;
        }
        if (e instanceof Dns.Lookup l) {
            return dnsLookup(l);
        }
        if (e instanceof Dns.Query q) {
            Object c = copies.get(q);
            if (c == null) {
                c = new Dns.Query(to.dns, dnsLookup(q.lookup), nodes[q.ext.index], q.tryNo, q.sent, q.error);
                copies.put(q, c);
            }
            return (EventQueue.Ev) c;
        }
        if (e instanceof Health h) {
            return nodes[h.node.index].health;
        }
        if (e instanceof Outlier o) {
            Edge c = edges.get(o.edge.index);
            return o == o.edge.outlier ? c.outlier : new Outlier(o, to, c); // a replaced detector's last sweep does nothing
        }
        if (e instanceof Connections c) {
            return edges.get(c.edge.index).conn;
        }
        if (e instanceof Broker.Msg m) {
            return msg(m, nodes[m.broker.node.index].broker);
        }
        if (e instanceof Broker b) {
            return nodes[b.node.index].broker;
        }
        if (e instanceof Interventions) {
            return to.interventions;
        }
        if (e instanceof Source s) {
            return sources.get(from.sources.indexOf(s));
        }
        throw new IllegalStateException("cannot copy " + e.getClass());
    }

    Req req(Req r) {
        if (r == null) {
            return null;
        }
        Req c = (Req) copies.get(r);
        if (c == null) {
            c = r.copy(nodes[r.node.index], req(r.parent));
            copies.put(r, c);
            pending.add(new Req[] {r, c});
        }
        return c;
    }

    /** The copy of a queued message, belonging to {@code broker} (the copy's). */
    Broker.Msg msg(Broker.Msg m, Broker broker) {
        Broker.Msg c = (Broker.Msg) copies.get(m);
        if (c == null) {
            c = new Broker.Msg(broker, m.sentAt, m.poison);
            c.receives = m.receives;
            c.state = m.state;
            c.gen = m.gen;
            copies.put(m, c);
        }
        return c;
    }

    Effects.Call effectCall(Effects.Call e) {
        if (e == null) {
            return null;
        }
        Effects.Call c = (Effects.Call) copies.get(e);
        if (c == null) {
            c = new Effects.Call(e.edge);
            c.applied = e.applied;
            c.keyedApplied = e.keyedApplied;
            copies.put(e, c);
        }
        return c;
    }

    Effects.Attempt effectAttempt(Effects.Attempt e) {
        if (e == null) {
            return null;
        }
        Effects.Attempt c = (Effects.Attempt) copies.get(e);
        if (c == null) {
            c = new Effects.Attempt(effectCall(e.call), e.keyed);
            copies.put(e, c);
        }
        return c;
    }

    Dns.Cache dnsCache(Dns.Cache e) {
        Dns.Cache c = (Dns.Cache) copies.get(e);
        if (c == null) {
            c = new Dns.Cache();
            copies.put(e, c);
            c.expires = e.expires;
            c.negativeUntil = e.negativeUntil;
            c.inflight = e.inflight == null ? null : dnsLookup(e.inflight);
        }
        return c;
    }

    Dns.Lookup dnsLookup(Dns.Lookup e) {
        Dns.Lookup c = (Dns.Lookup) copies.get(e);
        if (c == null) {
            Node[] ns = new Node[e.nameservers.length];
            for (int i = 0; i < ns.length; i++) {
                ns[i] = nodes[e.nameservers[i].index];
            }
            c = new Dns.Lookup(to.dns, edges.get(e.edge.index), null, e.settings, ns);
            copies.put(e, c);
            c.cache = dnsCache(e.cache);
            c.tryNo = e.tryNo;
            c.done = e.done;
            c.waiters = new Req[e.waiters.length];
            for (int i = 0; i < e.n; i++) {
                c.waiters[i] = req(e.waiters[i]);
            }
            c.ids = e.ids.clone();
            c.n = e.n;
        }
        return c;
    }

    Lane lane(Lane l) {
        if (l == null) {
            return null;
        }
        Lane c = (Lane) copies.get(l);
        if (c == null) {
            c = l.copy(to, this);
            copies.put(l, c);
        }
        return c;
    }

    ArrayDeque<Req> reqs(ArrayDeque<Req> q) {
        ArrayDeque<Req> c = new ArrayDeque<>(Math.max(16, q.size()));
        for (Req r : q) {
            c.addLast(req(r));
        }
        return c;
    }

    /** A per-bucket series, sized for the branch's run. */
    int[] series(int[] a) {
        return Arrays.copyOf(a, to.buckets);
    }

    long[] series(long[] a) {
        return Arrays.copyOf(a, to.buckets);
    }
}
