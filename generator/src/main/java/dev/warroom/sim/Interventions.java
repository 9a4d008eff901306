package dev.warroom.sim;

import static dev.warroom.sim.Outcome.FAILED;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * What an incident commander does to the running system (a branch's {@link Scenario#actions}),
 * each at its moment. The engine applies an action before any event of its millisecond, so
 * a branch runs exactly as its parent until then, whether it was run from the start or
 * forked from its parent; what each models is in docs/simulation.md, "Interventions". The
 * later steps of a rolling restart are events: the argument is the action's index, and the
 * step (instance k goes down at step 2k, comes back at 2k + 1) in the bits above 16.
 */
final class Interventions extends EventQueue.Ev {
    private final Engine engine;
    private final List<Action> actions;
    private int next;

    /** @param applied how many of the actions (in time order) have already been applied */
    Interventions(Engine engine, int applied) {
        this.engine = engine;
        this.actions = engine.scenario.actions();
        this.next = applied;
    }

    int applied() {
        return next;
    }

    /** The time of the next action, or Long.MAX_VALUE. */
    long nextAt() {
        return next < actions.size() ? actions.get(next).atMs() : Long.MAX_VALUE;
    }

    /** Applies the next action (its time has come). */
    void applyNext() {
        fire(next++);
    }

    @Override
    void fire(long arg) {
        Action a = actions.get((int) (arg & 0xffff));
        int step = (int) (arg >>> 16);
        if (a instanceof Scenario.Change c) {
            change(c);
        } else if (a instanceof Scenario.Restart r) {
            restart(r, (int) (arg & 0xffff), step);
        } else if (a instanceof Scenario.Disable d) {
            edge(d.from(), d.to()).disabled = d.fallback() ? Edge.ANSWERED_BY_FALLBACK : Edge.SKIPPED;
        } else if (a instanceof Scenario.EndFaults e) {
            engine.byId.get(e.target()).faults.recover(engine.now, e.overMs());
        }
    }

    // ---- new settings ------------------------------------------------------------------

    private void change(Scenario.Change c) {
        for (Scenario.Service s : c.services().values()) {
            Node n = engine.byId.get(s.id());
            Scenario.Service old = n.service;
            n.service = s;
            if (!s.queue().equals(old.queue())) {
                n.queue(s.queue());
            }
            if (s.rateLimit() != null && !s.rateLimit().equals(old.rateLimit())) {
                n.tokens = s.rateLimit().burst(); // a new limiter starts full
                n.tokensAt = engine.now;
            }
            for (Edge e : n.edges) {
                Scenario.Call call = s.calls().get(e.to.id);
                if (!call.equals(e.call)) {
                    e.apply(call);
                }
            }
            if (n.health != null) {
                if (!s.queue().equals(old.queue()) || !java.util.Objects.equals(s.shed(), old.shed())) {
                    n.health.limitsChanged();
                }
                if (s.health() != null && !s.health().equals(old.health())) {
                    n.health.update(s.health());
                }
                if (s.memory() != null && n.heapAt == null) {
                    n.heapAt = new int[engine.buckets];
                    n.gcAt = new int[engine.buckets];
                    n.oomAt = new int[engine.buckets];
                }
                if (!java.util.Objects.equals(s.memory(), old.memory())) {
                    n.health.rollingRestart(); // a new -Xmx is a new pod template: pods are replaced a quarter at a time
                }
            } else if (s.health() != null) {
                throw new IllegalStateException(s.id() + ": health probes cannot be added by an action; give the service health from the start");
            }
            if (n.shards != null && s.shards() != null && !s.shards().equals(old.shards())) {
                n.shards.update(s.shards());
                engine.services.resize(n, n.threads); // more shards: the workers split over them all
            } else if (n.shards != null && (!s.queue().equals(old.queue()) || !java.util.Objects.equals(s.shed(), old.shed()))) {
                n.shards.size(n.threads);
            } else if ((n.shards == null) != (s.shards() == null)) {
                throw new IllegalStateException(s.id() + ": shards cannot be added or removed by an action");
            }
            if (!java.util.Objects.equals(s.messageQueue(), old.messageQueue())) {
                if (n.broker == null || s.messageQueue() == null) {
                    throw new IllegalStateException(s.id() + ": a message queue cannot be added or removed by an action; give the service message_queue from the start");
                }
                n.broker.update(s.messageQueue());
            }
            if (s.threads() != old.threads() && !n.down) {
                // relative, so a capacity fault that shrank the pool still counts
                engine.services.resize(n, Math.max(0, n.threads + s.threads() - old.threads()));
            }
        }
        for (Scenario.External x : c.externals().values()) {
            Node n = engine.byId.get(x.id());
            n.external = x;
            n.threads = x.concurrency();
        }
    }

    private Edge edge(String from, String to) {
        for (Edge e : engine.byId.get(from).edges) {
            if (e.to.id.equals(to)) {
                return e;
            }
        }
        throw new IllegalStateException("no call " + from + " -> " + to);
    }

    // ---- restarts ----------------------------------------------------------------------

    /**
     * One step of a restart. With one instance the whole service goes down and comes back;
     * with N, instance k takes its share of the pool (threads / N) and of the work (every
     * N-th queued and running request) down with it, and the next goes down when it is back.
     */
    private void restart(Scenario.Restart r, int index, int step) {
        Node n = engine.byId.get(r.service());
        if (n.shards != null) {
            throw new IllegalStateException(n.id + ": a restart of a service with shards is not modelled");
        }
        if (n.health != null && r.pod() >= 0) {
            n.health.restart(n.health.pods.get(r.pod()), r.downMs()); // kubectl delete pod: its replacement starts
            return;
        }
        if (n.health != null) {
            // pods: a restart of the one instance kills every pod; of N, a rollout restart in batches
            if (r.instances() == 1) {
                n.health.restartAll(r.downMs());
            } else {
                n.health.rollingRestart();
            }
            for (Edge e : n.edges) {
                e.reset();
            }
            return;
        }
        int instance = step / 2;
        int share = slice(n.service.threads(), r.instances(), instance);
        boolean goingDown = step % 2 == 0;
        if (goingDown) {
            if (r.instances() == 1) {
                n.down = true;
                n.threads = 0;
            } else {
                n.threads = Math.max(0, n.threads - share);
            }
            drop(n, r.instances());
            engine.dns.restarted(n, 0); // the restarted process's resolver cache is empty
            for (Edge e : engine.edges) {
                if (e.to == n && e.conn != null) {
                    e.conn.reset(instance, r.instances()); // the instance's clients lose their connections
                }
            }
            if (r.instances() == 1) {
                for (Edge e : n.edges) {
                    e.reset(); // the process's client state (breakers, bulkheads) is gone
                }
            }
        } else {
            n.down = false;
            engine.services.resize(n, r.instances() == 1 ? n.service.threads() : n.threads + share);
            if (r.warmupMs() > 0) {
                n.warmFrom = engine.now;
                n.warmUntil = engine.now + r.warmupMs();
                n.warmSlowdown = r.slowdown();
                n.warmShare = 1.0 / r.instances();
            }
            if (instance + 1 == r.instances()) {
                return;
            }
        }
        engine.queue.schedule(engine.now + (goingDown ? r.downMs() : 0), this, index | (long) (step + 1) << 16);
    }

    /** Instance {@code k}'s part of {@code total} when split as evenly as whole numbers allow. */
    private static int slice(int total, int parts, int k) {
        return (int) ((long) total * (k + 1) / parts - (long) total * k / parts);
    }

    /** An instance dies: its share of the queue and of the running work fails (connection reset). */
    private void drop(Node n, int instances) {
        List<Req> queued = new ArrayList<>();
        for (Req q : n.queue) {
            if (q.state == Req.QUEUED) {
                queued.add(q);
            }
        }
        Services services = engine.services;
        for (int i = 0; i < queued.size(); i += instances) {
            Req q = queued.get(i);
            q.disarm();
            n.touch(engine.now);
            n.queued--;
            if (q.probe == Connections.HANDSHAKE) {
                engine.edges.get(q.parentAttempt).conn.killed(q);
                continue;
            }
            services.finish(q, FAILED);
        }
        if (instances == 1) {
            n.queue.clear();
            n.queued = 0;
        }
        List<Req> running = n.activeRequests();
        for (int i = 0; i < running.size(); i += instances) {
            Req w = running.get(i);
            if (w.state == Req.RUNNING) {
                engine.attempts.abandon(w);
                services.finish(w, FAILED);
            }
        }
    }
}
