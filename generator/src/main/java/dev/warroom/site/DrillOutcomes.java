package dev.warroom.site;

import dev.warroom.bank.Units;
import dev.warroom.sim.Outcomes;
import dev.warroom.sim.Trace;
import java.util.Map;

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

    /**
     * The outcomes measured on the branch traces among {@code traces} (variants that are no
     * branch are ignored), with the site's judging fraction, {@link Outcomes#DEFAULT_FRACTION}.
     */
    static DrillOutcomes of(Map<String, Trace> traces) {
        return branchId -> {
            Trace t = traces.get(branchId);
            return t == null || t.branch() == null ? null : measure(t);
        };
    }

    /** One branch's figures, from its decision's moment on. */
    static DrillOutcome measure(Trace t) {
        double f = Outcomes.DEFAULT_FRACTION;
        Outcomes o = Outcomes.of(t);
        int recovered = o.recoveredBucket(f);
        boolean mitigated = recovered >= 0;
        Long ttm = mitigated ? Math.round(o.timeToMitigate(f) * 1000) : null;
        String clock = mitigated ? Units.formatClock(Units.parseClock(t.startClock()) + recovered * (long) t.bucketMs() / 1000) : null;
        Outcomes.Peak peak = Outcomes.peak(t, t.branch().normalUntilMs());
        return new DrillOutcome(mitigated, mitigated && o.healthyBefore(f), ttm, clock, o.usersFailed(), o.failedShare(), o.errorMinutes(),
                o.stillRecoveringAtEnd(f), peak.service(), peak.multiple());
    }
}
