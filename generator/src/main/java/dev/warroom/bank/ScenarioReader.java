package dev.warroom.bank;

import dev.warroom.bank.Scenario.Breaker;
import dev.warroom.bank.Scenario.Bulkhead;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Caption;
import dev.warroom.bank.Scenario.Detections;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.External;
import dev.warroom.bank.Scenario.Fallback;
import dev.warroom.bank.Scenario.Fault;
import dev.warroom.bank.Scenario.Layout;
import dev.warroom.bank.Scenario.Queue;
import dev.warroom.bank.Scenario.RateChange;
import dev.warroom.bank.Scenario.RateLimit;
import dev.warroom.bank.Scenario.Retry;
import dev.warroom.bank.Scenario.RetryBudget;
import dev.warroom.bank.Scenario.Service;
import dev.warroom.bank.Scenario.Shed;
import dev.warroom.bank.Scenario.Traffic;
import dev.warroom.bank.Scenario.UserRetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the simulated part of a problem file (topology, traffic, faults, detections) into a {@link Scenario}. */
final class ScenarioReader {
    /** The top-level keys this reader owns; variants may override only these. */
    static final List<String> KEYS = List.of("clock", "services", "externals", "traffic", "faults", "detections");

    private ScenarioReader() {
    }

    static Scenario read(Fields top) {
        Fields clock = top.object("clock", true);
        int start = 0;
        long duration = 600_000;
        if (clock != null) {
            start = Math.max(0, clock.clock("start", true));
            int errorsBefore = clock.ctx.errorCount();
            duration = clock.duration("duration", 10_000, null, -1);
            if (clock.ctx.errorCount() > errorsBefore) {
                duration = Units.MAX_DURATION_MS; // unknown: don't report every clock as outside the scenario
            }
            clock.end();
        }
        int startClock = start;
        Map<String, Service> services = top.keyed("services", true, (id, f) -> service(id, f, startClock));
        Map<String, External> externals = top.keyed("externals", false, ScenarioReader::external);
        List<Traffic> traffic = top.objects("traffic", true, f -> traffic(f, startClock));
        List<Fault> faults = top.objects("faults", false, f -> fault(f, startClock));
        Fields d = top.object("detections", false);
        Detections detections = d == null ? new Detections(Map.of(), List.of()) : detections(d);
        if (d != null) {
            d.end();
        }
        return new Scenario(start, duration, services, externals, traffic, faults, detections);
    }

    private static Service service(String id, Fields f, int startClock) {
        String name = f.string("name");
        int threads = f.integer("threads", 1, Integer.MAX_VALUE - 1, null);
        Queue queue = Queue.DEFAULT;
        Fields q = f.object("queue", false);
        if (q != null) {
            queue = new Queue(q.integerOr("capacity", "unbounded", 0, Scenario.UNBOUNDED),
                    q.choice("order", Queue.Order.class, Queue.Order.FIFO),
                    q.duration("timeout", 1, Scenario.NO_TIMEOUT, Scenario.NO_TIMEOUT),
                    q.choice("overflow", Queue.Overflow.class, Queue.Overflow.REJECT));
            q.end();
        }
        Dist processing = dist(f, "processing", Dist.fixed(1));
        Shed shed = null;
        Fields s = f.object("shed", false);
        if (s != null) {
            shed = new Shed(s.integer("max_queue", 0, Integer.MAX_VALUE - 1, 0),
                    s.duration("max_queue_wait", 0, 0L, 0));
            if (shed.maxQueue() == 0 && shed.maxQueueWaitMs() == 0) {
                s.ctx.error(s.node, s.path, "set max_queue or max_queue_wait (or remove shed)");
            }
            s.end();
        }
        RateLimit rateLimit = null;
        Fields r = f.object("rate_limit", false);
        if (r != null) {
            rateLimit = new RateLimit(r.number("rps", 0.001, 1e9, null), r.integer("burst", 1, Integer.MAX_VALUE - 1, 1));
            r.end();
        }
        boolean propagate = f.bool("propagate_deadline", false);
        Scenario.Health health = null;
        Fields h = f.object("health", false);
        if (h != null) {
            health = health(h, threads);
            h.end();
        }
        Scenario.Memory memory = null;
        Fields m = f.object("memory", false);
        if (m != null) {
            memory = memory(m, health != null);
            m.end();
        }
        Scenario.Shards shards = null;
        Fields sh = f.object("shards", false);
        if (sh != null) {
            shards = shards(sh, threads, health != null);
            sh.end();
        }
        Layout layout = layout(f);
        Map<String, Call> calls = f.keyed("calls", false, ScenarioReader::call);
        Scenario.MessageQueue mq = null;
        Fields mqf = f.object("message_queue", false);
        if (mqf != null) {
            mq = messageQueue(mqf);
            if (health != null) {
                mqf.ctx.error(mqf.node, mqf.path, "a queue consumer cannot have health probes (remove health or message_queue)");
            }
            mqf.end();
        }
        return new Service(id, name, threads, queue, processing, shed, rateLimit, propagate, layout, calls, health, memory,
                shards, mq);
    }

