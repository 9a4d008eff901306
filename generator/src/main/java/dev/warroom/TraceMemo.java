package dev.warroom;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Scenario;
import dev.warroom.sim.Trace;
import java.util.HashMap;
import java.util.Map;

/**
 * Traces kept between builds of one process ({@code warroom serve}): a simulation is a pure
 * function of the problem id, variant, scenario and seed, so a rebuild after a template or
 * wording change simulates nothing, and after a problem's change only that problem's
 * changed variants. Holds the traces of the latest build only; builds use it one at a time.
 */
public final class TraceMemo {
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
