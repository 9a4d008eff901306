package dev.warroom.cli;

import dev.warroom.bank.Problem;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;

/** The simulator as the commands call it. */
final class Traces {
    private Traces() {
    }

    /** The trace of a problem's variant. */
    static Trace simulate(Problem problem, String variant) {
        return Simulation.run(problem, variant);
    }
}
