package dev.warroom.story;

/**
 * One call edge at one instant. The shares split the attempts (plus the calls the
 * caller refused itself) by outcome and add up to 1 when anything was sent.
 *
 * @param key           {@code from->to}
 * @param callsPerSec   attempts sent plus calls short-circuited, per simulated second
 * @param retryShare    share of the attempts that were retries
 * @param ok            share answered successfully
 * @param failed        share answered with an error or a rejection
 * @param timedOut      share the caller gave up on
 * @param fastFailed    share refused by the caller's breaker, bulkhead or budget (never sent)
 * @param pending       share still waiting for an answer
 * @param breaker       this edge's breaker state, or {@code none}
 */
public record EdgeState(
        String key, double callsPerSec, double retryShare, double ok, double failed, double timedOut,
        double fastFailed, double pending, String breaker) {

    static EdgeState between(EdgeState a, EdgeState b, double t) {
        double e = Ease.inOutCubic(t);
        return new EdgeState(a.key, Ease.lerp(a.callsPerSec, b.callsPerSec, e), Ease.lerp(a.retryShare, b.retryShare, e),
                Ease.lerp(a.ok, b.ok, e), Ease.lerp(a.failed, b.failed, e), Ease.lerp(a.timedOut, b.timedOut, e),
                Ease.lerp(a.fastFailed, b.fastFailed, e), Ease.lerp(a.pending, b.pending, e),
                e < 0.5 ? a.breaker : b.breaker);
    }
}
