package dev.warroom;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Scenario;
import dev.warroom.cache.TraceCache;
import dev.warroom.sim.Trace;
import java.util.HashMap;
import java.util.Map;

/**
 * Traces kept between builds of one process ({@code warroom serve}): a simulation is a pure
 * function of the problem id, variant, scenario and seed, so a rebuild after a template or
 * wording change simulates nothing, and after a problem's change only that problem's
 * changed variants. Holds the traces of the latest build only; builds use it one at a time.
 * Behind it, optionally, the {@link TraceCache} on disk, shared between processes.
 */
public final class TraceMemo {
    private final TraceCache disk;

    /** Traces in memory only. */
    public TraceMemo() {
        this(null);
    }

    /** Traces in memory, and on disk in {@code disk} (null for none). */
    public TraceMemo(TraceCache disk) {
        this.disk = disk;
    }

    private record Key(String problem, String variant, Scenario scenario, long seed) {
        static Key of(Problem p, String variant) {
            return new Key(p.id(), variant, p.scenario(variant), p.seed());
        }
    }

    private Map<Key, Trace> previous = new HashMap<>();
    private Map<Key, Trace> current = new HashMap<>();

    /** The previous build's trace of this variant if its inputs are unchanged, else null. */
    Trace recall(Problem p, String variant) {
        return previous.get(Key.of(p, variant));
    }

    /** The trace kept on disk for these inputs, or null (also with no disk cache). */
    Trace load(Problem p, String variant) {
        return disk == null ? null : disk.get(p, variant);
    }

    /** Keeps a trace just simulated on disk, when there is a disk cache. */
    void store(Problem p, String variant, Trace t) {
        if (disk != null) {
            disk.put(p, variant, t);
        }
    }

    /** Keeps a trace of this build. */
    void remember(Problem p, String variant, Trace t) {
        current.put(Key.of(p, variant), t);
    }

    /** Ends a build: forgets what it did not use. */
    void endBuild() {
        previous = current;
        current = new HashMap<>();
    }
}
