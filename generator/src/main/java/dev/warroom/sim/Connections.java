package dev.warroom.sim;

import dev.warroom.bank.Scenario;

/**
 * Persistent connections from a fleet of clients to a service (docs/simulation.md,
 * "Connections"): the {@code connections} of one call. Each of {@code clients} clients keeps
 * one connection; a request on the call needs its client's connection to be up (a client
 * without one fails the request at once: the app's "Connecting…"). Establishing a connection
 * costs a TLS handshake: a piece of work that waits in the callee's queue (FIFO with the
 * requests) and holds one of its workers for {@code handshake} (or {@code resumed} with
 * session resumption). A client gives up after {@code connect_timeout} and connects again
 * after its {@code reconnect} delay; the callee still does the work of a handshake it had
 * accepted (it learns that the client has gone only when it writes its answer), so under
 * overload the handshakes of clients that gave up crowd out everything else.
 * A {@code connection_reset} fault on the callee drops every connection at once.
 *
 * <p>With {@code max_handshakes} the callee accepts at most that many handshakes at once; the
 * others wait in the listen backlog, unaccepted and costing nothing, and a client that gives
 * up there costs nothing either (its connection is gone before anyone read it).
 *
 * <p>The client's state is a few arrays indexed by client; timers are events on this object,
 * their argument the event kind, the client and the client's attempt number (a newer attempt
 * makes an older timer stale).
 */
final class Connections extends EventQueue.Ev {
    /** {@link Req#probe} of a handshake (health probes use small positive kinds). */
    static final int HANDSHAKE = -7;

    static final byte UP = 0;
    /** Waiting out its reconnect delay. */
    static final byte WAITING = 1;
    /** Connecting, not accepted: in the listen backlog, or unanswered (the callee is down or its queue full). */
    static final byte PENDING = 2;
    /** Connecting, accepted: its handshake waits for or holds a worker of the callee. */
    static final byte ACCEPTED = 3;

    private static final int K_RECONNECT = 1;
    private static final int K_TIMEOUT = 2;
    private static final int K_RESET = 3;

    final Engine engine;
    final Edge edge;
    Scenario.Connections spec;
    final byte[] state;
    /** Per client: its current connect attempt (a timer or handshake of an older one is stale). */
    final int[] seq;
    /** Per client: connect attempts failed since the drop (the reconnect delay's exponent). */
    final int[] fails;
    /** Per client: the previous reconnect delay (decorrelated jitter). */
    final long[] prev;
    /** Per client: whether it holds a session ticket (it connected last while resumption was on). */
    final boolean[] ticket;
    int up;
    /** Handshakes accepted and not yet done (the work of clients that gave up included). */
    int accepted;
    /** The listen backlog: (client, attempt) pairs in arrival order; stale ones are skipped. */
    long[] backlog = new long[16];
    int backlogHead;
    int backlogSize;

    /** Per second: handshakes the callee completed, those of them whose client had given up, connect timeouts; connections up at the end. */
    final int[] handshakes;
    final int[] wasted;
    final int[] connectTimeouts;
    final int[] upAt;

    Connections(Engine engine, Edge edge, Scenario.Connections spec, int buckets) {
        this.engine = engine;
        this.edge = edge;
        this.spec = spec;
        int n = spec.clients();
        state = new byte[n]; // every client connected when the run starts
        seq = new int[n];
        fails = new int[n];
        prev = new long[n];
        java.util.Arrays.fill(prev, spec.reconnect().baseMs());
        ticket = new boolean[n];
        java.util.Arrays.fill(ticket, spec.resumed() != null); // connected under the starting policy
        up = n;
        handshakes = new int[buckets];
        wasted = new int[buckets];
        connectTimeouts = new int[buckets];
        upAt = new int[buckets];
        for (Scenario.Fault f : engine.scenario.faults()) {
            if (f.kind() == Scenario.Fault.Kind.CONNECTION_RESET && f.target().equals(edge.to.id)
                    && f.atMs() >= engine.now) {
                engine.queue.schedule(f.atMs(), this, K_RESET);
            }
        }
    }

    /** A copy for a fork. */
    Connections(Connections p, Engine engine, Edge edge, Fork f) {
        this.engine = engine;
        this.edge = edge;
        this.spec = p.spec;
        state = p.state.clone();
        seq = p.seq.clone();
        fails = p.fails.clone();
        prev = p.prev.clone();
        ticket = p.ticket.clone();
        up = p.up;
        accepted = p.accepted;
        backlog = p.backlog.clone();
        backlogHead = p.backlogHead;
        backlogSize = p.backlogSize;
        handshakes = f.series(p.handshakes);
        wasted = f.series(p.wasted);
        connectTimeouts = f.series(p.connectTimeouts);
        upAt = f.series(p.upAt);
    }

    // ---- the requests ------------------------------------------------------------------

    /** Whether the client of a new attempt (one drawn at random) has its connection up. */
    boolean connected() {
        int n = spec.clients();
        return up == n || up > 0 && edge.rng.nextInt(n) < up;
    }

    // ---- the clients -------------------------------------------------------------------

    @Override
    void fire(long arg) {
        int kind = (int) (arg & 15);
        int i = (int) (arg >>> 4 & 0xfffffff);
        int s = (int) (arg >>> 32);
        switch (kind) {
            case K_RESET -> reset(0, 1);
            case K_RECONNECT -> {
                if (seq[i] == s && state[i] == WAITING) {
                    connect(i);
                }
            }
            case K_TIMEOUT -> timedOut(i, s);
            default -> throw new IllegalStateException("unknown connection event " + kind);
        }
    }

