package dev.warroom.testing;

import dev.warroom.sim.Trace;
import dev.warroom.story.SceneSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made trace shaped like problem one's cascade (Bank slow → Payment pool full →
 * Order 503 → Cart 504 → Frontend failing), and a hand-made scene of the same topology, so
 * story and render tests do not depend on the simulator or on problem.yaml edits.
 */
public final class TraceFixture {
    private TraceFixture() {
    }

    public static final int START = 13 * 3600 + 55 * 60;
    public static final long DURATION = 1_200_000;

    /** Seconds from the start when each layer goes down. */
    public static final int PAYMENT_DOWN = 330;
    public static final int ORDER_DOWN = 600;
    public static final int CART_DOWN = 720;
    public static final int FRONTEND_DOWN = 900;

    public static SceneSpec scene() {
        return scene("baseline", "Baseline: as it happened");
    }

    public static SceneSpec scene(String variant, String variantTitle) {
        List<SceneSpec.Node> nodes = List.of(
                new SceneSpec.Node("frontend", "Web Frontend", false, 60000, 0, 0.5, 0.1),
                new SceneSpec.Node("cart", "Cart Service", false, 80000, 1, 0.265, 0.3),
                new SceneSpec.Node("search", "Search Service", false, 200, 1, 0.5, 0.3),
                new SceneSpec.Node("account", "Account Service", false, 100, 1, 0.735, 0.3),
                new SceneSpec.Node("order", "Order Service", false, 1000, 2, 0.265, 0.5),
                new SceneSpec.Node("inventory", "Inventory Service", false, 200, 3, 0.5, 0.7),
                new SceneSpec.Node("payment", "Payment Service", false, 200, 3, 0.265, 0.7),
                new SceneSpec.Node("bank-api", "External Bank API", true, 0, 4, 0.265, 0.9));
        List<SceneSpec.Edge> edges = List.of(
                new SceneSpec.Edge("frontend", "cart"), new SceneSpec.Edge("frontend", "search"),
                new SceneSpec.Edge("frontend", "account"), new SceneSpec.Edge("cart", "order"),
                new SceneSpec.Edge("search", "inventory"), new SceneSpec.Edge("order", "inventory"),
                new SceneSpec.Edge("order", "payment"), new SceneSpec.Edge("payment", "bank-api"));
        List<SceneSpec.Marker> markers = List.of(
                new SceneSpec.Marker(300_000, "14:00", "Payment Service p99 latency: 100ms -> 30,000ms", false),
                new SceneSpec.Marker(600_000, "14:05", "Order Service: thread pool exhausted, 100% 503s", false),
                new SceneSpec.Marker(720_000, "14:07", "Cart Service: connection timeout to Order Service, 100% 504s", false),
                new SceneSpec.Marker(900_000, "14:10", "Web Frontend: all API calls failing, blank page for all users", false),
                new SceneSpec.Marker(1_020_000, "14:12", "YOU ARE HERE. Status page updated: Major Outage.", true));
        return new SceneSpec("fixture", variant, "Bank API slows to 30 s: the payment cascade",
                variantTitle, START, DURATION, 5, nodes, edges, markers,
                Map.of("payment/pool_exhausted", "Payment: 200/200 threads blocked on the Bank API"));
    }

    public static Trace trace() {
        return trace("baseline", false);
    }

