package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration field of the format at its extremes (issue 19.1): beyond 24 h, or beyond a
 * long, a located error naming the largest value; at 24 h the problem loads and simulates
 * without the time arithmetic overflowing (requests before the fault still succeed).
 */
class DurationExtremesTest {
    /** Each duration field with an ordinary value; the kitchen sink below uses them all. */
    static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("clock.duration", "5m");
        FIELDS.put("expect.within", "1m");
        FIELDS.put("queue.timeout", "1s");
        FIELDS.put("processing", "5ms");
        FIELDS.put("shed.max_queue_wait", "1s");
        FIELDS.put("call.timeout", "500ms");
        FIELDS.put("call.deadline", "2s");
        FIELDS.put("retry.base", "10ms");
        FIELDS.put("retry.cap", "100ms");
        FIELDS.put("breaker.reset_timeout", "5s");
        FIELDS.put("bulkhead.max_wait", "100ms");
        FIELDS.put("fallback.latency", "1ms");
        FIELDS.put("breaker.slow_call_duration", "500ms");
        FIELDS.put("breaker.wait_open", "5s");
        FIELDS.put("exponential.mean", "5ms");
        FIELDS.put("lognormal.median", "40ms");
        FIELDS.put("lognormal.p99", "120ms");
        FIELDS.put("change.over", "10s");
        FIELDS.put("user_retry.delay", "1s");
        FIELDS.put("ramp.over", "30s");
        FIELDS.put("step.latency", "2s");
        FIELDS.put("recovery.over", "30s");
        FIELDS.put("detections.sustain", "5s");
    }

    /** What must change with a field at 24 h for the problem to stay valid (a deadline is no shorter than a timeout, ...). */
    static final Map<String, Map<String, String>> COMPANIONS = Map.of(
            "call.timeout", Map.of("call.deadline", "24h"),
            "retry.base", Map.of("retry.cap", "24h"),
            "lognormal.median", Map.of("lognormal.p99", "24h", "lognormal.median", "12h"));

    /** Fields at 24 h (or 12 h) under which nothing before the fault can succeed: a service takes that long to answer. */
    static final Set<String> SLOW_BY_DESIGN = Set.of("processing", "exponential.mean", "lognormal.median");

    static final String SCENARIO = """
            services:
              api:
                name: API
                threads: 50
                queue: {capacity: 100, order: fifo, timeout: ${queue.timeout}}
                processing: ${processing}
                shed: {max_queue: 50, max_queue_wait: ${shed.max_queue_wait}}
                calls:
                  dependency:
                    timeout: ${call.timeout}
                    deadline: ${call.deadline}
                    retry: {attempts: 3, backoff: exponential, base: ${retry.base}, cap: ${retry.cap}, jitter: full}
                    breaker: {style: consecutive, fail_max: 5, reset_timeout: ${breaker.reset_timeout}}
                    bulkhead: {max_concurrent: 20, max_wait: ${bulkhead.max_wait}}
                    fallback: {latency: ${fallback.latency}}
                  backend:
                    timeout: 1s
                    breaker: {style: rate, window: 10, window_type: time, minimum_calls: 5,
                              slow_call_duration: ${breaker.slow_call_duration}, wait_open: ${breaker.wait_open}}
              backend:
                name: Backend
                threads: 20
                processing: {dist: exponential, mean: ${exponential.mean}}

            externals:
              dependency:
                name: External Dependency
                latency: {dist: lognormal, median: ${lognormal.median}, p99: ${lognormal.p99}}

            traffic:
              - entry: api
                rate: 5
                changes: [{at: "09:59", rate: 6, over: ${change.over}}]
                user_retry: {probability: 0.5, delay: ${user_retry.delay}, max: 1}

            faults:
              - {target: dependency, kind: ramp, at: "10:00", over: ${ramp.over}, latency: ${step.latency}, fraction: 1.0}
              - {target: dependency, kind: recovery, at: "10:02", over: ${recovery.over}}

            detections:
              thresholds: {sustain: ${detections.sustain}}

            variants:""";

    @TempDir
    Path bank;

    static Stream<String> fields() {
        return FIELDS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void beyondTheLimitIsALocatedErrorNamingIt(String field) throws Exception {
        for (String value : new String[] {"86400001ms", "24.5h", "9223372036854775807ms", "99999999999999999999h"}) {
            int line = write(Map.of(field, value), field);
            BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
            assertThat(e).as("%s: %s must be refused", field, value).isNotNull();
            assertThat(e.errors()).as("%s: %s", field, value).singleElement().satisfies(err -> {
                assertThat(err.line()).isEqualTo(line);
                assertThat(err.message()).isEqualTo("must be at most 24h (the longest duration allowed), got " + value);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void atTheLimitItLoadsAndSimulatesWithoutOverflow(String field) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(Map.of(field, "24h"));
        values.putAll(COMPANIONS.getOrDefault(field, Map.of()));
        write(values, field);

        Problem p = Bank.load(bank).problems().get(0);
        Trace t = Simulation.run(p, Problem.BASELINE);

        // the fault starts two minutes in: before it, with no overflow, requests succeed
        int ok = t.service("api").series().stream().limit(110).mapToInt(Trace.Bucket::ok).sum();
        int timedOut = t.service("api").series().stream().limit(110).mapToInt(Trace.Bucket::timedOut).sum();
        if (SLOW_BY_DESIGN.contains(field)) {
            assertThat(ok).as("%s at 24h: nothing completes in the first minutes", field).isZero();
        } else {
            assertThat(ok).as("%s at 24h: requests before the fault succeed", field).isGreaterThan(400);
            assertThat(timedOut).as("%s at 24h: no request times out before the fault", field).isZero();
        }
    }

    /** Writes the scaffold with the kitchen-sink scenario; returns the line of {@code field}'s value. */
    private int write(Map<String, String> values, String field) throws Exception {
        try (Stream<Path> old = Files.list(bank)) {
            for (Path p : old.toList()) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        Path yaml = Scaffold.create(bank, "demo").resolve("problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        text = text.substring(0, text.indexOf("services:")) + SCENARIO + text.substring(text.indexOf("variants:") + 9);
        text = text.replace("duration: 10m", "duration: ${clock.duration}")
                .replace("    text: \"Dependency latency: 50ms -> 10,000ms\"\n",
                        "    text: \"Dependency latency: 50ms -> 10,000ms\"\n"
                                + "    expect: {service: dependency, kind: latency_spike, within: ${expect.within}}\n");
        int line = 0;
        Matcher m = Pattern.compile("\\$\\{([a-z0-9_.]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            assertThat(FIELDS).containsKey(name);
            if (name.equals(field)) {
                line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            }
            m.appendReplacement(out, values.getOrDefault(name, FIELDS.get(name)));
        }
        m.appendTail(out);
        Files.writeString(yaml, out.toString(), StandardCharsets.UTF_8);
        return line;
    }
}
