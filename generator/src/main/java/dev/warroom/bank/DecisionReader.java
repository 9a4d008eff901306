package dev.warroom.bank;

import dev.warroom.bank.Problem.Branch;
import dev.warroom.bank.Problem.Decision;
import dev.warroom.bank.Problem.Option;
import dev.warroom.bank.Problem.Rating;
import dev.warroom.bank.Problem.Variant;
import dev.warroom.bank.Scenario.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code decisions:}: each option becomes a branch, its parent's scenario with the
 * option's actions from the decision's clock. Policy-like actions (set, scale, admit,
 * fail-over) are overrides of the parent's YAML tree, read by the same scenario reader as a
 * variant, then turned into a {@link Scenario.Change} of the records they alter; so a
 * branch's errors point at the option's own lines, and a second decision sees the first
 * option's settings.
 */
final class DecisionReader {
    /** What a decision and its branches read to. */
    record Result(List<Decision> decisions, Map<String, Variant> branches) {
    }

    static final List<String> ACTIONS = List.of("set", "scale", "admit", "failover", "restart", "disable", "rollback");
    private static final long DEFAULT_SPAN_MS = 15 * 60_000L;

    /**
     * A parent a decision can branch from: its override tree, its scenario (as it starts, with
     * its actions), its settings as they run once every action is taken, and when the last lands.
     */
    private record Parent(MappingNode tree, Scenario scenario, Scenario running, long lastActionMs) {
    }

    private final Fields top;
    private final Ctx ctx;
    private final Map<String, Parent> parents = new LinkedHashMap<>();
    private final Set<String> taken;

    private DecisionReader(Fields top, Node root, Scenario baseline, Set<String> taken) {
        this.top = top;
        this.ctx = top.ctx;
        this.taken = taken;
        parents.put(Problem.BASELINE, new Parent((MappingNode) Overrides.copy(root), baseline, baseline, -1));
    }

    /**
     * @param taken ids already used (baseline, variants): an option may not reuse one
     * @param clean whether the baseline read without errors (else branches are not built)
     */
    static Result read(Fields top, Node root, Scenario baseline, Set<String> taken, boolean clean) {
        return new DecisionReader(top, root, baseline, taken).read(clean);
    }

    private Result read(boolean clean) {
        List<Decision> decisions = new ArrayList<>();
        Map<String, Variant> branches = new LinkedHashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        top.objects("decisions", false, d -> {
            String id = d.id("id");
            if (!id.isEmpty() && !ids.add(id)) {
                ctx.errorAt(d.join("id"), "another decision is already called '" + id + "'");
            }
            int clock = d.clock("at", true);
            String from = d.string("from", Problem.BASELINE);
            String prompt = d.string("prompt");
            int until = d.clock("until", false);
            Parent parent = parents.get(from);
            if (parent == null) {
                ctx.errorAt(d.join("from"), "a decision continues 'baseline' or an option of an earlier decision; got '"
                        + from + "'" + Suggest.didYouMean(from, parents.keySet()) + "; known: "
                        + String.join(", ", parents.keySet()));
            }
            Scenario base = parent == null ? null : parent.scenario();
            long atMs = base == null || clock < 0 ? 0 : base.timeOf(clock);
            long endMs = base == null ? 0 : until < 0 ? atMs + DEFAULT_SPAN_MS : base.timeOf(until);
            if (base != null && clock >= 0) {
                checkMoment(d, base, parent, atMs, endMs, until >= 0);
            }
            List<Option> options = d.objects("options", true, o -> option(o, id, from, parent, atMs, endMs,
                    clean && parent != null && base != null, branches));
            if (options.size() < 2) {
                ctx.error(d.node, d.join("options"), "a decision offers at least two options, got " + options.size());
            }
            Decision decision = new Decision(id, Math.max(0, clock), atMs, from, prompt, options);
            decisions.add(decision);
            return decision;
        });
        return new Result(decisions, branches);
    }

