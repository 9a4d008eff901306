package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Envoy's outlier detection on one call edge (the caller's sidecar, {@code
 * config.cluster.v3.OutlierDetection}; docs/simulation.md, "Outlier detection"): per pod of
 * the callee, the consecutive 5xx and consecutive gateway failures of the attempts sent to
 * it. A local timeout is a locally originated error, mapped to 504 (Envoy's default, {@code
 * split_external_local_origin_errors: false}): a 5xx and a gateway failure. The callee's 503
 * is both; any other error (500, a reset) is a 5xx only. When a counter reaches its threshold
 * the pod is ejected at once (with the {@code enforcing_} percentage), unless that would put
 * more than {@code max_ejection_percent} % of the pods out; it is ejected for {@code
 * base_ejection_time} × the times it has been ejected (at most {@code max(base,
 * max_ejection_time)}), and brought back at the first sweep (every {@code interval}) after
 * that; a sweep that finds a pod in service lowers its multiplier by one. Unejection resets
 * its counters.
 *
 * <p>The event on this object is the sweep.
 */
final class Outlier extends EventQueue.Ev {
    static final int EJECT = 1;
    static final int UNEJECT = 0;

    final Engine engine;
    final Edge edge;
    final Scenario.OutlierDetection settings;
    int[] consecutive5xx = new int[0];
    int[] consecutiveGateway = new int[0];
    boolean[] ejected = new boolean[0];
    long[] ejectedAt = new long[0];
    int[] multiplier = new int[0];
    int ejectedCount;
    /** What happened, in time order: {time, pod, EJECT or UNEJECT}. */
    final List<long[]> changes;

    Outlier(Engine engine, Edge edge, Scenario.OutlierDetection settings) {
        this.engine = engine;
        this.edge = edge;
        this.settings = settings;
        this.changes = new ArrayList<>();
        if (edge.to.ejectedAt == null) {
            edge.to.ejectedAt = new int[engine.buckets];
        }
        engine.queue.schedule(engine.now + settings.intervalMs(), this, 0);
    }

    /** A copy for a fork (its sweep is in the copied event queue). */
    Outlier(Outlier o, Engine engine, Edge edge) {
        this.engine = engine;
        this.edge = edge;
        this.settings = o.settings;
        this.consecutive5xx = o.consecutive5xx.clone();
        this.consecutiveGateway = o.consecutiveGateway.clone();
        this.ejected = o.ejected.clone();
        this.ejectedAt = o.ejectedAt.clone();
        this.multiplier = o.multiplier.clone();
        this.ejectedCount = o.ejectedCount;
        this.changes = new ArrayList<>();
        for (long[] c : o.changes) {
            changes.add(c.clone());
        }
    }

    boolean ejected(int pod) {
        return pod < ejected.length && ejected[pod];
    }

    private void room(int pod) {
        if (pod >= ejected.length) {
            int n = Math.max(pod + 1, ejected.length * 2);
            consecutive5xx = Arrays.copyOf(consecutive5xx, n);
            consecutiveGateway = Arrays.copyOf(consecutiveGateway, n);
            ejected = Arrays.copyOf(ejected, n);
            ejectedAt = Arrays.copyOf(ejectedAt, n);
            multiplier = Arrays.copyOf(multiplier, n);
        }
    }

    /** An attempt to {@code pod} ended: {@link Outcome#F_NONE} (or below) success, else the failure kind. */
    void result(int pod, int failure) {
        room(pod);
        if (failure < 0) {
            consecutive5xx[pod] = 0;
            consecutiveGateway[pod] = 0;
            return;
        }
        boolean gateway = failure == Outcome.F_TIMEOUT || failure == Outcome.F_REJECTED;
        // Envoy compares with ==: a pod at its threshold that could not be ejected waits for a success to count again
        if (++consecutive5xx[pod] == settings.consecutive5xx()) {
            detected(pod, settings.enforcingConsecutive5xx());
        }
        if (gateway) {
            if (++consecutiveGateway[pod] == settings.consecutiveGatewayFailure()) {
                detected(pod, settings.enforcingConsecutiveGatewayFailure());
            }
        } else {
            consecutiveGateway[pod] = 0; // a non-gateway 5xx is a response other than 502/503/504
        }
    }

    private void detected(int pod, int enforcing) {
        if (ejected[pod] || enforcing <= 0 || enforcing < 100 && edge.rng.nextInt(100) >= enforcing) {
            return;
        }
        int hosts = edge.to.health.hostCount();
        // recent Envoy (always_eject_one_host off): no ejection that would take the ejected share above max_ejection_percent
        if (100.0 * (ejectedCount + 1) / hosts > settings.maxEjectionPercent()) {
            return;
        }
        ejected[pod] = true;
        ejectedAt[pod] = engine.now;
        multiplier[pod]++;
        ejectedCount++;
        changes.add(new long[] {engine.now, pod, EJECT});
    }

    /** How long pod {@code pod}'s current ejection lasts at least. */
    long ejectionMs(int pod) {
        long base = settings.baseEjectionMs();
        return Math.min((long) multiplier[pod] * base, Math.max(base, settings.maxEjectionMs()));
    }

    /** The interval's sweep: ejected pods whose time is up come back; pods in service lower their multiplier. */
    @Override
    void fire(long arg) {
        long now = engine.now;
        for (int k = 0; k < ejected.length; k++) {
            if (ejected[k]) {
                if (now >= ejectedAt[k] + ejectionMs(k)) {
                    ejected[k] = false;
                    ejectedCount--;
                    consecutive5xx[k] = 0;
                    consecutiveGateway[k] = 0;
                    changes.add(new long[] {now, k, UNEJECT});
                }
            } else if (multiplier[k] > 0) {
                multiplier[k]--;
            }
        }
        if (edge.outlier == this) {
            engine.queue.schedule(now + settings.intervalMs(), this, 0);
        }
    }
}
