package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.util.List;

/** A branch played two ways, to compare: forked from its parent paused at {@code at}, and run from the start. */
record ForkPair(Engine fork, Engine direct) {
    static ForkPair of(Scenario base, List<Scenario.Action> acts, long at, long seed) {
        Scenario branch = base.branch(base.durationMs(), acts);
        Engine parent = new Engine(base, seed);
        parent.runUntil(at);
        Engine fork = new Engine(parent, branch);
        fork.run();
        Engine direct = new Engine(branch, seed);
        direct.run();
        return new ForkPair(fork, direct);
    }
}
