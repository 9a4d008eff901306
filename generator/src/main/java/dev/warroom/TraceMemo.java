package dev.warroom;

import dev.warroom.bank.Scenario;
import dev.warroom.sim.Trace;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Traces kept between builds of one process ({@code warroom serve}): a simulation is a pure
 * function of the problem id, variant, scenario and seed, so a rebuild after a template or
 * wording change simulates nothing, and after a problem's change only that problem's
 * changed variants. Holds the traces of the latest build only.
 */
public final class TraceMemo {
    private record Key(String problem, String variant, Scenario scenario, long seed) {
    }

    private Map<Key, Trace> previous = new HashMap<>();
    private Map<Key, Trace> current = new HashMap<>();

    /** The trace remembered for these inputs, or {@code simulate}'s. Thread-safe. */
    Trace get(String problem, String variant, Scenario scenario, long seed, Supplier<Trace> simulate) {
        Key key = new Key(problem, variant, scenario, seed);
        Trace known;
        synchronized (this) {
            known = previous.get(key);
        }
        Trace t = known != null ? known : simulate.get();
        synchronized (this) {
            current.put(key, t);
        }
        return t;
    }

    /** Ends a build: forgets what it did not use. */
    synchronized void endBuild() {
        previous = current;
        current = new HashMap<>();
    }
}
