package dev.warroom.story;

/**
 * One service at one instant, as drawn.
 *
 * @param id             service id
 * @param health         the health shown by icon and word
 * @param previousHealth the health being blended from (equal to {@code health} on a keyframe)
 * @param blend          0..1 progress of the colour from {@code previousHealth} to {@code health}
 * @param reason         a few words on why, e.g. {@code pool full}
 * @param active         busy workers
 * @param threads        pool size, 0 for none
 * @param queued         requests waiting for a worker
 * @param p99Ms          99th percentile latency, -1 when nothing completed
 * @param errorRate      failures over completions, 0..1
 * @param arrivalsPerSec requests arriving per simulated second
 * @param breaker        worst state of the breakers guarding calls into it, or {@code none}
 */
public record NodeState(
        String id, Health health, Health previousHealth, double blend, String reason, double active, int threads,
        double queued, double p99Ms, double errorRate, double arrivalsPerSec, String breaker) {

    static NodeState between(NodeState a, NodeState b, double t) {
        double e = Ease.inOutCubic(t);
        double p99 = a.p99Ms < 0 || b.p99Ms < 0 ? (e < 0.5 ? a.p99Ms : b.p99Ms) : Ease.lerp(a.p99Ms, b.p99Ms, e);
        NodeState near = e < 0.5 ? a : b;
        return new NodeState(a.id, near.health, a.health, e, near.reason, Ease.lerp(a.active, b.active, e), b.threads,
                Ease.lerp(a.queued, b.queued, e), p99, Ease.lerp(a.errorRate, b.errorRate, e),
                Ease.lerp(a.arrivalsPerSec, b.arrivalsPerSec, e), near.breaker);
    }
}
