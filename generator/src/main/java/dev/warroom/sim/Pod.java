package dev.warroom.sim;

import java.util.ArrayDeque;

/**
 * One pod of a service with {@code health}: its own workers and queue (the service's counters
 * are the sums over its pods, probes excluded), whether it is ready (in the load balancer) or
 * down (its container restarting), and its probes' consecutive results. A restart starts a new
 * generation: timers and probes of an older one are ignored.
 */
final class Pod {
    final int index;
    int threads;
    /** Room in the queue (requests and probes), {@link dev.warroom.bank.Scenario#UNBOUNDED} for none. */
    int capacity;
    /** The pod's share of {@code shed.max_queue}; 0 = none. */
    int maxQueue;
    /** Workers busy and entries waiting, probes included. */
    int active;
    int queued;
    final ArrayDeque<Req> queue;
    boolean ready = true;
    boolean down;
    /** Scaled away: never ready again; it finishes what it holds. */
    boolean gone;
    int gen;
    /** When its container started (accepted connections); restarts since the crash-loop back-off was reset. */
    long startedAt;
    int restarts;
    int readyOk;
    int readyFail;
    int liveFail;
    /** The probe of each kind whose result is still open, if any. */
    Req readinessProbe;
    Req livenessProbe;
    /** Which rollout (of the service's health settings) this pod runs; see {@link Health}. */
    int revision;
    /** Requests the load balancer sent here. */
    long arrivals;
    /** The heap its container runs with (the service's {@code memory} when it started), or null. */
    dev.warroom.bank.Scenario.Memory memory;

    Pod(int index) {
        this.index = index;
        this.queue = new ArrayDeque<>();
    }

    /** A copy for a fork, its requests mapped. */
    Pod copy(Fork f) {
        Pod c = new Pod(index, f.reqs(queue));
        c.threads = threads;
        c.capacity = capacity;
        c.maxQueue = maxQueue;
        c.active = active;
        c.queued = queued;
        c.ready = ready;
        c.down = down;
        c.gone = gone;
        c.gen = gen;
        c.startedAt = startedAt;
        c.restarts = restarts;
        c.readyOk = readyOk;
        c.readyFail = readyFail;
        c.liveFail = liveFail;
        c.readinessProbe = f.req(readinessProbe);
        c.livenessProbe = f.req(livenessProbe);
        c.revision = revision;
        c.arrivals = arrivals;
        c.memory = memory;
        return c;
    }

    private Pod(int index, ArrayDeque<Req> queue) {
        this.index = index;
        this.queue = queue;
    }
}