    private void checkMoment(Fields d, Scenario base, Parent parent, long atMs, long endMs, boolean untilGiven) {
        if (atMs <= 0 || atMs >= base.durationMs()) {
            ctx.errorAt(d.join("at"), "must fall within the run it continues (" + base.clockAt(0).substring(0, 5)
                    + " to " + base.clockAt(base.durationMs()).substring(0, 5) + ")");
        } else if (atMs % 1000 != 0) {
            ctx.errorAt(d.join("at"), "must be a whole second");
        } else if (atMs <= parent.lastActionMs()) {
            ctx.errorAt(d.join("at"), "must come after the last action of the option it continues ("
                    + base.clockAt(parent.lastActionMs()) + ")");
        }
        if (endMs <= atMs) {
            ctx.errorAt(d.join(untilGiven ? "until" : "at"), "the branch must end after the decision");
        } else if (endMs - atMs > 4 * 3_600_000L) {
            ctx.errorAt(d.join("until"), "a branch runs at most 4h after its decision");
        }
    }

    private Option option(Fields o, String decision, String from, Parent parent, long atMs, long endMs, boolean build,
                          Map<String, Variant> branches) {
        String id = o.id("id");
        if (!id.isEmpty() && (taken.contains(id) || branches.containsKey(id))) {
            ctx.errorAt(o.join("id"), "'" + id + "' is already the id of a variant or another option");
        }
        String label = o.string("label");
        Rating rating = o.choice("rating", Rating.class, null);
        String why = o.string("why");
        String unless = o.string("unless", null);
        int errors = ctx.errorCount();
        MappingNode tree = build ? (MappingNode) Overrides.copy(parent.tree()) : null;
        Scenario current = build ? parent.running() : null;
        List<Action> actions = new ArrayList<>();
        List<String> acts = new ArrayList<>();
        record Item(Fields fields, long after) {
        }
        List<Item> items = new ArrayList<>(o.list("act", true, (n, p) -> {
            Fields a = new Fields(ctx, p, n);
            return new Item(a, a.duration("after", 0, 0L, -1));
        }));
        if (items.isEmpty()) {
            ctx.error(o.node, o.join("act"), "an option does at least one thing");
        }
        // in the order they take effect, so that each change builds on the ones before it
        items.sort(Comparator.comparingLong(Item::after));
        for (Item item : items) {
            Fields a = item.fields();
            long at = atMs + item.after();
            String kind = kind(a);
            if (kind != null) {
                acts.add(describe(a, kind));
                if (at >= endMs && build) {
                    ctx.errorAt(a.join("after"), "takes effect after the branch ends");
                }
                if (build) {
                    Scenario next = apply(a, kind, tree, current, at, actions);
                    current = next != null ? next : current;
                } else {
                    a.known(a.keys().toArray(new String[0]));
                }
            }
            a.end();
        }
        Option option = new Option(id, label, rating, why, unless, acts);
        if (build && ctx.errorCount() == errors && !id.isEmpty()) {
            Scenario branch = parent.scenario().branch(endMs, actions);
            workload(o, current, endMs);
            long last = actions.stream().mapToLong(Action::atMs).max().orElse(atMs);
            parents.put(id, new Parent(tree, branch, current, last));
            branches.put(id, new Variant(id, label, Variant.Kind.ACTION, why, from, branch,
                    new Branch(decision, from, atMs, rating)));
        }
        return option;
    }

    /**
     * What validates must also run: the branch's settings as they end up, over the whole
     * branch (a fork continues its parent, so this errs high, as the scenario check does).
     */
    private void workload(Fields o, Scenario running, long endMs) {
        Scenario whole = running.branch(endMs, List.of());
        Workload.Estimate e = Workload.estimate(whole);
        if (e != null && e.events() > Workload.MAX_EVENTS) {
            ctx.errorAt(o.join("id"), String.format(java.util.Locale.ROOT,
                    "this branch would process about %s events (to %s, through the call graph with every retry);"
                            + " the limit is %s: end it sooner with 'until', or lower the rate",
                    Workload.sci(e.events()), whole.clockAt(endMs).substring(0, 5), Workload.sci(Workload.MAX_EVENTS)));
        }
    }

    /** The one action key of an act item. */
    private String kind(Fields a) {
        List<String> found = ACTIONS.stream().filter(a.keys()::contains).toList();
        if (found.size() != 1) {
            ctx.error(a.node, a.path, found.isEmpty()
                    ? "an act item is one of: " + String.join(", ", ACTIONS) + (a.keys().isEmpty() ? ""
                    : "; got " + String.join(", ", a.keys()) + Suggest.didYouMean(a.keys().iterator().next(), ACTIONS))
                    : "an act item does one thing; got " + String.join(" and ", found) + " (make them two items)");
            a.known(a.keys().toArray(new String[0]));
            return null;
        }
        return found.get(0);
    }

