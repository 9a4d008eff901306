package dev.warroom.cli;

import dev.warroom.bank.Problem;
import dev.warroom.sim.Trace;

/** The simulator as the commands call it. */
final class Traces {
    private Traces() {
    }

    /** The trace of a problem's variant. */
    static Trace simulate(Problem problem, String variant) {
        try {
            Class<?> sim = Class.forName("dev.warroom.sim.Simulation");
            return (Trace) sim.getMethod("run", Problem.class, String.class).invoke(null, problem, variant);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UnsupportedOperationException("the simulator is not available in this build");
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
