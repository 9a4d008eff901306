package dev.warroom.sim;

import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The fault timeline of one target. Each started STEP, RAMP or OUTAGE fault affects a call
 * with its current fraction, the latest fault first; a RECOVERY scales every fault started
 * before it down to 0 over its {@code over}. A linear ramp grows as u = elapsed/over; an
 * exponential one as (2^(10u) − 1)/1023: it doubles every tenth of the ramp.
 */
final class Faults {
    private final List<Fault> faults;
    private final List<Fault> recoveries;
    private final List<Fault> capacity;
    /** HOT_KEY faults (a service with shards): they change which keys are read, not the work. */
    private final List<Fault> hotKeys;

    /** What a fault does to one call: how long it takes and whether it fails. */
    static final long UNAFFECTED = -1;

    Faults(String target, List<Fault> all) {
        faults = new ArrayList<>();
        recoveries = new ArrayList<>();
        capacity = new ArrayList<>();
        hotKeys = new ArrayList<>();
        for (Fault f : all) {
            if (!f.target().equals(target)) {
                continue;
            }
            switch (f.kind()) {
                case RECOVERY -> recoveries.add(f);
                case CAPACITY -> capacity.add(f);
                case FLUSH -> { } // the caller's caches read it (Cache)
                case CONNECTION_RESET -> { } // the edges' Connections schedule it
                case HOT_KEY -> hotKeys.add(f);
                default -> faults.add(f);
            }
        }
    }

    /** A rollback or fail-over: every fault started so far fades out over {@code overMs} from {@code atMs}. */
    void recover(long atMs, long overMs) {
        recoveries.add(new Fault("", Fault.Kind.RECOVERY, atMs, overMs, Fault.Shape.LINEAR, null, 0, 0));
    }

    /** A copy for a fork: a rollback in the branch must not end its parent's faults. */
    Faults copy() {
        return new Faults(new ArrayList<>(faults), new ArrayList<>(recoveries), capacity, hotKeys);
    }

    private Faults(List<Fault> faults, List<Fault> recoveries, List<Fault> capacity, List<Fault> hotKeys) {
        this.faults = faults;
        this.recoveries = recoveries;
        this.capacity = capacity;
        this.hotKeys = hotKeys;
    }

    List<Fault> hotKeys() {
        return hotKeys;
    }

    /**
     * The share of reads that a HOT_KEY fault gives its key at {@code now}: its {@code share}
     * reached linearly over its {@code over} (0: at once), scaled down by any recovery after it.
     */
    double hotShare(Fault f, long now) {
        if (now < f.atMs()) {
            return 0;
        }
        double v = f.hotKey().share();
        if (f.overMs() > 0) {
            v *= Math.min(1, (now - f.atMs()) / (double) f.overMs());
        }
        for (Fault r : recoveries) {
            if (r.atMs() > f.atMs() && now >= r.atMs()) {
                v *= r.overMs() <= 0 ? 0 : Math.max(0, 1 - (now - r.atMs()) / (double) r.overMs());
            }
        }
        return v;
    }

    boolean none() {
        return faults.isEmpty();
    }

    List<Fault> capacityChanges() {
        return capacity;
    }

    /** The share of calls a fault affects at {@code now}. */
    double fraction(Fault f, long now) {
        if (now < f.atMs()) {
            return 0;
        }
        double v = f.fraction();
        if (f.kind() == Fault.Kind.RAMP) {
            double u = Math.min(1, (now - f.atMs()) / (double) f.overMs());
            v *= f.shape() == Fault.Shape.LINEAR ? u : (Math.pow(2, 10 * u) - 1) / 1023.0;
        }
        for (Fault r : recoveries) {
            if (r.atMs() > f.atMs() && now >= r.atMs()) {
                v *= r.overMs() <= 0 ? 0 : Math.max(0, 1 - (now - r.atMs()) / (double) r.overMs());
            }
        }
        return v;
    }

    /**
     * The latency of a call that a fault affects, or {@link #UNAFFECTED}; sets
     * {@code failed[0]} when the affecting fault is an outage.
     */
    long affect(long now, RandomGenerator rng, boolean[] failed) {
        return affect(now, rng, failed, -1);
    }

    /** As {@link #affect(long, RandomGenerator, boolean[])} for work on pod {@code pod} (-1: none): a fault on another pod passes it by, drawing nothing. */
    long affect(long now, RandomGenerator rng, boolean[] failed, int pod) {
        for (int i = faults.size() - 1; i >= 0; i--) {
            Fault f = faults.get(i);
            if (f.pod() >= 0 && f.pod() != pod) {
                continue;
            }
            double p = fraction(f, now);
            if (p > 0 && rng.nextDouble() < p) {
                failed[0] = f.kind() == Fault.Kind.OUTAGE;
                Dist d = f.latency();
                return Dists.sample(d, rng);
            }
        }
        return UNAFFECTED;
    }
}