    /** Applies one action; returns the scenario as it now runs when the action changed settings. */
    private Scenario apply(Fields a, String kind, MappingNode tree, Scenario current, long at, List<Action> out) {
        switch (kind) {
            case "set" -> {
                Fields set = a.object("set", true);
                if (set == null) {
                    return null;
                }
                if (set.keys().isEmpty()) {
                    ctx.error(set.node, set.path, "set at least one field");
                }
                for (String path : set.keys()) {
                    if (!path.startsWith("services.") && !path.startsWith("externals.")) {
                        ctx.error(set.keyNode(path), set.join(path), "an action changes services.* or externals.*"
                                + " (to end a fault early, use rollback)");
                        continue;
                    }
                    override(tree, path, set.value(path), set.keyNode(path), set.join(path));
                }
            }
            case "scale" -> {
                String svc = target(a, "scale", current.services().keySet());
                Node threads = a.value("threads");
                if (threads == null) {
                    ctx.error(a.node, a.join("threads"), "missing required field 'threads' (the pool size after scaling)");
                } else if (svc != null) {
                    override(tree, "services." + svc + ".threads", threads, threads, a.join("threads"));
                }
            }
            case "admit" -> {
                String svc = target(a, "admit", current.services().keySet());
                Node rps = a.value("rps");
                Node burst = a.value("burst");
                if (rps == null) {
                    ctx.error(a.node, a.join("rps"), "missing required field 'rps' (requests admitted per second)");
                } else if (svc != null) {
                    String b = burst instanceof ScalarNode s ? s.getValue()
                            : rps instanceof ScalarNode s ? wholeOrOne(s.getValue()) : "1";
                    override(tree, "services." + svc + ".rate_limit", mapping(rps, "rps", rps, "burst",
                            burst != null ? burst : scalar(b, rps)), rps, a.join("rps"));
                }
            }
            case "failover" -> {
                String ext = target(a, "failover", current.externals().keySet());
                if (ext != null) {
                    boolean any = false;
                    for (String k : List.of("latency", "error_rate", "concurrency")) {
                        Node v = a.value(k);
                        if (v != null) {
                            any = true;
                            override(tree, "externals." + ext + "." + k, v, v, a.join(k));
                        }
                    }
                    if (!any) {
                        ctx.error(a.node, a.path, "say how the secondary behaves: latency, error_rate or concurrency");
                    }
                    out.add(new Scenario.EndFaults(at, ext, 0));
                }
            }
            case "restart" -> {
                String svc = target(a, "restart", current.services().keySet());
                long down = a.duration("down", 1, 20_000L, -1);
                int instances = a.integer("instances", 1, 1000, 1);
                long warmup = a.duration("warmup", 0, 0L, 0);
                double slowdown = a.number("slowdown", 1, 100, warmup > 0 ? 2.0 : 1.0);
                int pod = a.integer("pod", 0, 9_999, -1);
                if (svc != null && pod >= 0 && (current.services().get(svc).health() == null
                        || pod >= current.services().get(svc).health().pods())) {
                    ctx.error(a.node, a.path, "pod " + pod + " of '" + svc + "': the service runs no such pod (health.pods)");
                }
                if (svc != null) {
                    out.add(new Scenario.Restart(at, svc, down, instances, warmup, slowdown, pod));
                }
                return null;
            }
            case "disable" -> {
                String call = a.string("disable");
                String answer = a.string("answer", "skip");
                String[] ends = call.split("->", -1);
                Scenario.Service from = ends.length == 2 ? current.services().get(ends[0].trim()) : null;
                if (from == null || !from.calls().containsKey(ends[1].trim())) {
                    ctx.errorAt(a.join("disable"), "expected a call 'caller->callee' of the topology, got '" + call + "'");
                } else if (!answer.equals("skip") && !answer.equals("fallback")) {
                    ctx.errorAt(a.join("answer"), "expected skip or fallback, got '" + answer + "'");
                } else {
                    out.add(new Scenario.Disable(at, ends[0].trim(), ends[1].trim(), answer.equals("fallback")));
                }
                return null;
            }
            default -> { // rollback
                Set<String> targets = new java.util.LinkedHashSet<>(current.services().keySet());
                targets.addAll(current.externals().keySet());
                String target = target(a, "rollback", targets);
                long over = a.duration("over", 0, 0L, 0);
                if (target != null) {
                    if (current.faults().stream().noneMatch(f -> f.target().equals(target) && f.atMs() < at)) {
                        ctx.errorAt(a.join("rollback"), "no fault on '" + target + "' has started by then: nothing to roll back");
                    }
                    out.add(new Scenario.EndFaults(at, target, over));
                }
                return null;
            }
        }
        return change(a, tree, current, at, out);
    }

