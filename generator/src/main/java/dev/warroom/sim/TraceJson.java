package dev.warroom.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace as JSON, in the shape of DESIGN §3 (snake_case field names, one object per
 * bucket), plus {@code duration_ms}, each service's {@code name} and {@code kind}, the
 * buckets' {@code fallback} and {@code abandoned}, and the per-edge series under
 * {@code edges}. Writing is streamed and deterministic: fields in a fixed order, no floats.
 */
public final class TraceJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private TraceJson() {
    }

    public static void write(Trace t, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("problem", t.problem());
            g.writeStringField("variant", t.variant());
            g.writeNumberField("seed", t.seed());
            g.writeNumberField("bucket_ms", t.bucketMs());
            g.writeStringField("start_clock", t.startClock());
            g.writeNumberField("duration_ms", t.durationMs());
            g.writeObjectFieldStart("services");
            for (var e : t.services().entrySet()) {
                Trace.ServiceSeries s = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("name", s.name());
                g.writeStringField("kind", s.kind());
                g.writeNumberField("threads", s.threads());
                g.writeArrayFieldStart("series");
                for (Trace.Bucket b : s.series()) {
                    g.writeStartObject();
                    g.writeNumberField("t_ms", b.tMs());
                    g.writeNumberField("arrivals", b.arrivals());
                    g.writeNumberField("ok", b.ok());
                    g.writeNumberField("fallback", b.fallback());
                    g.writeNumberField("rejected", b.rejected());
                    g.writeNumberField("timed_out", b.timedOut());
                    g.writeNumberField("failed", b.failed());
                    g.writeNumberField("fast_failed", b.fastFailed());
                    g.writeNumberField("retries", b.retries());
                    g.writeNumberField("abandoned", b.abandoned());
                    g.writeNumberField("active", b.active());
                    g.writeNumberField("queued", b.queued());
                    g.writeNumberField("p50_ms", b.p50Ms());
                    g.writeNumberField("p99_ms", b.p99Ms());
                    g.writeStringField("breaker", b.breaker());
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (s.ready() != null) {
                    g.writeArrayFieldStart("ready"); // pods in the load balancer at the end of each second
                    for (int k : s.ready()) {
                        g.writeNumber(k);
                    }
                    g.writeEndArray();
                }
                if (s.ejected() != null) {
                    g.writeArrayFieldStart("ejected"); // pods ejected by a caller's outlier detection (the most by one caller) at the end of each second
                    for (int k : s.ejected()) {
                        g.writeNumber(k);
                    }
                    g.writeEndArray();
                }
                if (s.heap() != null) {
                    ints(g, "heap_mb", s.heap().heapMb()); // the fullest running pod's live heap at the end of each second
                    ints(g, "gc_percent", s.heap().gcPercent()); // the share of that pod's time the collector runs
                    ints(g, "oom_kills", s.heap().oomKills()); // pods OOM-killed in each second
                }
                if (s.shards() != null) {
                    g.writeObjectFieldStart("shards"); // at the end of each second: the busiest shard's busy workers, the longest shard queue
                    g.writeArrayFieldStart("busy_max");
                    for (int k : s.shards().busyMax()) {
                        g.writeNumber(k);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("queued_max");
                    for (int k : s.shards().queuedMax()) {
                        g.writeNumber(k);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                if (s.queue() != null) {
                    Trace.QueueSeries q = s.queue(); // the SQS queue this service consumes
                    g.writeObjectFieldStart("queue");
                    ints(g, "published", q.published());
                    ints(g, "deleted", q.deleted());
                    ints(g, "visible", q.visible());
                    ints(g, "in_flight", q.inFlight());
                    ints(g, "oldest_age_s", q.oldestAgeS());
                    ints(g, "dlq", q.dlq());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("edges");
            for (var e : t.edges().entrySet()) {
                Trace.EdgeSeries s = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("from", s.from());
                g.writeStringField("to", s.to());
                g.writeArrayFieldStart("series");
                for (Trace.EdgeBucket b : s.series()) {
                    g.writeStartObject();
                    g.writeNumberField("t_ms", b.tMs());
                    g.writeNumberField("attempts", b.attempts());
                    g.writeNumberField("retries", b.retries());
                    g.writeNumberField("ok", b.ok());
                    g.writeNumberField("failed", b.failed());
                    g.writeNumberField("timed_out", b.timedOut());
                    g.writeNumberField("short_circuited", b.shortCircuited());
                    g.writeNumberField("in_flight", b.inFlight());
                    g.writeStringField("breaker", b.breaker());
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (s.effects() != null) {
                    ints(g, "effects", s.effects());
                    ints(g, "duplicates", s.duplicates());
                }
                if (s.hits() != null) {
                    ints(g, "cache_hits", s.hits());
                    ints(g, "cache_misses", s.misses());
                }
                if (s.dns() != null) {
                    g.writeObjectFieldStart("dns");
                    ints(g, "lookups", s.dns().lookups());
                    ints(g, "failed", s.dns().failed());
                    ints(g, "stale", s.dns().stale());
                    ints(g, "negative", s.dns().negative());
                    g.writeEndObject();
                }
                if (s.connections() != null) {
                    Trace.ConnectionSeries c = s.connections();
                    g.writeObjectFieldStart("connections");
                    ints(g, "handshakes", c.handshakes());
                    ints(g, "wasted", c.wasted());
                    ints(g, "connect_timeouts", c.connectTimeouts());
                    ints(g, "up", c.up());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("events");
            for (Trace.TraceEvent ev : t.events()) {
                g.writeStartObject();
                g.writeNumberField("t_ms", ev.tMs());
                g.writeStringField("clock", ev.clock());
                g.writeStringField("service", ev.service());
                g.writeStringField("kind", ev.kind());
                g.writeStringField("text", ev.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (t.branch() != null) {
                writeBranch(g, t);
            }
            g.writeObjectFieldStart("stats");
            g.writeNumberField("events_processed", t.stats().eventsProcessed());
            g.writeNumberField("wall_ms", t.stats().wallMs());
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Where the branch left its parent, and its outcome measures (fractions to 4 decimals, for determinism). */
    private static void ints(JsonGenerator g, String field, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void writeBranch(JsonGenerator g, Trace t) throws IOException {
        Trace.Branch b = t.branch();
        g.writeObjectFieldStart("branch");
        g.writeStringField("decision", b.decision());
        g.writeStringField("from", b.from());
        g.writeNumberField("at_ms", b.atMs());
        g.writeStringField("entry", b.entry());
        g.writeNumberField("normal_until_ms", b.normalUntilMs());
        g.writeEndObject();
        Outcomes o = Outcomes.of(t);
        double f = Outcomes.DEFAULT_FRACTION;
        int rb = o.recoveredBucket(f);
        g.writeObjectFieldStart("outcome");
        g.writeFieldName("fraction");
        g.writeNumber(fixed(f));
        g.writeFieldName("normal_goodput");
        g.writeNumber(fixed(o.normalLevel()));
        g.writeBooleanField("mitigated", rb >= 0);
        if (rb >= 0) {
            g.writeNumberField("recovered_at_ms", (long) rb * t.bucketMs());
            g.writeNumberField("time_to_mitigate_ms", (long) (o.timeToMitigate(f) * 1000));
        } else {
            g.writeNullField("recovered_at_ms");
            g.writeNullField("time_to_mitigate_ms");
        }
        g.writeBooleanField("still_recovering_at_end", o.stillRecoveringAtEnd(f));
        g.writeNumberField("users_failed", o.usersFailed());
        g.writeFieldName("failed_share");
        g.writeNumber(fixed(o.failedShare()));
        g.writeFieldName("error_minutes");
        g.writeNumber(fixed(o.errorMinutes()));
        Outcomes.Peak peak = Outcomes.peak(t, b.normalUntilMs());
        g.writeObjectFieldStart("peak_load");
        g.writeStringField("service", peak.service());
        g.writeFieldName("multiple");
        g.writeNumber(fixed(peak.multiple()));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String fixed(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    /** The JSON text (UTF-8). */
    public static String toJson(Trace t) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(t, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode k : array) {
            out.add(k.asInt());
        }
        return out;
    }

    /** Reads a trace written by {@link #write}; fields this version does not know are ignored, missing counts are 0. */
    public static Trace read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        Map<String, Trace.ServiceSeries> services = new LinkedHashMap<>();
        var it = root.path("services").fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode s = e.getValue();
            List<Trace.Bucket> series = new ArrayList<>();
            for (JsonNode b : s.path("series")) {
                series.add(new Trace.Bucket(b.path("t_ms").asLong(), b.path("arrivals").asInt(), b.path("ok").asInt(),
                        b.path("fallback").asInt(), b.path("rejected").asInt(), b.path("timed_out").asInt(),
                        b.path("failed").asInt(), b.path("fast_failed").asInt(), b.path("retries").asInt(),
                        b.path("abandoned").asInt(), b.path("active").asInt(), b.path("queued").asInt(),
                        b.path("p50_ms").asLong(), b.path("p99_ms").asLong(), b.path("breaker").asText("none")));
            }
            List<Integer> ready = null;
            if (s.has("ready")) {
                ready = new ArrayList<>();
                for (JsonNode k : s.path("ready")) {
                    ready.add(k.asInt());
                }
            }
            List<Integer> ejected = null;
            if (s.has("ejected")) {
                ejected = new ArrayList<>();
                for (JsonNode k : s.path("ejected")) {
                    ejected.add(k.asInt());
                }
            }
            Trace.HeapSeries heap = s.has("heap_mb")
                    ? new Trace.HeapSeries(ints(s.path("heap_mb")), ints(s.path("gc_percent")), ints(s.path("oom_kills"))) : null;
            Trace.QueueSeries queue = null;
            if (s.has("queue")) {
                JsonNode q = s.path("queue");
                queue = new Trace.QueueSeries(ints(q.path("published")), ints(q.path("deleted")),
                        ints(q.path("visible")), ints(q.path("in_flight")), ints(q.path("oldest_age_s")),
                        ints(q.path("dlq")));
            }
            services.put(e.getKey(), new Trace.ServiceSeries(s.path("name").asText(e.getKey()),
                    s.path("kind").asText("service"), s.path("threads").asInt(), series, ready, ejected, heap,
                    shardSeries(s.path("shards")), queue));
        }
        Map<String, Trace.EdgeSeries> edges = new LinkedHashMap<>();
        var et = root.path("edges").fields();
        while (et.hasNext()) {
            var e = et.next();
            JsonNode s = e.getValue();
            List<Trace.EdgeBucket> series = new ArrayList<>();
            for (JsonNode b : s.path("series")) {
                series.add(new Trace.EdgeBucket(b.path("t_ms").asLong(), b.path("attempts").asInt(),
                        b.path("retries").asInt(), b.path("ok").asInt(), b.path("failed").asInt(),
                        b.path("timed_out").asInt(), b.path("short_circuited").asInt(), b.path("in_flight").asInt(),
                        b.path("breaker").asText("none")));
            }
            List<Integer> effects = null;
            List<Integer> duplicates = null;
            if (s.has("effects")) {
                effects = new ArrayList<>();
                duplicates = new ArrayList<>();
                for (JsonNode v : s.path("effects")) {
                    effects.add(v.asInt());
                }
                for (JsonNode v : s.path("duplicates")) {
                    duplicates.add(v.asInt());
                }
            }
            List<Integer> hits = s.has("cache_hits") ? ints(s.path("cache_hits")) : null;
            List<Integer> misses = s.has("cache_hits") ? ints(s.path("cache_misses")) : null;
            Trace.DnsSeries dns = null;
            if (s.has("dns")) {
                JsonNode d = s.path("dns");
                dns = new Trace.DnsSeries(ints(d.path("lookups")), ints(d.path("failed")),
                        ints(d.path("stale")), ints(d.path("negative")));
            }
            Trace.ConnectionSeries conns = null;
            if (s.has("connections")) {
                JsonNode c = s.path("connections");
                conns = new Trace.ConnectionSeries(ints(c.path("handshakes")), ints(c.path("wasted")),
                        ints(c.path("connect_timeouts")), ints(c.path("up")));
            }
            edges.put(e.getKey(), new Trace.EdgeSeries(s.path("from").asText(), s.path("to").asText(), series,
                    effects, duplicates, hits, misses, dns, conns));
        }
        List<Trace.TraceEvent> events = new ArrayList<>();
        for (JsonNode ev : root.path("events")) {
            events.add(new Trace.TraceEvent(ev.path("t_ms").asLong(), ev.path("clock").asText(),
                    ev.path("service").asText(), ev.path("kind").asText(), ev.path("text").asText()));
        }
        int bucketMs = root.path("bucket_ms").asInt(1000);
        long duration = root.has("duration_ms") ? root.path("duration_ms").asLong()
                : services.values().stream().mapToLong(s -> (long) s.series().size() * bucketMs).max().orElse(0);
        JsonNode stats = root.path("stats");
        JsonNode br = root.path("branch");
        Trace.Branch branch = br.isObject() ? new Trace.Branch(br.path("decision").asText(), br.path("from").asText(),
                br.path("at_ms").asLong(), br.path("entry").asText(), br.path("normal_until_ms").asLong()) : null;
        return new Trace(root.path("problem").asText(), root.path("variant").asText(), root.path("seed").asLong(),
                bucketMs, root.path("start_clock").asText(), duration, services, edges, events,
                new Trace.TraceStats(stats.path("events_processed").asLong(), stats.path("wall_ms").asLong()), branch);
    }

    private static Trace.ShardSeries shardSeries(JsonNode s) {
        if (s.isMissingNode()) {
            return null;
        }
        List<Integer> busy = new ArrayList<>();
        for (JsonNode k : s.path("busy_max")) {
            busy.add(k.asInt());
        }
        List<Integer> queued = new ArrayList<>();
        for (JsonNode k : s.path("queued_max")) {
            queued.add(k.asInt());
        }
        return new Trace.ShardSeries(busy, queued);
    }

}
