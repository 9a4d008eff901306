package dev.warroom.bank;

import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Service;
import dev.warroom.bank.Scenario.Traffic;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An upper estimate of the work a scenario's simulation does, so that what validates also
 * runs, in bounded time and memory. Every attempt may be retried and every call made (worst
 * case), so the estimate errs high: requests = peak rate × clock × (1 + user retries), the
 * attempts each causes through the call graph, a few events per attempt; and the requests
 * that could wait at once in each unbounded queue (the first attempts that arrive within its
 * timeout, or in the whole run). Iterative over the topology, so a chain
 * of thousands of services cannot overflow the stack.
 */
final class Workload {
    /** Events a simulation may process: about two minutes at the simulator's pace (1-2 million a second). */
    static final double MAX_EVENTS = 2e8;
    /** Requests that may wait in one unbounded queue at once (about 150 bytes each: 1.5 GB). */
    static final double MAX_WAITING = 1e7;
    /** Events per attempt: arrival, start, end of processing, reply or timeout. */
    private static final int EVENTS_PER_ATTEMPT = 4;

    private Workload() {
    }

    /**
     * The estimate.
     *
     * @param events    simulation events over the run
     * @param waiting   the most requests one unbounded queue could hold, and where
     * @param queue     the service with that queue, or null
     */
    record Estimate(double events, double waiting, String queue) {
    }

    /** Refuses, with located errors, a scenario beyond {@link #MAX_EVENTS} or {@link #MAX_WAITING}. */
    static void check(Scenario s, Ctx ctx) {
        Estimate e = estimate(s);
        if (e == null) {
            return;
        }
        if (e.events() > MAX_EVENTS) {
            int busiest = busiestTraffic(s);
            ctx.errorAt("traffic[" + busiest + "].rate", String.format(Locale.ROOT,
                    "the simulation would process about %s events (%s req/s for %s, through the call graph with every"
                            + " retry); the limit is %s: lower the rate or shorten the clock",
                    sci(e.events()), sci(peakRate(s.traffic().get(busiest))), Units.formatDuration(s.durationMs()),
                    sci(MAX_EVENTS)));
        } else if (e.waiting() > MAX_WAITING) {
            ctx.errorAt("services." + e.queue() + ".queue", String.format(Locale.ROOT,
                    "up to about %s requests could wait in this unbounded queue at once; the limit is %s: give it a"
                            + " capacity, or lower the rate", sci(e.waiting()), sci(MAX_WAITING)));
        }
    }

    /** The estimate, or null when the calls have a cycle (reported elsewhere). */
    static Estimate estimate(Scenario s) {
        List<String> order = topologicalOrder(s);
        if (order == null) {
            return null;
        }
        // attempts at each node per request entering it: 1 + the attempts of its calls, callees first
        Map<String, Double> fanOut = new HashMap<>();
        for (int k = order.size() - 1; k >= 0; k--) {
            Service svc = s.services().get(order.get(k));
            double a = 1;
            for (Call c : svc.calls().values()) {
                a += c.probability() * c.retry().attempts() * fanOut.getOrDefault(c.to(), 1.0);
            }
            fanOut.put(svc.id(), a);
        }
        // first attempts arriving at each service over the run, callers first: a queue that fills
        // with those alone would exhaust memory (retries amplify that; the event limit bounds them)
        Map<String, Double> arrivals = new HashMap<>();
        double seconds = s.durationMs() / 1000.0;
        double events = 0;
        for (Traffic t : s.traffic()) {
            double requests = peakRate(t) * seconds * userTries(t);
            arrivals.merge(t.entry(), requests, Double::sum);
            events += requests * fanOut.getOrDefault(t.entry(), 1.0) * EVENTS_PER_ATTEMPT;
        }
        double waiting = 0;
        String queue = null;
        for (String id : order) {
            Service svc = s.services().get(id);
            double in = arrivals.getOrDefault(id, 0.0);
            for (Call c : svc.calls().values()) {
                if (s.services().containsKey(c.to())) {
                    arrivals.merge(c.to(), in * c.probability(), Double::sum);
                }
            }
            // a queue holds what arrives within its timeout, or the whole run's arrivals; shedding caps it
            double held = in * Math.min(1, svc.queue().timeoutMs() == Scenario.NO_TIMEOUT ? 1
                    : (double) svc.queue().timeoutMs() / s.durationMs());
            if (svc.shed() != null && svc.shed().maxQueue() > 0) {
                held = Math.min(held, svc.shed().maxQueue());
            }
            if (svc.queue().capacity() == Scenario.UNBOUNDED && held > waiting) {
                waiting = held;
                queue = id;
            }
        }
        return new Estimate(events, waiting, queue);
    }

    /** Services with callers before callees (Kahn's algorithm), or null on a cycle. */
    private static List<String> topologicalOrder(Scenario s) {
        Map<String, Integer> callers = new HashMap<>();
        s.services().keySet().forEach(id -> callers.put(id, 0));
        for (Service svc : s.services().values()) {
            for (String to : svc.calls().keySet()) {
                callers.computeIfPresent(to, (k, n) -> n + 1);
            }
        }
        ArrayDeque<String> ready = new ArrayDeque<>();
        s.services().keySet().stream().filter(id -> callers.get(id) == 0).forEach(ready::add);
        List<String> order = new java.util.ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String to : s.services().get(id).calls().keySet()) {
                Integer left = callers.computeIfPresent(to, (k, n) -> n - 1);
                if (left != null && left == 0) {
                    ready.add(to);
                }
            }
        }
        return order.size() == s.services().size() ? order : null;
    }

    /** Tries per request when every try fails: 1 + p + p² + ... + p^max. */
    private static double userTries(Traffic t) {
        double tries = 1;
        double p = 1;
        for (int k = 0; t.userRetry() != null && k < t.userRetry().max(); k++) {
            p *= t.userRetry().probability();
            tries += p;
        }
        return tries;
    }

    private static int busiestTraffic(Scenario s) {
        int best = 0;
        for (int i = 1; i < s.traffic().size(); i++) {
            if (peakRate(s.traffic().get(i)) > peakRate(s.traffic().get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static double peakRate(Traffic t) {
        double r = t.rate();
        for (Scenario.RateChange c : t.changes()) {
            r = Math.max(r, c.rate());
        }
        return r;
    }

    /** 8.6 × 10¹⁰, or 450 below ten thousand. */
    static String sci(double v) {
        if (v < 10_000) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }
        if (Double.isInfinite(v)) {
            return "more than 10³⁰⁸";
        }
        int exp = (int) Math.floor(Math.log10(v));
        String mantissa = String.format(Locale.ROOT, "%.1f", v / Math.pow(10, exp));
        if (mantissa.equals("10.0")) {
            mantissa = "1.0";
            exp++;
        }
        StringBuilder sup = new StringBuilder();
        for (char c : Integer.toString(exp).toCharArray()) {
            sup.append("⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa) + " × 10" + sup;
    }
}
