package dev.warroom.site;

/**
 * What one decision branch led to, measured on its trace from the decision's moment: the
 * figures the drill shows once the learner has picked the option.
 *
 * @param mitigated            whether the entry service's goodput came back and stayed back
 * @param healthyAtDecision    whether it was healthy already when the decision was taken (nothing to mitigate)
 * @param timeToMitigateMs     from the decision to that recovery, or null if it never recovered
 * @param recoveredClock       the clock of that recovery ({@code 14:13:10}), or null
 * @param usersFailed          user-facing failures from the decision to the end of the branch
 * @param usersFailedShare     those failures over the user requests in the same span, 0..1
 * @param errorMinutes         minutes of user-facing errors, weighted by the error rate
 * @param stillRecoveringAtEnd whether the branch ends before the system is back to normal
 * @param peakService          the service the action loaded most, against its normal arrivals
 * @param peakLoad             that service's highest arrivals a second, as a multiple of its normal
 */
public record DrillOutcome(boolean mitigated, boolean healthyAtDecision, Long timeToMitigateMs, String recoveredClock, long usersFailed,
                           double usersFailedShare, double errorMinutes, boolean stillRecoveringAtEnd,
                           String peakService, double peakLoad) {
    public DrillOutcome {
        if (usersFailed < 0) {
            throw new IllegalArgumentException("usersFailed must be >= 0, got " + usersFailed);
        }
        if (!(usersFailedShare >= 0 && usersFailedShare <= 1)) {
            throw new IllegalArgumentException("usersFailedShare must be within 0..1, got " + usersFailedShare);
        }
        if (mitigated != (timeToMitigateMs != null)) {
            throw new IllegalArgumentException("timeToMitigateMs is set exactly when mitigated");
        }
    }
}
