package dev.warroom.sim;

import dev.warroom.bank.Problem;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a problem's decision branches so that they share their past: the parent (the baseline,
 * or an earlier decision's option) runs once to the decision's moment and waits there, and
 * each option continues a {@link Fork} of it. A branch's trace is the same as if it had run
 * from the start (BranchTest checks both ways); only the parent's prefix is not paid again.
 */
final class Branching {
    private final Problem problem;
    private final long seed;
    /** Decision id: its parent, paused at the decision. Never run further once stored. */
    private final Map<String, Engine> paused = new HashMap<>();

    Branching(Problem problem, long seed) {
        this.problem = problem;
        this.seed = seed;
    }

    /** A copy of the branch's parent at its decision, ready to run the branch to its end. */
    Engine start(String branch) {
        Problem.Variant v = problem.variant(branch);
        Engine parent = pausedAt(decision(v.branch().decision()));
        return new Engine(parent, v.scenario());
    }

    /** Events the paused parents ran beyond what they inherited (for the bench). */
    synchronized long pausedEvents() {
        long n = 0;
        for (Engine e : paused.values()) {
            n += e.events - e.inheritedEvents;
        }
        return n;
    }

    private synchronized Engine pausedAt(Problem.Decision d) {
        Engine e = paused.get(d.id());
        if (e == null) {
            if (Problem.BASELINE.equals(d.from())) {
                e = new Engine(problem.baseline(), seed);
            } else {
                Problem.Variant parent = problem.variant(d.from());
                e = new Engine(pausedAt(decision(parent.branch().decision())), parent.scenario());
            }
            e.runUntil(d.atMs());
            paused.put(d.id(), e);
        }
        return e;
    }

    private Problem.Decision decision(String id) {
        return problem.decisions().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision '" + id + "' in " + problem.id()));
    }
}
