package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import java.util.random.RandomGenerator;

/**
 * Open-loop arrivals at an entry service: Poisson (exponential gaps at the current rate)
 * or constant, with rate changes as steps or linear ramps, and users who retry a failed
 * request after a delay. Arrival times are kept in fractional ms and scheduled at whole ms.
 */
final class Source extends EventQueue.Ev {
    final Engine engine;
    final Node entry;
    final Scenario.Traffic traffic;
    final RandomGenerator rng;
    private double next;
    final Lane userRetries;

    Source(Engine engine, Node entry, Scenario.Traffic traffic, RandomGenerator rng) {
        this.engine = engine;
        this.entry = entry;
        this.traffic = traffic;
        this.rng = rng;
        this.userRetries = new Lane(engine);
    }

    /** A copy for a fork. */
    Source(Source p, Engine engine, Node entry, RandomGenerator rng, Fork f) {
        this.engine = engine;
        this.entry = entry;
        this.traffic = p.traffic;
        this.rng = rng;
        this.next = p.next;
        this.userRetries = f.lane(p.userRetries);
    }

    /** Requests per second at time t. */
    double rate(double t) {
        double r = traffic.rate();
        java.util.List<Scenario.RateChange> changes = traffic.changes();
        for (int i = 0; i < changes.size(); i++) { // indexed: this runs per arrival, and the iterator was allocated
            Scenario.RateChange c = changes.get(i);
            if (t < c.atMs()) {
                break;
            }
            if (c.overMs() <= 0 || t >= c.atMs() + c.overMs()) {
                r = c.rate();
            } else {
                r = r + (c.rate() - r) * (t - c.atMs()) / c.overMs();
            }
        }
        return r;
    }

    void start() {
        next = 0;
        advance();
    }

    private void advance() {
        double t = next;
        while (true) {
            double r = rate(t);
            if (r <= 0) {
                double change = nextChange(t);
                if (change < 0) {
                    return;
                }
                t = change;
                continue;
            }
            double gap = traffic.arrival() == Scenario.Traffic.Arrival.CONSTANT ? 1000.0 / r
                    : -Math.log(1 - rng.nextDouble()) * 1000.0 / r;
            next = t + gap;
            break;
        }
        if (next < engine.duration) {
            engine.queue.schedule((long) next, this, 0);
        }
    }

    private double nextChange(double t) {
        for (Scenario.RateChange c : traffic.changes()) {
            if (c.atMs() > t) {
                return c.atMs();
            }
        }
        return -1;
    }

    @Override
    void fire(long arg) {
        Req r = new Req(entry, null, 0, false, 0);
        r.route = route();
        engine.services.arrive(r);
        advance();
    }

    /** The calls a new user request will make, drawn once so that a refresh repeats them. */
    private long route() {
        Edge[] es = entry.edges;
        long bits = 0;
        for (int i = 0; i < es.length && i < 63; i++) {
            double p = es[i].call.probability();
            if (p >= 1 || es[i].rng.nextDouble() < p) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    /** A user saw a failure: maybe they press refresh (the same page: the same calls). */
    void userFailed(Req r) {
        Scenario.UserRetry u = traffic.userRetry();
        if (u == null || r.userTries >= u.max() || rng.nextDouble() >= u.probability()) {
            return;
        }
        Req again = new Req(entry, null, 0, true, r.userTries + 1);
        again.route = r.route;
        userRetries.add(engine.now + u.delayMs(), again, Engine.A_USER_ARRIVE);
    }
}