    /** The cascade; with {@code mitigated}, Payment fails fast behind an open breaker instead. */
    public static Trace trace(String variant, boolean mitigated) {
        int n = (int) (DURATION / 1000);
        Map<String, Trace.ServiceSeries> services = new LinkedHashMap<>();
        services.put("frontend", series("Web Frontend", "service", 60000, n, s -> !mitigated && s >= FRONTEND_DOWN
                ? bucket(s, 900, 0, 0, 0, 900, 40000, 0, 20000, "none") : bucket(s, 900, 900, 0, 0, 0, 8, 0, 25, "none")));
        services.put("cart", series("Cart Service", "service", 80000, n, s -> !mitigated && s >= CART_DOWN
                ? bucket(s, 450, 0, 0, 450, 0, 40000, 0, 127000, "none") : bucket(s, 450, 450, 0, 0, 0, 9, 0, 40, "none")));
        services.put("search", series("Search Service", "service", 200, n, s -> bucket(s, 270, 270, 0, 0, 0, 6, 0, 70, "none")));
        services.put("account", series("Account Service", "service", 100, n, s -> bucket(s, 180, 180, 0, 0, 0, 3, 0, 55, "none")));
        services.put("order", series("Order Service", "service", 1000, n, s -> !mitigated && s >= ORDER_DOWN
                ? bucket(s, 450, 3, 447, 0, 0, 1000, 500, 30000, "none") : bucket(s, 450, 450, 0, 0, 0, 30, 0, 160, "none")));
        services.put("inventory", series("Inventory Service", "service", 200, n, s -> bucket(s, 720, 720, 0, 0, 0, 6, 0, 40, "none")));
        services.put("payment", series("Payment Service", "service", 200, n, s -> s < 300
                ? bucket(s, 450, 450, 0, 0, 0, 45, 0, 180, mitigated ? "closed" : "none")
                : mitigated ? bucket(s, 450, 450, 0, 0, 0, 2, 0, 5, s < 310 ? "half_open" : "open")
                : bucket(s, 450, 7, 0, 0, 0, 200, Math.min(847, (s - 300) * 30), 30000, "none")));
        services.put("bank-api", series("External Bank API", "external", 0, n, s -> s < 270
                ? bucket(s, 450, 450, 0, 0, 0, 25, 0, 120, "none")
                : s < 495 ? bucket(s, 450, 450, 0, 0, 0, 60, 0, 5000, "none")
                : bucket(s, mitigated ? 1 : 7, mitigated ? 1 : 7, 0, 0, 0, 200, 0, 30000, "none")));
        Map<String, Trace.EdgeSeries> edges = new LinkedHashMap<>();
        edges.put("frontend->cart", edge("frontend", "cart", n, s -> !mitigated && s >= CART_DOWN
                ? new Trace.EdgeBucket(s * 1000L, 450, 0, 0, 450, 0, 0, 40000, "none")
                : new Trace.EdgeBucket(s * 1000L, 450, 0, 450, 0, 0, 0, 9, "none")));
        edges.put("frontend->search", edge("frontend", "search", n, s -> new Trace.EdgeBucket(s * 1000L, 270, 0, 270, 0, 0, 0, 6, "none")));
        edges.put("frontend->account", edge("frontend", "account", n, s -> new Trace.EdgeBucket(s * 1000L, 180, 0, 180, 0, 0, 0, 3, "none")));
        edges.put("cart->order", edge("cart", "order", n, s -> !mitigated && s >= ORDER_DOWN
                ? new Trace.EdgeBucket(s * 1000L, 450, 0, 3, 447, 0, 0, 1000, "none")
                : new Trace.EdgeBucket(s * 1000L, 450, 0, 450, 0, 0, 0, 30, "none")));
        edges.put("search->inventory", edge("search", "inventory", n, s -> new Trace.EdgeBucket(s * 1000L, 270, 0, 270, 0, 0, 0, 3, "none")));
        edges.put("order->inventory", edge("order", "inventory", n, s -> new Trace.EdgeBucket(s * 1000L, 450, 0, 450, 0, 0, 0, 3, "none")));
        edges.put("order->payment", edge("order", "payment", n, s -> s >= 300 && !mitigated
                ? new Trace.EdgeBucket(s * 1000L, 450, 150, 7, 0, 0, 0, 1000, "none")
                : new Trace.EdgeBucket(s * 1000L, 450, 0, 450, 0, 0, 0, 45, "none")));
        edges.put("payment->bank-api", edge("payment", "bank-api", n, s -> s < 300
                ? new Trace.EdgeBucket(s * 1000L, 450, 0, 450, 0, 0, 0, 25, mitigated ? "closed" : "none")
                : mitigated ? new Trace.EdgeBucket(s * 1000L, 1, 0, 0, 0, 1, 449, 1, "open")
                : new Trace.EdgeBucket(s * 1000L, 7, 0, 7, 0, 0, 0, 200, "none")));
        List<Trace.TraceEvent> events = new ArrayList<>();
        events.add(new Trace.TraceEvent(300_000, "14:00:00", "payment", "latency_spike", "Payment p99 180ms -> 30,000ms"));
        if (mitigated) {
            events.add(new Trace.TraceEvent(302_000, "14:00:02", "payment", "breaker_opened", "Payment -> Bank API breaker opened"));
        } else {
            events.add(new Trace.TraceEvent(PAYMENT_DOWN * 1000L, "14:00:30", "payment", "pool_exhausted", "Payment pool exhausted: 200/200"));
            events.add(new Trace.TraceEvent(ORDER_DOWN * 1000L, "14:05:00", "order", "rejecting", "Order rejecting 99% (503)"));
            events.add(new Trace.TraceEvent(CART_DOWN * 1000L, "14:07:00", "cart", "timing_out", "Cart timing out 100% (504)"));
            events.add(new Trace.TraceEvent(FRONTEND_DOWN * 1000L, "14:10:00", "frontend", "failing", "Frontend failing 100%"));
        }
        return new Trace("fixture", variant, 1, 1000, "13:55:00", DURATION, services, edges, events, new Trace.TraceStats(0, 0));
    }

    private interface Gen<T> {
        T at(int second);
    }

    private static Trace.ServiceSeries series(String name, String kind, int threads, int n, Gen<Trace.Bucket> gen) {
        List<Trace.Bucket> b = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            b.add(gen.at(s));
        }
        return new Trace.ServiceSeries(name, kind, threads, b);
    }

    private static Trace.EdgeSeries edge(String from, String to, int n, Gen<Trace.EdgeBucket> gen) {
        List<Trace.EdgeBucket> b = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            b.add(gen.at(s));
        }
        return new Trace.EdgeSeries(from, to, b);
    }

    private static Trace.Bucket bucket(int s, int arrivals, int ok, int rejected, int timedOut, int failed, int active,
                                       int queued, long p99, String breaker) {
        return new Trace.Bucket(s * 1000L, arrivals, ok, 0, rejected, timedOut, failed, 0, 0, 0, active, queued,
                p99 / 2, p99, breaker);
    }
}