    /** Drops the connection of every client i with i % of == k (every client for 0, 1), connected or connecting. */
    void reset(int k, int of) {
        for (int i = k; i < state.length; i += of) {
            if (state[i] == UP) {
                up--;
            }
            state[i] = WAITING;
            seq[i]++;
            fails[i] = 0;
            prev[i] = spec.reconnect().baseMs();
            reconnectLater(i);
        }
    }

    /** Client {@code i} connects again after its reconnect delay (at once when it is 0). */
    private void reconnectLater(int i) {
        long d = Backoff.delay(spec.reconnect(), fails[i], prev[i], edge.rng);
        prev[i] = d;
        if (d == 0) {
            connect(i);
        } else {
            engine.queue.schedule(engine.now + d, this, K_RECONNECT | (long) i << 4 | (long) seq[i] << 32);
        }
    }

    /** Client {@code i} opens a connection: into the callee's backlog, or accepted at once. */
    private void connect(int i) {
        int s = ++seq[i];
        engine.queue.schedule(engine.now + spec.connectTimeoutMs(), this, K_TIMEOUT | (long) i << 4 | (long) s << 32);
        state[i] = PENDING;
        if (spec.maxHandshakes() > 0) {
            push((long) i << 32 | s & 0xffffffffL); // in arrival order behind those already waiting
            admitBacklog();
            return;
        }
        accept(i, s);
    }

    /** The callee accepts client {@code i}'s connection: its handshake waits for a worker, or takes one. */
    private void accept(int i, int s) {
        Node n = edge.to;
        if (n.down || n.active >= n.threads && n.queued >= n.capacity) {
            return; // nobody answers (stopped, or the accept queue is full): the client learns by its timeout
        }
        state[i] = ACCEPTED;
        accepted++;
        Req hs = new Req(n, null, edge.index, false, 0);
        hs.probe = HANDSHAKE;
        hs.gen = i;
        hs.attemptId = s;
        hs.arrived = engine.now;
        if (n.active < n.threads) {
            start(n, hs);
        } else {
            hs.state = Req.QUEUED;
            n.touch(engine.now);
            n.queue.addLast(hs);
            n.queued++;
        }
    }

    /** A worker takes handshake {@code hs}. */
    void start(Node n, Req hs) {
        n.touch(engine.now);
        n.active++;
        hs.holdsWorker = true;
        hs.state = Req.RUNNING;
        hs.wait = Req.W_PROC;
        // resumption needs both: the server resumes sessions now, and the client holds a ticket from before
        Scenario.Dist work = spec.resumed() != null && ticket[hs.gen] ? spec.resumed() : spec.handshake();
        engine.queue.schedule(engine.now + Dists.sample(work, edge.rng), hs, Engine.A_PROC);
    }

    /** The worker has done handshake {@code hs}: its client is connected, unless it gave up. */
    void done(Req hs) {
        Node n = hs.node;
        if (hs.state != Req.RUNNING) {
            return;
        }
        n.touch(engine.now);
        n.active--;
        hs.holdsWorker = false;
        hs.state = Req.DONE;
        hs.wait = Req.W_NONE;
        finished(hs);
        engine.services.dequeue(n);
        admitBacklog();
    }

    /** Handshake {@code hs} leaves the callee, done (or killed by a restart: then its client times out). */
    private void finished(Req hs) {
        int b = engine.bucket;
        accepted--;
        int i = hs.gen;
        if (hs.state == Req.DONE) {
            handshakes[b]++;
            if (state[i] == ACCEPTED && seq[i] == hs.attemptId) {
                state[i] = UP;
                up++;
                fails[i] = 0;
                ticket[i] = spec.resumed() != null; // the server sends a ticket after the handshake if it resumes sessions
            } else {
                wasted[b]++;
            }
        } else if (state[i] == ACCEPTED && seq[i] == hs.attemptId) {
            state[i] = PENDING;
        }
    }

    /** The callee restarted with {@code hs} queued or running: the handshake is gone. */
    void killed(Req hs) {
        if (hs.holdsWorker) {
            hs.holdsWorker = false;
            hs.node.touch(engine.now);
            hs.node.active--;
        }
        hs.state = Req.NEW;
        finished(hs);
        hs.state = Req.DONE;
    }

    /** Client {@code i}'s attempt {@code s} had no connection within the connect timeout. */
    private void timedOut(int i, int s) {
        if (seq[i] != s || state[i] == UP || state[i] == WAITING) {
            return;
        }
        connectTimeouts[engine.bucket]++;
        state[i] = WAITING; // an accepted handshake stays with the callee, which will do it for nobody
        fails[i]++;
        reconnectLater(i);
    }

    /** Accepts from the backlog while the limit allows (after a handshake ends or the limit changes). */
    void admitBacklog() {
        while (backlogSize > 0 && (spec.maxHandshakes() == 0 || accepted < spec.maxHandshakes())) {
            long v = backlog[backlogHead];
            backlogHead = (backlogHead + 1) % backlog.length;
            backlogSize--;
            int i = (int) (v >>> 32);
            int s = (int) v;
            if (seq[i] == s && state[i] == PENDING) {
                accept(i, s);
            }
        }
    }

    private void push(long v) {
        if (backlogSize == backlog.length) {
            long[] grown = new long[backlog.length * 2];
            for (int k = 0; k < backlogSize; k++) {
                grown[k] = backlog[(backlogHead + k) % backlog.length];
            }
            backlog = grown;
            backlogHead = 0;
        }
        backlog[(backlogHead + backlogSize) % backlog.length] = v;
        backlogSize++;
    }

    /** The end of second {@code b}. */
    void close(int b) {
        upAt[b] = up;
    }
}
