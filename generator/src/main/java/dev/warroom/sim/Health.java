package dev.warroom.sim;

import static dev.warroom.sim.Outcome.FAILED;

import dev.warroom.bank.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes-style health checking of one service run as pods (docs/simulation.md, "Health
 * probes"). The load balancer sends each arrival to the next ready pod in turn; the kubelet
 * probes every pod every {@code period}: a probe is a request of {@code probe_work} that waits
 * in the pod's queue and needs one of its workers, so an overloaded pod answers it late. A
 * probe not answered within {@code timeout} fails. {@code failure_threshold} readiness
 * failures in a row take the pod out of the load balancer, {@code success_threshold}
 * successes in a row bring it back; {@code failure_threshold} liveness failures restart its
 * container: its queued and running work fails, it is down for {@code restart}, and it comes
 * back empty and not ready.
 *
 * <p>Events on this object: the argument holds the kind in the low 4 bits, the pod above
 * it (20 bits) and the pod's generation in the bits above 24.
 */
final class Health extends EventQueue.Ev {
    static final int PROBE_READINESS = 1;
    static final int PROBE_LIVENESS = 2;
    private static final int EV_READINESS = 1;
    private static final int EV_LIVENESS = 2;
    private static final int EV_UP = 3;
    /** The kubelet's crash-loop back-off: the first restart at once, then 10 s doubling to 5 min; reset after 10 min running. */
    static final long BACKOFF_FIRST_MS = 10_000;
    static final long BACKOFF_MAX_MS = 300_000;
    static final long BACKOFF_RESET_MS = 600_000;

    final Engine engine;
    final Node node;
    Scenario.Health settings;
    List<Pod> pods = new ArrayList<>();
    /** The load balancer's round-robin position. */
    int next;
    /** Pods of an old revision a rolling update has still to replace, in order; and the batch size. */
    List<Integer> rollout = new ArrayList<>();
    List<Integer> rolling = new ArrayList<>();
    int revision;
    int batch;
    /** The settings of each revision of the pod template: a pod probes as its own revision says. */
    List<Scenario.Health> revisions = new ArrayList<>();
    /** What happened to the pods, in time order: {time, pod, one of the CHANGE_ codes}. */
    List<long[]> changes = new ArrayList<>();
    static final int CHANGE_UNREADY = 0;
    static final int CHANGE_READY = 1;
    static final int CHANGE_KILLED = 2;
    static final int CHANGE_UP = 3;
    /** The pod count the service's totals (threads, queue, shedding) are split over. */
    final int basePods;

    Health(Engine engine, Node node, Scenario.Health settings) {
        this.engine = engine;
        this.node = node;
        this.settings = settings;
        this.basePods = settings.pods();
        this.revisions.add(settings);
        for (int k = 0; k < settings.pods(); k++) {
            Pod p = new Pod(k);
            size(p, k, settings.pods());
            pods.add(p);
        }
        // a steady state: every pod up (long since) and ready; the kubelet's probe workers tick spread over a period
        for (Pod p : pods) {
            p.startedAt = -BACKOFF_RESET_MS;
            p.memory = node.service.memory();
            startProbes(p, p.index, settings.pods());
        }
    }

    /** A copy for a fork. */
    Health(Health h, Engine engine, Node node, Fork f) {
        this.engine = engine;
        this.node = node;
        this.settings = h.settings;
        this.basePods = h.basePods;
        for (Pod p : h.pods) {
            pods.add(p.copy(f));
        }
        this.next = h.next;
        this.rollout = new ArrayList<>(h.rollout);
        this.rolling = new ArrayList<>(h.rolling);
        this.revision = h.revision;
        this.revisions = new ArrayList<>(h.revisions);
        this.changes = new ArrayList<>(h.changes);
        this.batch = h.batch;
    }

    /** Pod {@code k}'s share of the service's workers, queue and shedding bound (a pod added later: as pod k mod the first count). */
    private void size(Pod p, int k, int of) {
        p.threads = slice(node.service.threads(), of, k % of);
        limits(p, k % of, of);
    }

    private void limits(Pod p, int k, int of) {
        Scenario.Service s = node.service;
        p.capacity = node.capacity == Scenario.UNBOUNDED ? Scenario.UNBOUNDED : slice(node.capacity, of, k);
        p.maxQueue = s.shed() == null || s.shed().maxQueue() == 0 ? 0 : Math.max(1, slice(s.shed().maxQueue(), of, k));
    }

    /** The service's queue or shedding settings changed: every pod takes its new share. */
    void limitsChanged() {
        for (Pod p : pods) {
            limits(p, p.index % basePods, basePods);
        }
    }

    /** {@code kubectl rollout restart}: the pods are replaced in batches, as by a new template. */
    void rollingRestart() {
        revision++;
        revisions.add(settings);
        rollout.clear();
        rolling.clear();
        for (Pod p : pods) {
            if (!p.gone) {
                rollout.add(p.index);
            }
        }
        batch = Math.max(1, (rollout.size() + 3) / 4);
        nextBatch();
    }

    /** Every pod restarts at once, down for {@code downMs}. */
    void restartAll(long downMs) {
        for (Pod p : pods) {
            if (!p.gone) {
                restart(p, downMs);
            }
        }
    }

    static int slice(int total, int parts, int k) {
        return (int) ((long) total * (k + 1) / parts - (long) total * k / parts);
    }

    /**
     * The pod's probe workers start ticking, pod k of n at k/n of a period (the kubelet starts
     * each worker after a random part of a period). A worker ticks for the pod's whole life,
     * across container restarts, as the kubelet's does: a tick while the container is down or
     * within {@code initial_delay} of its start sends no probe.
     */
    private Scenario.Health of(Pod p) {
        return revisions.get(p.revision);
    }

    private void startProbes(Pod p, int k, int of) {
        long now = engine.now;
        Scenario.Probe r = of(p).readiness();
        Scenario.Probe l = of(p).liveness();
        if (r != null) {
            engine.queue.schedule(now + r.periodMs() * k / of, this, tick(EV_READINESS, p));
        }
        if (l != null) {
            engine.queue.schedule(now + l.periodMs() * k / of, this, tick(EV_LIVENESS, p));
        }
    }

    /** A probe worker's tick: not bound to a container, so no generation (but the revision of the settings). */
    private long tick(int kind, Pod p) {
        return kind | (long) p.index << 4 | (long) p.revision << 24;
    }

    private static long arg(int kind, Pod p) {
        return kind | (long) p.index << 4 | (long) p.gen << 24;
    }

    /** The number of pods in the load balancer now. */
    int readyCount() {
        int n = 0;
        for (Pod p : pods) {
            if (p.ready && !p.down && !p.gone) {
                n++;
            }
        }
        return n;
    }

    /** The pod the load balancer sends the next arrival to, or null when none is ready. */
    Pod pick() {
        int n = pods.size();
        for (int i = 0; i < n; i++) {
            Pod p = pods.get((next + i) % n);
            if (p.ready && !p.down && !p.gone) {
                next = (next + i + 1) % n;
                return p;
            }
        }
        return null;
    }

    /** As {@link #pick()}, for a caller whose outlier detection ejected some pods: it skips them (its own view of the ring). */
    Pod pick(Outlier od) {
        int n = pods.size();
        for (int i = 0; i < n; i++) {
            Pod p = pods.get((next + i) % n);
            if (p.ready && !p.down && !p.gone && !od.ejected(p.index)) {
                next = (next + i + 1) % n;
                return p;
            }
        }
        return null;
    }

    /** Pods that exist (not scaled away): the hosts of the cluster an outlier detector counts. */
    int hostCount() {
        int n = 0;
        for (Pod p : pods) {
            if (!p.gone) {
                n++;
            }
        }
        return n;
    }

    Pod pod(Req r) {
        return pods.get(r.pod);
    }

    @Override
    void fire(long arg) {
        int kind = (int) (arg & 15);
        Pod p = pods.get((int) (arg >>> 4) & 0xfffff);
        int gen = (int) (arg >>> 24);
        if (p.gone) {
            return; // scaled away
        }
        switch (kind) {
            case EV_READINESS, EV_LIVENESS -> {
                if (gen != p.revision) {
                    return; // a worker of the pod's old template: a new pod has its own
                }
                Scenario.Probe s = kind == EV_READINESS ? of(p).readiness() : of(p).liveness();
                if (s == null) {
                    return;
                }
                engine.queue.schedule(engine.now + s.periodMs(), this, tick(kind, p));
                if (!p.down && engine.now >= p.startedAt + s.initialDelayMs()) {
                    probe(p, kind == EV_READINESS ? PROBE_READINESS : PROBE_LIVENESS, s);
                }
            }
            case EV_UP -> {
                if (gen == p.gen) {
                    up(p);
                }
            }
            default -> throw new IllegalStateException("health event " + kind);
        }
    }

    /** The kubelet sends a probe to pod {@code p}. */
    private void probe(Pod p, int kind, Scenario.Probe s) {
        long now = engine.now;
        Req q = new Req(node, null, 0, false, 0);
        q.pod = p.index;
        q.probe = kind;
        q.gen = p.gen;
        q.arrived = now;
        if (kind == PROBE_READINESS) {
            p.readinessProbe = q;
        } else {
            p.livenessProbe = q;
        }
        engine.queue.schedule(now + s.timeoutMs(), q, Engine.A_PROBE_TIMEOUT);
        if (p.active < p.threads) {
            startProbe(p, q);
        } else if (p.queued >= p.capacity) {
            decide(p, q, false); // no room even to accept the connection
        } else {
            q.state = Req.QUEUED;
            p.queue.addLast(q);
            p.queued++;
        }
    }

    /** A worker takes probe {@code q}. */
    void startProbe(Pod p, Req q) {
        p.active++;
        q.holdsWorker = true;
        q.state = Req.RUNNING;
        q.wait = Req.W_PROC;
        engine.queue.schedule(engine.now + of(p).probeWorkMs(), q, Engine.A_PROC);
    }

    /** The worker answered probe {@code q}. */
    void probeDone(Req q) {
        Pod p = pod(q);
        if (q.gen != p.gen || q.state != Req.RUNNING) {
            return; // its container was restarted meanwhile
        }
        q.state = Req.DONE;
        q.wait = Req.W_NONE;
        q.holdsWorker = false;
        p.active--;
        if (!q.decided) {
            decide(p, q, true);
        }
        engine.services.dequeuePod(node, p);
    }

    /** Probe {@code q} had no answer within its timeout. */
    void probeTimedOut(Req q) {
        Pod p = pod(q);
        if (q.gen == p.gen && !q.decided) {
            decide(p, q, false);
        }
    }

    private void decide(Pod p, Req q, boolean ok) {
        q.decided = true;
        if (q.probe == PROBE_READINESS) {
            if (p.readinessProbe == q) {
                p.readinessProbe = null;
            }
            Scenario.Probe s = of(p).readiness();
            if (ok) {
                p.readyFail = 0;
                p.readyOk++;
                if (!p.ready && p.readyOk >= s.successThreshold()) {
                    p.ready = true;
                    log(p, CHANGE_READY);
                    becameReady();
                }
            } else {
                p.readyOk = 0;
                p.readyFail++;
                if (p.ready && p.readyFail >= s.failureThreshold()) {
                    p.ready = false; // out of the load balancer; what it holds it still serves
                    log(p, CHANGE_UNREADY);
                }
            }
        } else {
            if (p.livenessProbe == q) {
                p.livenessProbe = null;
            }
            if (ok) {
                p.liveFail = 0;
            } else if (++p.liveFail >= of(p).liveness().failureThreshold()) {
                restart(p);
            }
        }
    }

    /**
     * A liveness failure: the container is killed and started again after the kubelet's
     * crash-loop back-off and its own start-up time.
     */
    void restart(Pod p) {
        long now = engine.now;
        if (now - p.startedAt >= BACKOFF_RESET_MS) {
            p.restarts = 0;
        }
        long backoff = p.restarts == 0 ? 0 : Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS << Math.min(20, p.restarts - 1));
        p.restarts++;
        restart(p, backoff + settings.restartMs());
    }

    /** The container is killed: its queued and running work fails (connection reset); it accepts again after {@code downMs}. */
    void restart(Pod p, long downMs) {
        Services services = engine.services;
        long now = engine.now;
        log(p, CHANGE_KILLED);
        engine.dns.restarted(node, p.index); // the new container's resolver cache is empty
        p.gen++;
        p.down = true;
        p.ready = false;
        p.readyOk = 0;
        p.readyFail = 0;
        p.liveFail = 0;
        p.readinessProbe = null;
        p.livenessProbe = null;
        List<Req> queued = new ArrayList<>(p.queue);
        p.queue.clear();
        for (Req q : queued) {
            if (q.state != Req.QUEUED) {
                continue;
            }
            p.queued--;
            if (q.probe != 0) {
                q.state = Req.DONE;
                continue;
            }
            q.disarm();
            node.touch(now);
            node.queued--;
            services.finish(q, FAILED);
        }
        p.queued = 0;
        for (Req w : node.activeRequests()) {
            if (w.pod == p.index && w.state == Req.RUNNING) {
                engine.attempts.abandon(w);
                services.finish(w, FAILED);
            }
        }
        p.active = 0; // probes still "running" belong to the old generation
        engine.queue.schedule(now + downMs, this, arg(EV_UP, p));
    }

    /** The container accepts connections again: empty, not ready until its readiness probe passes. */
    private void up(Pod p) {
        p.down = false;
        p.startedAt = engine.now;
        if (p.revision != revision) {
            p.revision = revision; // a new pod of the new template: its own probe workers (and heap)
            p.memory = node.service.memory();
            startProbes(p, p.index, pods.size());
        }
        p.ready = of(p).readiness() == null;
        log(p, CHANGE_UP);
        if (p.ready) {
            becameReady();
        }
    }

    private void log(Pod p, int change) {
        changes.add(new long[] {engine.now, p.index, change});
    }

    // ---- changes to the Deployment ------------------------------------------------------

    /**
     * New health settings. A different pod count scales the Deployment (new pods start like a
     * restarted container; removed pods leave the load balancer and finish what they hold).
     * Different probes change the pod template: a rolling update replaces the pods in batches
     * of a quarter (rounded up), each batch once the one before is ready.
     */
    void update(Scenario.Health h) {
        Scenario.Health old = settings;
        settings = h;
        boolean template = !java.util.Objects.equals(old.readiness(), h.readiness())
                || !java.util.Objects.equals(old.liveness(), h.liveness()) || old.probeWorkMs() != h.probeWorkMs();
        int was = pods.size();
        if (template) {
            revision++;
            revisions.add(h);
        }
        for (int k = was; k < h.pods(); k++) {
            Pod p = new Pod(k);
            size(p, k, basePods);
            pods.add(p);
            p.revision = revision;
            p.memory = node.service.memory();
            p.gen++;
            p.down = true;
            p.ready = false;
            startProbes(p, k - was, h.pods() - was); // new probe workers, spread over a period
            engine.queue.schedule(engine.now + h.restartMs(), this, arg(EV_UP, p));
        }
        for (int k = h.pods(); k < was; k++) {
            Pod p = pods.get(k);
            p.ready = false;
            p.gone = true; // no more probes: it drains and stays out
        }
        if (template) {
            rollout.clear();
            rolling.clear();
            for (int k = 0; k < Math.min(was, h.pods()); k++) {
                rollout.add(k);
            }
            batch = Math.max(1, (h.pods() + 3) / 4);
            nextBatch();
        }
    }

    private void nextBatch() {
        while (rolling.size() < batch && !rollout.isEmpty()) {
            int k = rollout.remove(0);
            rolling.add(k);
            restart(pods.get(k), settings.restartMs()); // a new pod: no crash-loop back-off
        }
    }

    private void becameReady() {
        if (rolling.isEmpty()) {
            return;
        }
        rolling.removeIf(k -> pods.get(k).ready && !pods.get(k).down);
        if (rolling.isEmpty()) {
            nextBatch();
        }
    }
}