    /** Reads the overridden tree and records what it changed as one {@link Scenario.Change}. */
    private Scenario change(Fields a, MappingNode tree, Scenario current, long at, List<Action> out) {
        Scenario next = ProblemReader.readOverridden(tree, ctx, a.path + ": ");
        if (next == null) {
            return null;
        }
        Map<String, Scenario.Service> services = new LinkedHashMap<>();
        for (var e : next.services().entrySet()) {
            Scenario.Service was = current.services().get(e.getKey());
            if (was == null || !was.calls().keySet().equals(e.getValue().calls().keySet())) {
                ctx.error(a.node, a.path, "an action cannot add services or calls (" + e.getKey()
                        + "); to turn a call off, use disable");
                return null;
            }
            if (!was.equals(e.getValue())) {
                services.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Scenario.External> externals = new LinkedHashMap<>();
        for (var e : next.externals().entrySet()) {
            Scenario.External was = current.externals().get(e.getKey());
            if (was == null) {
                ctx.error(a.node, a.path, "an action cannot add externals (" + e.getKey() + ")");
                return null;
            }
            if (!was.equals(e.getValue())) {
                externals.put(e.getKey(), e.getValue());
            }
        }
        if (services.isEmpty() && externals.isEmpty()) {
            ctx.error(a.node, a.path, "changes nothing: every value it sets is already so");
            return null;
        }
        out.add(new Scenario.Change(at, services, externals));
        return next;
    }

    private void override(MappingNode tree, String path, Node value, Node at, String where) {
        String problem = Overrides.set(tree, path, value);
        if (problem != null) {
            ctx.error(at, where, problem);
        }
    }

    /** The id an action names, checked against what exists. */
    private String target(Fields a, String key, Set<String> known) {
        String id = a.string(key);
        if (id.isEmpty()) {
            return null;
        }
        if (!known.contains(id)) {
            ctx.errorAt(a.join(key), "no '" + id + "' here" + Suggest.didYouMean(id, known) + "; known: "
                    + String.join(", ", known));
            return null;
        }
        return id;
    }

    /** Words for an action, for listings: {@code restart payment (down 20s)}. */
    private static String describe(Fields a, String kind) {
        StringBuilder s = new StringBuilder(kind);
        for (String k : a.keys()) {
            Node v = a.peek(k);
            String text = v instanceof ScalarNode sc ? sc.getValue() : flat(v);
            s.append(k.equals(kind) ? " " : ", " + k.replace('_', ' ') + " ").append(text);
        }
        return s.toString();
    }

    private static String flat(Node v) {
        if (v instanceof MappingNode m) {
            List<String> parts = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                parts.add(((ScalarNode) t.getKeyNode()).getValue() + ": " + flat(t.getValueNode()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        return "[...]";
    }

    private static String wholeOrOne(String rps) {
        try {
            return Long.toString(Math.max(1, Math.round(Double.parseDouble(rps))));
        } catch (NumberFormatException e) {
            return "1";
        }
    }

    private static ScalarNode scalar(String text, Node at) {
        return new ScalarNode(Tag.STR, text, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }

    private static MappingNode mapping(Node at, String k1, Node v1, String k2, Node v2) {
        List<NodeTuple> tuples = new ArrayList<>();
        tuples.add(new NodeTuple(scalar(k1, at), v1));
        tuples.add(new NodeTuple(scalar(k2, at), v2));
        return new MappingNode(Tag.MAP, true, tuples, at.getStartMark(), at.getEndMark(), DumperOptions.FlowStyle.FLOW);
    }
}