    /** {@code memory: {heap, base, per_request, gc_cost}}: the heap of each pod, in MB; an OOM kill restarts the pod's container. */
    private static Scenario.Memory memory(Fields m, boolean pods) {
        double heap = m.number("heap", 1, 1e7, null);
        double base = m.number("base", 0, 1e7, null);
        double per = m.number("per_request", 1e-6, 1e7, null);
        double cost = m.number("gc_cost", 0, 1e6, null);
        if (base >= heap) {
            m.ctx.errorAt(m.join("base"), "must be below heap (" + mb(heap) + " MB): an idle pod must fit, got " + mb(base));
        }
        if (!pods) {
            m.ctx.errorAt(m.path, "needs health (pods) on the service: an OOM kill restarts a pod's container");
        }
        return new Scenario.Memory(heap, base, per, cost);
    }

    private static String mb(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code shards: {count, keys, zipf, replicas, replicate, key_limit, hedge_after}}: a partitioned store. */
    private static Scenario.Shards shards(Fields sh, int threads, boolean withHealth) {
        if (withHealth) {
            sh.ctx.error(sh.node, sh.path, "a service with shards cannot also have health (pods): its shards are its instances");
        }
        int count = sh.integer("count", 1, 16_384, null);
        if (count > threads) {
            sh.ctx.errorAt(sh.join("count"), "must be at most threads (" + threads + "): every shard needs a worker, got "
                    + count);
        }
        int keys = sh.integer("keys", 1, 1_000_000, null);
        double zipf = sh.number("zipf", 0, 10, 0.0);
        int replicas = sh.integer("replicas", 1, 16_384, 1);
        if (replicas > count) {
            sh.ctx.errorAt(sh.join("replicas"), "must be at most count (" + count + "), got " + replicas);
        }
        List<Scenario.Replicate> replicate = sh.objects("replicate", false, r -> {
            int key = r.integer("key", 0, keys - 1, null);
            int n = r.integer("replicas", 1, 16_384, null);
            if (n > count) {
                r.ctx.errorAt(r.join("replicas"), "must be at most count (" + count + "), got " + n);
            }
            return new Scenario.Replicate(key, n);
        });
        RateLimit keyLimit = null;
        Fields kl = sh.object("key_limit", false);
        if (kl != null) {
            keyLimit = new RateLimit(kl.number("rps", 0.001, 1e9, null), kl.integer("burst", 1, Integer.MAX_VALUE - 1, 1));
            kl.end();
        }
        long hedge = sh.duration("hedge_after", 1, Scenario.NO_TIMEOUT, Scenario.NO_TIMEOUT);
        List<Integer> cache = sh.list("cache", false, (n, p) -> {
            String text = sh.scalar(n, p, "a key");
            try {
                int k = Integer.parseInt(text.trim());
                if (k >= 0 && k < keys) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            sh.ctx.error(n, p, "expected a key from 0 to " + (keys - 1) + ", got " + Fields.quote(text));
            return 0;
        });
        return new Scenario.Shards(count, keys, zipf, replicas, replicate, keyLimit, hedge, cache);
    }

    private static boolean isNone(Fields f, String key) {
        return f.value(key) != null && Fields.isNone(f.value(key));
    }

    /** {@code message_queue: {visibility_timeout, max_receives, poison, max_rate, backoff: {base, cap}}}: an SQS queue in front of the service. */
    private static Scenario.MessageQueue messageQueue(Fields m) {
        long visibility = m.duration("visibility_timeout", 0, Scenario.MessageQueue.DEFAULT_VISIBILITY_MS, -1);
        if (visibility > 43_200_000L) {
            m.ctx.errorAt(m.join("visibility_timeout"), "must be at most 12h (the SQS maximum), got "
                    + Units.formatDuration(visibility));
        }
        int maxReceives = isNone(m, "max_receives") ? 0
                : m.integer("max_receives", 1, 1000, 0);
        double poison = m.fraction("poison", 0.0);
        double maxRate = isNone(m, "max_rate") ? 0
                : m.number("max_rate", 0.001, 1e9, 0.0);
        long base = 0;
        long cap = 0;
        Fields b = isNone(m, "backoff") ? null : m.object("backoff", false);
        if (b != null) {
            base = b.duration("base", 1, null, -1);
            cap = b.duration("cap", 1, 43_200_000L, -1);
            if (cap < base) {
                b.ctx.errorAt(b.join("cap"), "must be at least base (" + Units.formatDuration(base)
                        + "), got " + Units.formatDuration(cap));
            }
            if (cap > 43_200_000L) {
                b.ctx.errorAt(b.join("cap"), "must be at most 12h (the SQS maximum visibility), got "
                        + Units.formatDuration(cap));
            }
            b.end();
        }
        return new Scenario.MessageQueue(visibility, maxReceives, poison, maxRate, base, cap);
    }

    /** {@code health: {pods, readiness, liveness, probe_work, restart}}: Kubernetes probes on the service's pods. */
    private static Scenario.Health health(Fields h, int threads) {
        int pods = h.integer("pods", 1, 10_000, null);
        if (pods > threads) {
            h.ctx.errorAt(h.join("pods"), "must be at most threads (" + threads + "): every pod needs a worker, got " + pods);
        }
        Scenario.Probe readiness = probe(h, "readiness", false);
        Scenario.Probe liveness = probe(h, "liveness", true);
        long work = h.duration("probe_work", 0, 1L, -1);
        long restart = h.duration("restart", 0, 10_000L, -1);
        return new Scenario.Health(pods, readiness, liveness, work, restart);
    }

    private static Scenario.Probe probe(Fields h, String key, boolean liveness) {
        if (h.has(key) && Fields.isNone(h.value(key))) {
            return null; // none: no such probe (a variant or an action removes it)
        }
        Fields p = h.object(key, false);
        if (p == null) {
            return null;
        }
        Scenario.Probe d = Scenario.Probe.DEFAULT;
        long period = p.duration("period", 1_000, d.periodMs(), -1);
        long timeout = p.duration("timeout", 1_000, d.timeoutMs(), -1);
        int failures = p.integer("failure_threshold", 1, 1_000, d.failureThreshold());
        int successes = p.integer("success_threshold", 1, 1_000, d.successThreshold());
        long delay = p.duration("initial_delay", 0, d.initialDelayMs(), -1);
        if (timeout > period) {
            p.ctx.errorAt(p.join("timeout"), "must be at most period (" + Units.formatDuration(period)
                    + "): one probe at a time, got " + Units.formatDuration(timeout));
        }
        if (liveness && successes != 1) {
            p.ctx.errorAt(p.join("success_threshold"), "must be 1 for liveness (as in Kubernetes), got " + successes);
        }
        p.end();
        return new Scenario.Probe(period, timeout, failures, successes, delay);
    }

    private static Layout layout(Fields f) {
        Fields l = f.object("layout", false);
        if (l == null) {
            return Layout.AUTO;
        }
        Layout layout = new Layout(l.integer("layer", 0, 50, -1), l.integer("order", 0, 100, -1));
        l.end();
        return layout;
    }

    private static Call call(String to, Fields f) {
        double probability = f.fraction("probability", 1.0);
        long timeout = f.duration("timeout", 1, Scenario.NO_TIMEOUT, Scenario.NO_TIMEOUT);
        Retry retry = Retry.NONE;
        Fields r = f.object("retry", false);
        if (r != null) {
            retry = new Retry(r.integer("attempts", 1, 100, null),
                    r.choice("backoff", Retry.Backoff.class, Retry.Backoff.NONE),
                    r.duration("base", 0, 100L, -1),
                    r.duration("cap", 0, 20_000L, -1),
                    r.choice("jitter", Retry.Jitter.class, Retry.Jitter.NONE),
                    r.has("on") ? r.list("on", false, (n, p) -> r.parseChoice(r.scalar(n, p, "an outcome"),
                            Retry.RetryOn.class, n, p, Retry.RetryOn.ERROR))
                            : List.of(Retry.RetryOn.TIMEOUT, Retry.RetryOn.ERROR, Retry.RetryOn.REJECTED));
            if (retry.capMs() < retry.baseMs()) {
                r.ctx.errorAt(r.join("cap"), "must be at least base (" + Units.formatDuration(retry.baseMs())
                        + "), got " + Units.formatDuration(retry.capMs()));
            }
            r.end();
        }
        Breaker breaker = null;
        Fields b = f.object("breaker", false);
        if (b != null) {
            breaker = breaker(b);
            b.end();
        }
        Bulkhead bulkhead = null;
        Fields bh = f.object("bulkhead", false);
        if (bh != null) {
            bulkhead = new Bulkhead(bh.integer("max_concurrent", 1, 1_000_000, null), bh.duration("max_wait", 0, 0L, -1));
            bh.end();
        }
        RetryBudget budget = null;
        Fields rb = f.object("retry_budget", false);
        if (rb != null) {
            budget = new RetryBudget(rb.number("percent", 0, 100, 20.0), rb.integer("min_concurrency", 0, 1_000_000, 3));
            rb.end();
        }
        long deadline = f.duration("deadline", 1, Scenario.NO_TIMEOUT, Scenario.NO_TIMEOUT);
        Fallback fallback = null;
        Fields fb = f.object("fallback", false);
        if (fb != null) {
            fallback = new Fallback(fb.duration("latency", 0, 1L, -1));
            fb.end();
        }
        Scenario.OutlierDetection outlier = null;
        Fields od = f.object("outlier_detection", false);
        if (od != null) {
            outlier = outlier(od);
            od.end();
        }
        String sideEffect = f.string("side_effect", null);
        if (sideEffect != null && !sideEffect.matches("[a-z][a-z0-9_-]*")) {
            f.ctx.errorAt(f.join("side_effect"), "expected a word naming the effect (e.g. charge), got '"
                    + sideEffect + "'");
        }
        boolean key = f.bool("idempotency_key", false);
        if (key && sideEffect == null) {
            f.ctx.errorAt(f.join("idempotency_key"), "an idempotency key needs a side_effect on the call");
        }
        Scenario.Cache cache = null;
        Fields ca = f.object("cache", false);
        if (ca != null) {
            cache = cache(ca);
            ca.end();
        }
        Scenario.Dns dns = null;
        Fields d = f.object("dns", false);
        if (d != null) {
            dns = dns(d);
            d.end();
        }
        Scenario.Connections connections = null;
        Fields cn = f.object("connections", false);
        if (cn != null) {
            connections = connections(cn);
            cn.end();
        }
        return new Call(to, probability, timeout, retry, breaker, bulkhead, budget, deadline, fallback, outlier,
                sideEffect, key, cache, dns, connections);
    }

    /** A look-aside cache on a call: keys and their Zipf popularity, TTL, hit latency, coalescing, stale, warm keys. */
    private static Scenario.Cache cache(Fields c) {
        int keys = c.integer("keys", 1, 10_000_000, null);
        double zipf = c.number("zipf", 0, 10, 1.0);
        long ttl = c.duration("ttl", 1, null, -1);
        long hit = c.duration("hit_latency", 0, 1L, -1);
        boolean coalesce = c.bool("coalesce", false);
        long stale = c.duration("stale", 0, 0L, -1);
        int warm = c.integer("warm", 0, 10_000_000, keys);
        if (warm > keys) {
            c.ctx.errorAt(c.join("warm"), "must be at most keys (" + keys + "), got " + warm);
        }
        return new Scenario.Cache(keys, zipf, ttl, hit, coalesce, stale, Math.min(warm, keys));
    }

    /**
     * Name resolution's defaults: the JDK's InetAddress cache (ttl 30 s, negative_ttl 10 s, no stale
     * answers), RFC 8767's client response timeout (1.8 s), resolv.conf(5)'s timeout 5 s and attempts 2.
     */
    private static Scenario.Dns dns(Fields d) {
        List<String> ns = d.strings("nameservers", true);
        if (ns.isEmpty()) {
            d.ctx.errorAt(d.join("nameservers"), "expected at least one external that answers the lookups");
        } else if (ns.size() > 3) {
            d.ctx.errorAt(d.join("nameservers"), "resolv.conf takes at most 3 nameservers (MAXNS), got " + ns.size());
        }
        return new Scenario.Dns(ns, d.duration("ttl", 0, 30_000L, -1), d.duration("negative_ttl", 0, 10_000L, -1),
                d.duration("stale_ttl", 0, 0L, -1), d.duration("stale_timeout", 0, 1_800L, -1),
                d.duration("timeout", 1, 5_000L, -1), d.integer("attempts", 1, 5, 2), d.bool("coalesce", true));
    }

    /**
     * Persistent connections: a 10 s connect timeout (OkHttp's connect and read timeouts, Kestrel's TLS
     * handshake timeout), an immediate
     * reconnect, no session resumption and no handshake limit unless the file says so.
     */
    private static Scenario.Connections connections(Fields cn) {
        int clients = cn.integer("clients", 1, 1_000_000, null);
        Dist handshake = dist(cn, "handshake", null);
        Dist resumed = cn.has("resumed") ? dist(cn, "resumed", null) : null;
        long connectTimeout = cn.duration("connect_timeout", 1, 10_000L, -1);
        Retry reconnect = new Retry(1, Retry.Backoff.NONE, 0, 0, Retry.Jitter.NONE, List.of());
        Fields r = cn.object("reconnect", false);
        if (r != null) {
            reconnect = new Retry(1, r.choice("backoff", Retry.Backoff.class, Retry.Backoff.NONE),
                    r.duration("base", 0, 1_000L, -1), r.duration("cap", 0, 30_000L, -1),
                    r.choice("jitter", Retry.Jitter.class, Retry.Jitter.NONE), List.of());
            if (reconnect.capMs() < reconnect.baseMs()) {
                r.ctx.errorAt(r.join("cap"), "must be at least base (" + Units.formatDuration(reconnect.baseMs())
                        + "), got " + Units.formatDuration(reconnect.capMs()));
            }
            r.end();
        }
        int max = cn.integer("max_handshakes", 1, 1_000_000, 0);
        return new Scenario.Connections(clients, handshake, resumed, connectTimeout, reconnect, max);
    }

    /**
     * Envoy's {@code OutlierDetection} defaults: consecutive_5xx 5, consecutive_gateway_failure 5,
     * enforcing_consecutive_5xx 100, enforcing_consecutive_gateway_failure 0, interval 10 s,
     * base_ejection_time 30 s, max_ejection_time 300 s, max_ejection_percent 10.
     */
    private static Scenario.OutlierDetection outlier(Fields od) {
        return new Scenario.OutlierDetection(
                od.integer("consecutive_5xx", 1, 1_000_000, 5),
                od.integer("consecutive_gateway_failure", 1, 1_000_000, 5),
                od.integer("enforcing_consecutive_5xx", 0, 100, 100),
                od.integer("enforcing_consecutive_gateway_failure", 0, 100, 0),
                od.duration("interval", 1, 10_000L, -1),
                od.duration("base_ejection_time", 1, 30_000L, -1),
                od.duration("max_ejection_time", 1, 300_000L, -1),
                od.integer("max_ejection_percent", 0, 100, 10));
    }

    private static Breaker breaker(Fields b) {
        Breaker.Style style = b.choice("style", Breaker.Style.class, null);
        if (style == Breaker.Style.CONSECUTIVE) {
            // pybreaker's defaults: fail_max=5, reset_timeout=60, success_threshold=1
            return new Breaker(style, b.integer("fail_max", 1, 1_000_000, 5),
                    b.duration("reset_timeout", 1, 60_000L, -1), b.integer("success_threshold", 1, 1_000_000, 1),
                    0, Breaker.WindowType.COUNT, 0, 0, 0, 0, 0, 0);
        }
        // resilience4j's defaults (CircuitBreakerConfig)
        Breaker rate = new Breaker(style, 0, 0, 0,
                b.integer("window", 1, 1_000_000, 100),
                b.choice("window_type", Breaker.WindowType.class, Breaker.WindowType.COUNT),
                b.integer("minimum_calls", 1, 1_000_000, 100),
                b.number("failure_rate", 0.001, 100, 50.0),
                b.number("slow_call_rate", 0.001, 100, 100.0),
                b.duration("slow_call_duration", 1, 60_000L, -1),
                b.duration("wait_open", 1, 60_000L, -1),
                b.integer("half_open_calls", 1, 1_000_000, 10));
        if (rate.windowType() == Breaker.WindowType.TIME && rate.window() > MAX_TIME_WINDOW_S) {
            b.ctx.errorAt(b.join("window"), "a time window is at most " + MAX_TIME_WINDOW_S
                    + " seconds (24h, the longest clock), got " + rate.window());
        }
        return rate;
    }

    /** A time window's seconds: no run is longer. */
    private static final int MAX_TIME_WINDOW_S = 86_400;

    private static External external(String id, Fields f) {
        return new External(id, f.string("name"), dist(f, "latency", null),
                f.fraction("error_rate", 0.0),
                f.integerOr("concurrency", "unlimited", 1, Scenario.UNBOUNDED), layout(f));
    }

    private static Traffic traffic(Fields f, int startClock) {
        String entry = f.id("entry");
        Traffic.Arrival arrival = f.choice("arrival", Traffic.Arrival.class, Traffic.Arrival.POISSON);
        double rate = f.number("rate", 0, 10_000_000, null);
        List<RateChange> changes = f.objects("changes", false, c -> new RateChange(
                at(c, startClock), c.number("rate", 0, 10_000_000, null), c.duration("over", 0, 0L, -1)));
        UserRetry userRetry = null;
        Fields u = f.object("user_retry", false);
        if (u != null) {
            userRetry = new UserRetry(u.fraction("probability", null), u.duration("delay", 0, null, -1),
                    u.integer("max", 1, 100, 1));
            u.end();
        }
        return new Traffic(entry, arrival, rate, changes, userRetry);
    }

    private static Fault fault(Fields f, int startClock) {
        String target = f.id("target");
        Fault.Kind kind = f.choice("kind", Fault.Kind.class, null);
        long at = at(f, startClock);
        long over = kind == Fault.Kind.RAMP || kind == Fault.Kind.RECOVERY ? f.duration("over", 1, null, -1) : 0;
        Fault.Shape shape = kind == Fault.Kind.RAMP
                ? f.choice("shape", Fault.Shape.class, Fault.Shape.LINEAR) : Fault.Shape.LINEAR;
        Dist latency = null;
        double fraction = 0;
        int threads = 0;
        int pod = -1;
        Scenario.HotKey hotKey = null;
        switch (kind) {
            case STEP, RAMP -> {
                latency = dist(f, "latency", null);
                fraction = f.fraction("fraction", 1.0);
                pod = f.integer("pod", 0, 9_999, -1);
            }
            case OUTAGE -> {
                latency = dist(f, "latency", Dist.fixed(5));
                fraction = f.fraction("fraction", 1.0);
                pod = f.integer("pod", 0, 9_999, -1);
            }
            case RECOVERY -> { }
            case CAPACITY -> threads = f.integer("threads", 0, 1_000_000, null);
            case FLUSH -> { }
            case CONNECTION_RESET -> { }
            case HOT_KEY -> {
                over = f.duration("over", 1, 0L, -1);
                hotKey = new Scenario.HotKey(f.integer("key", 0, 999_999, null), f.fraction("share", null));
                fraction = hotKey.share();
            }
        }
        return new Fault(target, kind, at, over, shape, latency, fraction, threads, pod, hotKey);
    }

    /** A clock field {@code at} as simulated ms. */
    private static long at(Fields f, int startClock) {
        int c = f.clock("at", true);
        return c < 0 ? 0 : (c - startClock) * 1000L;
    }

    /** A distribution: a plain duration (fixed) or {dist, mean | median + p99}. */
    static Dist dist(Fields f, String key, Dist fallback) {
        Node v = f.value(key);
        if (v == null || Fields.isNone(v)) {
            if (fallback == null) {
                f.ctx.error(f.node, f.join(key), "missing required field '" + key + "' (a duration or a distribution)");
                return Dist.fixed(1);
            }
            return fallback;
        }
        if (v instanceof ScalarNode) {
            return Dist.fixed(f.duration(key, 0, null, -1));
        }
        Fields d = new Fields(f.ctx, f.join(key), v);
        Dist.Kind kind = d.choice("dist", Dist.Kind.class, null);
        Dist out = switch (kind) {
            case FIXED -> Dist.fixed(d.duration("value", 0, null, -1));
            case EXPONENTIAL -> {
                double mean = d.durationParameter("mean", 0);
                yield new Dist(kind, mean, mean * Math.log(2), mean * Math.log(100));
            }
            case LOGNORMAL -> {
                int before = d.ctx.errorCount();
                double median = d.durationParameter("median", 1);
                double p99 = d.durationParameter("p99", 1);
                if (p99 <= median) {
                    if (d.ctx.errorCount() == before) { // else a default stands for one of them
                        d.ctx.errorAt(d.join("p99"), "must be greater than median ("
                                + Units.formatDuration((long) median) + "), got " + Units.formatDuration((long) p99));
                    }
                    p99 = median * 2;
                }
                Dist partial = new Dist(kind, 0, median, p99);
                yield new Dist(kind, partial.mean(), median, p99);
            }
        };
        d.end();
        return out;
    }

    private static Detections detections(Fields d) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Fields t = d.object("thresholds", false);
        if (t != null) {
            for (String name : Detections.DEFAULTS.keySet()) {
                if (t.has(name)) {
                    thresholds.put(name, name.equals("sustain")
                            ? (double) t.duration(name, 0, null, -1)
                            : t.number(name, 0, name.equals("latency_spike_factor") ? 1_000 : 1, null));
                } else {
                    t.value(name);
                }
            }
            t.end();
        }
        List<Caption> captions = d.objects("captions", false, c -> new Caption(c.id("service"),
                c.string("kind"), c.string("text")));
        return new Detections(thresholds, captions);
    }
}
