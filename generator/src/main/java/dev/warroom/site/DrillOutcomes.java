package dev.warroom.site;

/**
 * The outcome of each decision branch of a problem, by branch id (the option's id). The
 * build computes them from the branch traces; a branch without one shows "not simulated".
 */
@FunctionalInterface
public interface DrillOutcomes {
    /** No branch simulated. */
    DrillOutcomes NONE = branchId -> null;

    /** The branch's outcome, or null when it was not simulated in this build. */
    DrillOutcome outcome(String branchId);
}
