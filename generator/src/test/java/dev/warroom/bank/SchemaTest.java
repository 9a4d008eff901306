package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.warroom.site.Scaffold;
import dev.warroom.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * {@code docs/problem.schema.json}, the JSON Schema editors use to check and complete
 * problem files, agrees with the loader: what the loader accepts the schema accepts, and
 * each broken copy of the scaffold is rejected by both.
 */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA = Golden.root().resolve("docs/problem.schema.json");
    private static final Path SCAFFOLD = Golden.root()
            .resolve("generator/src/main/resources/dev/warroom/site/scaffold/problem.yaml");

    private static JsonNode schemaTree;
    private static JsonSchema schema;

    @TempDir
    Path bank;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaTree = JSON.readTree(SCHEMA.toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree);
    }

    // ---- the schema itself ------------------------------------------------------------

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));
        assertThat(messages(meta.validate(schemaTree))).isEmpty();
        assertThat(schemaTree.path("$schema").asText()).isEqualTo(SchemaId.V202012);
    }

    @Test
    void everyPropertyHasADescriptionForTheEditorTooltip() {
        List<String> missing = new ArrayList<>();
        undescribed(schemaTree, "#", missing);
        assertThat(missing).as("properties without a description").isEmpty();
    }

    private static void undescribed(JsonNode node, String at, List<String> missing) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                undescribed(node.get(i), at + "/" + i, missing);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = at + "/" + e.getKey();
            if (e.getKey().equals("properties") && e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(p -> {
                    // an if/then branch narrows a property already described; it needs no tooltip
                    boolean branch = at.endsWith("/if") || at.endsWith("/then") || at.contains("/contains");
                    if (!branch && !p.getValue().has("description")) {
                        missing.add(where + "/" + p.getKey());
                    }
                });
            }
            if (!e.getKey().equals("examples") && !e.getKey().equals("default")) {
                undescribed(e.getValue(), where, missing);
            }
        }
    }

    // ---- what the loader accepts, the schema accepts ---------------------------------

    @Test
    void theScaffoldMatchesTheSchema() throws IOException {
        String text = scaffold();
        assertThat(text).as("the scaffold points editors at the schema")
                .startsWith("# yaml-language-server: $schema=../../docs/problem.schema.json");
        assertThat(messages(schema.validate(tree(text)))).isEmpty();
    }

    @Test
    void everyProblemInTheRepositoryMatchesTheSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(Golden.root().resolve("problems"))) {
            files = dirs.map(d -> d.resolve(ProblemReader.PROBLEM_FILE)).filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            assertThat(messages(schema.validate(tree(Files.readString(file, StandardCharsets.UTF_8)))))
                    .as("schema errors in %s", Golden.root().relativize(file))
                    .isEmpty();
        }
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // name, text to find in the scaffold, replacement
                Arguments.of("call-resilience", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, probability: 90%, retry: {attempts: 3, backoff: exponential,"
                                + " base: 100ms, cap: 1s, jitter: full, on: [timeout, error]},"
                                + " breaker: {style: consecutive, fail_max: 5, reset_timeout: 30s, success_threshold: 1},"
                                + " bulkhead: {max_concurrent: 20, max_wait: 10ms},"
                                + " retry_budget: {percent: 20, min_concurrency: 3}, deadline: 5s, fallback: {latency: 2ms}}"),
                Arguments.of("side-effect", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, side_effect: charge, idempotency_key: true}"),
                Arguments.of("dns", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, dns: {nameservers: [dependency], ttl: 30s, negative_ttl: 10s,"
                                + " stale_ttl: 1h, stale_timeout: 1800ms, timeout: 5s, attempts: 2, coalesce: true}}"),
                Arguments.of("rate-breaker", "dependency: {timeout: none}",
                        "dependency: {timeout: 1s, breaker: {style: rate, window: 100, window_type: count,"
                                + " minimum_calls: 10, failure_rate: 50, slow_call_rate: 100, slow_call_duration: 2s,"
                                + " wait_open: 30s, half_open_calls: 5}}"),
                Arguments.of("service-settings", "    queue: {capacity: 200, order: fifo}\n",
                        "    queue: {capacity: unbounded, order: lifo, timeout: 2s}\n    shed: {max_queue_wait: 500ms}\n"
                                + "    rate_limit: {rps: 1000, burst: 100}\n    propagate_deadline: yes\n"
                                + "    layout: {layer: 1, order: 0}\n"),
                Arguments.of("health-probes", "    queue: {capacity: 200, order: fifo}\n",
                        "    queue: {capacity: 200, order: fifo}\n    health:\n      pods: 4\n"
                                + "      readiness: {period: 5s, timeout: 1s, failure_threshold: 3, success_threshold: 2,"
                                + " initial_delay: 10s}\n      liveness: {}\n      probe_work: 2ms\n      restart: 20s\n"),
                Arguments.of("external-settings", "    latency: {dist: lognormal, median: 40ms, p99: 120ms}\n",
                        "    latency: 40ms\n    error_rate: 0.1%\n    concurrency: 100\n    layout: {layer: 2, order: 0}\n"),
                Arguments.of("every-fault-kind", "    fraction: 1.0\n", "    fraction: 1.0\n"
                        + "  - {target: dependency, kind: ramp, at: \"10:01\", over: 1m, shape: exponential,"
                        + " latency: {dist: lognormal, median: 1s, p99: 5s}, fraction: 50%}\n"
                        + "  - {target: dependency, kind: outage, at: \"10:02\"}\n"
                        + "  - {target: dependency, kind: recovery, at: \"10:04\", over: 2m}\n"
                        + "  - {target: api, kind: capacity, at: \"10:03:30\", threads: 50}\n"),
                Arguments.of("traffic-changes", "    rate: 500\n", "    rate: 500\n"
                        + "    changes: [{at: \"10:01\", rate: 800, over: 1m}, {at: \"10:03\", rate: 400}]\n"
                        + "    user_retry: {probability: 0.5, delay: 3s, max: 2}\n"),
                // unquoted clocks are texts to the loader and to a YAML 1.2 editor
                Arguments.of("timeline-expect", "  - at: \"10:00\"\n    text: \"Dependency latency: 50ms -> 10,000ms\"\n",
                        "  - at: 10:00\n    text: \"Dependency latency: 50ms -> 10,000ms\"\n"
                                + "    expect: {service: dependency, kind: latency_spike, within: 2m}\n"),
                Arguments.of("detections", "\nphases:\n", "\ndetections:\n"
                        + "  thresholds: {latency_spike_factor: 5, pool_exhausted: 0.9, error_rate: 0.5,"
                        + " timeout_rate: 0.5, retry_ratio: 0.3, sustain: 10s}\n"
                        + "  captions:\n    - {service: api, kind: pool_exhausted, text: \"API: 100/100 threads busy\"}\n"
                        + "\nphases:\n"),
                Arguments.of("variant-settings", "      services.api.calls.dependency.timeout: 500ms\n",
                        "      services.api.calls.dependency.timeout: 500ms\n      traffic.0.rate: 600\n"
                                + "      services.api.queue: {capacity: 50, order: lifo}\n"
                                + "  wrong-one:\n    title: Restart\n    kind: wrong-fix\n    compare_with: with-timeout\n"
                                + "    set: {faults.0.fraction: 0.5}\n"),
                Arguments.of("every-question-type", "\nresources:\n", """
                          - id: capacity
                            type: numeric
                            phase: system-thinking
                            prompt: "How many requests per second does the API complete?"
                            dimensions: {system-thinking: expert}
                            answer: {metric: "throughput(api, 10:01, 10:04)", variant: baseline, tolerance: 10%, unit: req/s, stated: 10}
                          - {id: order-it, type: ordering, prompt: "Order", items: [a, b, c], dimensions: {system-thinking: novice}}
                          - {id: match-it, type: matching, prompt: "Match", pairs: [{left: a, right: b}, {left: c, right: d}],
                             dimensions: {mitigation-speed: expert}}
                          - {id: write-it, type: free_text, prompt: "Write", model_answer: "A timeout policy",
                             checklist: [timeouts], dimensions: {postmortem-quality: expert}}
                          - id: decide
                            type: decision
                            at: "10:05"
                            prompt: "Decide"
                            dimensions: {incident-response: expert}
                            choices: [{text: a, correct: true, level: expert}, {text: b, level: novice, feedback: no}]
                          - id: several
                            type: multiple
                            prompt: "Pick"
                            dimensions: {incident-response: expert}
                            choices: [{text: a, correct: true}, {text: b, correct: yes}, {text: c}]
                          - {id: where, type: pick, on: topology, prompt: "Click where it starts", answer: api,
                             dimensions: {system-thinking: expert}}
                          - {id: which-dashboard, type: pick, on: dashboard, prompt: "Which dashboard?", answer: dependency,
                             dimensions: {system-thinking: intermediate}}

                        resources:
                        """),
                Arguments.of("postmortem-and-claims", "\nresources:\n", """

                        postmortem:
                          summary: "What happened."
                          impact: "Everyone."
                          root_cause: "No timeout."
                          trigger: "The dependency slowed down."
                          went_well: ["Paged at once"]
                          went_wrong: ["No timeout"]
                          action_items:
                            - {action: "Timeout policy", type: prevent, owner: API team, priority: P1}
                            - {action: "Saturation alert", owner: SRE}

                        claims:
                          - text: "The API completes some requests"
                            variant: with-timeout
                            check: "throughput(api, 10:01, 10:04) > 0"

                        resources:
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void whatTheLoaderAcceptsTheSchemaAccepts(String name, String find, String replace) throws Exception {
        String text = edit(find, replace);
        assertThatCode(() -> Bank.load(writeProblem(text))).as("the loader accepts it").doesNotThrowAnyException();
        assertThat(messages(schema.validate(tree(text)))).as("schema errors").isEmpty();
    }

    // ---- what the loader rejects, the schema rejects ---------------------------------

    static Stream<Arguments> rejected() {
        String choices = "    choices:\n"
                + "      - {text: \"Fail fast on the dependency and shed load\", correct: true}\n"
                + "      - {text: \"Page every team lead and wait for their reports\", feedback: \"Mitigate first; reports can wait.\"}\n"
                + "      - {text: \"Restart everything\", feedback: \"Restarts refill the same pools.\"}\n";
        return Stream.of(
                Arguments.of("unknown-key", "    threads: 100\n", "    threads: 100\n    thread_count: 4\n"),
                Arguments.of("negative-threads", "threads: 100", "threads: -5"),
                Arguments.of("key-without-side-effect", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, idempotency_key: true}"),
                Arguments.of("side-effect-not-a-word", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, side_effect: Double Charge}"),
                Arguments.of("dns-without-nameservers", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, dns: {ttl: 30s}}"),
                Arguments.of("dns-no-attempts", "dependency: {timeout: none}",
                        "dependency: {timeout: 2s, dns: {nameservers: [dependency], attempts: 0}}"),
                Arguments.of("bad-duration", "duration: 10m", "duration: ten minutes"),
                Arguments.of("bad-enum", "difficulty: medium", "difficulty: medum"),
                Arguments.of("single-without-choices", choices, ""),
                Arguments.of("single-two-correct", "Restart everything\", feedback",
                        "Restart everything\", correct: true, feedback"),
                Arguments.of("single-with-items", "    type: single\n", "    type: single\n    items: [a, b]\n"),
                Arguments.of("decision-without-clock", "    type: single\n", "    type: decision\n"),
                Arguments.of("missing-field", "    name: API\n", ""),
                Arguments.of("wrong-type", "rate: 500", "rate: lots"),
                Arguments.of("bad-clock", "start: \"09:58:00\"", "start: \"25:00\""),
                Arguments.of("zero-timeout", "dependency: {timeout: none}", "dependency: {timeout: 0s}"),
                Arguments.of("probability-out-of-range", "dependency: {timeout: none}",
                        "dependency: {timeout: none, probability: 1.5}"),
                Arguments.of("percentage-out-of-range", "dependency: {timeout: none}",
                        "dependency: {timeout: none, probability: 150%}"),
                Arguments.of("breaker-keys-of-the-other-style", "dependency: {timeout: none}",
                        "dependency: {timeout: none, breaker: {style: consecutive, window: 10}}"),
                Arguments.of("rate-limit-without-rps", "    threads: 100\n", "    threads: 100\n    rate_limit: {burst: 5}\n"),
                Arguments.of("over-on-a-step-fault", "    fraction: 1.0\n", "    fraction: 1.0\n    over: 1m\n"),
                Arguments.of("lognormal-without-p99", "median: 40ms, p99: 120ms", "median: 40ms"),
                Arguments.of("bad-call-id", "dependency: {timeout: none}", "Dependency: {timeout: none}"),
                Arguments.of("variant-named-baseline", "  with-timeout:\n", "  baseline:\n"),
                Arguments.of("variant-overrides-study", "services.api.calls.dependency.timeout: 500ms",
                        "phases.0.title: Other"),
                Arguments.of("variant-bad-kind", "kind: mitigation", "kind: fix"),
                Arguments.of("no-hints", "    hints:\n      - \"What does a worker do while it waits?\"\n"
                        + "      - \"How long does it wait with no timeout?\"\n"
                        + "      - \"Workers = arrival rate x holding time (Little's law).\"\n", "    hints: []\n"),
                Arguments.of("health-without-pods", "    queue: {capacity: 200, order: fifo}\n",
                        "    queue: {capacity: 200, order: fifo}\n    health: {readiness: {timeout: 2s}}\n"),
                Arguments.of("bad-url", "url: \"https://", "url: \""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void whatTheLoaderRejectsTheSchemaRejects(String name, String find, String replace) throws Exception {
        String text = edit(find, replace);
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(writeProblem(text)));
        assertThat(e).as("the loader rejects it").isNotNull();
        assertThat(messages(schema.validate(tree(text)))).as("schema errors (the loader says: %s)", e.errors())
                .isNotEmpty();
    }

    // ---- helpers ------------------------------------------------------------------

    private static String scaffold() throws IOException {
        return Files.readString(SCAFFOLD, StandardCharsets.UTF_8).replace("__ID__", "demo").replace("__TITLE__", "Demo");
    }

    private static String edit(String find, String replace) throws IOException {
        String text = scaffold();
        assertThat(text).as("the case's anchor text is in the scaffold").contains(find);
        return text.replace(find, replace);
    }

    /** A bank with one problem, demo, whose problem.yaml is {@code text}. */
    private Path writeProblem(String text) throws IOException {
        Path dir = Scaffold.create(bank, "demo");
        Files.writeString(dir.resolve(ProblemReader.PROBLEM_FILE), text, StandardCharsets.UTF_8);
        return bank;
    }

    /**
     * A YAML text as the JSON tree an editor checks. Editors read YAML 1.2, where {@code on},
     * {@code yes} and {@code 14:05} are texts; SnakeYAML's default YAML 1.1 rules would turn
     * them into true, true and 845. So the scalars are resolved by the YAML 1.2 core schema.
     */
    static JsonNode tree(String yaml) {
        LoaderOptions options = new LoaderOptions();
        Object data = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new CoreSchemaResolver()).load(yaml);
        return JSON.valueToTree(data);
    }

    private static List<String> messages(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.toList());
    }

    /** The YAML 1.2 core schema's tags for plain scalars: null, bool, int, float, else str. */
    static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL)$"), "~nN");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }
}
