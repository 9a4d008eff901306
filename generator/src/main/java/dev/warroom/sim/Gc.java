package dev.warroom.sim;

import static dev.warroom.sim.Outcome.FAILED;

import dev.warroom.bank.Scenario;

/**
 * Memory pressure on the pods of a JVM service with {@code memory} (docs/simulation.md,
 * "Memory and garbage collection"). A pod's live memory is L = base + per_request × the
 * requests and probes it holds (running or queued). The collector's cost follows the classic
 * model of a tracing collector (Appel 1987; Jones and Lins 1996, ch. 1): each unit of
 * allocation costs collector time in proportion to L / (H − L), so a request's own work,
 * started with L live, takes 1 + gc_cost × L / (H − L) times as long, and the share of the
 * pod's time spent collecting is g / (1 + g) with g = gc_cost × L / (H − L). An admission
 * that would bring L to the heap H kills the container (OOMKilled): its work fails and it
 * restarts as after a liveness failure, with the kubelet's crash-loop back-off.
 */
final class Gc {
    private Gc() {
    }

    /** Live memory of pod {@code p} now, MB. */
    static double live(Scenario.Memory m, Pod p) {
        return m.live(p.active + p.queued);
    }

    /** How many times as long work takes with {@code live} MB live (1 with no collector cost). */
    static double stretch(Scenario.Memory m, double live) {
        return 1 + m.gcCost() * live / (m.heapMb() - live);
    }

    /** The share of the time the collector runs with {@code live} MB live. */
    static double gcShare(Scenario.Memory m, double live) {
        double g = m.gcCost() * live / (m.heapMb() - live);
        return g / (1 + g);
    }

    /** Whether admitting one more request to pod {@code p} exhausts its heap. */
    static boolean exhausts(Pod p) {
        Scenario.Memory m = p.memory;
        return m != null && m.live(p.active + p.queued + 1) >= m.heapMb();
    }

    /** The request that could not be allocated: the container is OOM-killed, and the request fails with it. */
    static void oomKill(Engine engine, Node n, Pod p, Req r) {
        n.oomAt[engine.bucket]++;
        n.health.restart(p); // exit 137: restarted by the kubelet, with its crash-loop back-off
        engine.services.finish(r, FAILED);
    }

    /** The end of a second: the fullest running pod's live heap (MB) and its collector share (%). */
    static void sample(Node n, int b) {
        double most = 0;
        Scenario.Memory at = null;
        for (Pod p : n.health.pods) {
            if (p.memory != null && !p.down && !p.gone) {
                double l = live(p.memory, p);
                if (at == null || l / p.memory.heapMb() > most / at.heapMb()) {
                    most = l;
                    at = p.memory;
                }
            }
        }
        n.heapAt[b] = (int) Math.round(most);
        n.gcAt[b] = at == null ? 0 : (int) Math.round(100 * gcShare(at, most));
    }
}
