package dev.warroom.bank;

import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Fault;
import dev.warroom.bank.Scenario.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cross-checks that need the whole problem: references between parts, cycles, duplicates. */
final class Validator {
    /** The detection kinds the simulation emits. */
    static final List<String> DETECTION_KINDS = List.of("latency_spike", "pool_exhausted", "rejecting",
            "timing_out", "failing", "breaker_opened", "breaker_half_open", "breaker_closed", "retry_storm",
            "recovered");

    private Validator() {
    }

    /** Topology checks, for the baseline and each variant's scenario. */
    static void checkTopology(Scenario s, Ctx ctx) {
        Set<String> nodes = new LinkedHashSet<>(s.services().keySet());
        for (String e : s.externals().keySet()) {
            if (!nodes.add(e)) {
                ctx.errorAt("externals." + e, "id '" + e + "' is already a service; ids must be unique");
            }
        }
        for (Service svc : s.services().values()) {
            for (Call c : svc.calls().values()) {
                String where = "services." + svc.id() + ".calls." + c.to();
                if (!nodes.contains(c.to())) {
                    ctx.errorAt(where, "calls unknown service '" + c.to() + "'" + Suggest.didYouMean(c.to(), nodes));
                } else if (c.to().equals(svc.id())) {
                    ctx.errorAt(where, "a service cannot call itself");
                } else if (c.outlier() != null && (s.services().get(c.to()) == null
                        || s.services().get(c.to()).health() == null)) {
                    ctx.errorAt(where + ".outlier_detection", "outlier detection ejects pods: '" + c.to()
                            + "' needs health.pods");
                }
                if (c.dns() != null) {
                    for (int k = 0; k < c.dns().nameservers().size(); k++) {
                        String ns = c.dns().nameservers().get(k);
                        if (!s.externals().containsKey(ns)) {
                            ctx.errorAt(where + ".dns.nameservers[" + k + "]", "a nameserver must be an external, got '"
                                    + ns + "'" + Suggest.didYouMean(ns, s.externals().keySet()));
                        }
                    }
                }
                if (c.connections() != null && (s.services().get(c.to()) == null
                        || s.services().get(c.to()).health() != null)) {
                    ctx.errorAt(where + ".connections", "connections are handshaken by a service's workers: '"
                            + c.to() + "' must be a service without health (pods are not modelled here)");
                }
                if (c.deadlineMs() != Scenario.NO_TIMEOUT && c.timeoutMs() != Scenario.NO_TIMEOUT
                        && c.deadlineMs() < c.timeoutMs()) {
                    ctx.errorAt(where + ".deadline", "is shorter than the per-attempt timeout ("
                            + Units.formatDuration(c.timeoutMs()) + "): the timeout would never fire");
                }
            }
        }
        List<String> cycle = findCycle(s);
        if (!cycle.isEmpty()) {
            String from = cycle.get(cycle.size() - 2);
            ctx.errorAt("services." + from + ".calls." + cycle.get(cycle.size() - 1),
                    "call cycle: " + String.join(" -> ", cycle) + " (calls must form a DAG)");
        }
        for (int i = 0; i < s.traffic().size(); i++) {
            String entry = s.traffic().get(i).entry();
            if (!s.services().containsKey(entry)) {
                ctx.errorAt("traffic[" + i + "].entry", "unknown service '" + entry + "'"
                        + Suggest.didYouMean(entry, s.services().keySet()));
            }
        }
        for (int i = 0; i < s.faults().size(); i++) {
            Fault f = s.faults().get(i);
            boolean isService = s.services().containsKey(f.target());
            if (!nodes.contains(f.target())) {
                ctx.errorAt("faults[" + i + "].target", "unknown service or external '" + f.target() + "'"
                        + Suggest.didYouMean(f.target(), nodes));
            } else if (f.kind() == Fault.Kind.CAPACITY && !isService) {
                ctx.errorAt("faults[" + i + "].target", "a capacity fault needs a service, '" + f.target() + "' is external");
            } else if (f.kind() == Fault.Kind.FLUSH && (!isService || s.services().get(f.target()).calls().values()
                    .stream().allMatch(c -> c.cache() == null))) {
                ctx.errorAt("faults[" + i + "].target", "a flush empties the caches on a service's calls: '"
                        + f.target() + "' has no call with a cache");
            } else if (f.kind() == Fault.Kind.CONNECTION_RESET && s.services().values().stream()
                    .noneMatch(v -> v.calls().containsKey(f.target()) && v.calls().get(f.target()).connections() != null)) {
                ctx.errorAt("faults[" + i + "].target", "a connection_reset drops the connections into '" + f.target()
                        + "', but no call into it has connections");
            } else if (f.pod() >= 0 && (!isService || s.services().get(f.target()).health() == null
                    || f.pod() >= s.services().get(f.target()).health().pods())) {
                ctx.errorAt("faults[" + i + "].pod", "'" + f.target() + "' runs no pod " + f.pod()
                        + " (a fault on one pod needs a service with health.pods above it)");
            }
            if (f.hotKey() != null && nodes.contains(f.target())) {
                Service t = s.services().get(f.target());
                if (t == null || t.shards() == null) {
                    ctx.errorAt("faults[" + i + "].target", "a hot_key fault needs a service with shards, '"
                            + f.target() + "' has none");
                } else if (f.hotKey().key() >= t.shards().keys()) {
                    ctx.errorAt("faults[" + i + "].key", "'" + f.target() + "' has keys 0 to "
                            + (t.shards().keys() - 1) + ", got " + f.hotKey().key());
                }
            }
            if (f.atMs() < 0 || f.atMs() > s.durationMs()) {
                ctx.errorAt("faults[" + i + "].at", "is outside the scenario (" + s.clockAt(0) + " to "
                        + s.clockAt(s.durationMs()) + ")");
            }
        }
        for (int i = 0; i < s.detections().captions().size(); i++) {
            var c = s.detections().captions().get(i);
            if (!nodes.contains(c.service())) {
                ctx.errorAt("detections.captions[" + i + "].service", "unknown service '" + c.service() + "'"
                        + Suggest.didYouMean(c.service(), nodes));
            }
            if (!DETECTION_KINDS.contains(c.kind())) {
                ctx.errorAt("detections.captions[" + i + "].kind", "unknown detection kind '" + c.kind() + "'"
                        + Suggest.didYouMean(c.kind(), DETECTION_KINDS) + "; kinds: " + String.join(", ", DETECTION_KINDS));
            }
        }
    }

    /**
     * A call cycle as a path that starts and ends at the same service, or an empty list. A
     * depth-first search with its own stack, so a chain of thousands of services cannot
     * overflow the thread's.
     */
    static List<String> findCycle(Scenario s) {
        Map<String, Service> services = s.services();
        Set<String> done = new HashSet<>();
        for (String start : services.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            java.util.ArrayDeque<java.util.Iterator<String>> next = new java.util.ArrayDeque<>();
            path.add(start);
            onPath.add(start);
            next.push(services.get(start).calls().keySet().iterator());
            while (!next.isEmpty()) {
                if (!next.peek().hasNext()) {
                    next.pop();
                    String finished = path.remove(path.size() - 1);
                    onPath.remove(finished);
                    done.add(finished);
                    continue;
                }
                String at = next.peek().next();
                if (onPath.contains(at)) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
                    cycle.add(at);
                    return cycle;
                }
                if (done.contains(at) || !services.containsKey(at)) {
                    continue;
                }
                path.add(at);
                onPath.add(at);
                next.push(services.get(at).calls().keySet().iterator());
            }
        }
        return List.of();
    }

    /** Whole-problem checks on a problem whose parts each read cleanly. */
    static void check(Problem p, Ctx ctx) {
        Scenario s = p.baseline();
        Set<String> nodes = new LinkedHashSet<>(s.services().keySet());
        nodes.addAll(s.externals().keySet());
        Set<String> variants = new LinkedHashSet<>(p.traceIds());
        Study st = p.study();

        for (int i = 0; i < p.timeline().size(); i++) {
            var e = p.timeline().get(i);
            if (e.expect() != null) {
                checkRef(ctx, "timeline[" + i + "].expect.service", e.expect().service(), nodes, "service");
                checkRef(ctx, "timeline[" + i + "].expect.kind", e.expect().kind(), DETECTION_KINDS, "detection kind");
            }
        }
        if (p.timeline().stream().filter(Problem.TimelineEntry::youAreHere).count() > 1) {
            ctx.errorAt("timeline", "only one entry can be you_are_here");
        }
        p.variants().values().forEach(v -> checkRef(ctx, "variants." + v.id() + ".compare_with", v.compareWith(),
                variants, "variant"));

        Set<String> dims = unique(ctx, "rubric", st.rubric().stream().map(Study.Dimension::id).toList());
        Set<String> phases = unique(ctx, "phases", st.phases().stream().map(Study.Phase::id).toList());
        unique(ctx, "probes", st.probes().stream().map(Study.Probe::id).toList());
        unique(ctx, "quiz", st.quiz().stream().map(Question::id).toList());
        for (int i = 0; i < st.phases().size(); i++) {
            checkRef(ctx, "phases[" + i + "].dimension", st.phases().get(i).dimension(), dims, "rubric dimension");
        }
        for (int i = 0; i < st.probes().size(); i++) {
            checkRef(ctx, "probes[" + i + "].phase", st.probes().get(i).phase(), phases, "phase");
        }
        for (int i = 0; i < st.quiz().size(); i++) {
            Question q = st.quiz().get(i);
            String at = "quiz[" + i + "]";
            if (q.phase() != null) {
                checkRef(ctx, at + ".phase", q.phase(), phases, "phase");
            }
            for (String d : q.dimensions().keySet()) {
                checkRef(ctx, at + ".dimensions." + d, d, dims, "rubric dimension");
            }
            if (q instanceof NumericQuestion n && n.answer() != null) {
                checkRef(ctx, at + ".answer.variant", n.answer().variant(), variants, "variant");
                checkMetric(ctx, at + ".answer.metric", n.answer().metric(), nodes, variants);
            }
            if (q instanceof PickQuestion pick && !pick.answer().isEmpty()) {
                checkRef(ctx, at + ".answer", pick.answer(), nodes, "service");
            }
        }
        for (int i = 0; i < st.resources().size(); i++) {
            for (String d : st.resources().get(i).dimensions()) {
                checkRef(ctx, "resources[" + i + "].dimensions", d, dims, "rubric dimension");
            }
        }
        for (int i = 0; i < st.claims().size(); i++) {
            var c = st.claims().get(i);
            checkRef(ctx, "claims[" + i + "].variant", c.variant(), variants, "variant");
            checkMetric(ctx, "claims[" + i + "].check", c.check().left(), nodes, variants);
            checkMetric(ctx, "claims[" + i + "].check", c.check().right(), nodes, variants);
        }
        AnswerByLength.check(p, ctx);
    }

    private static void checkMetric(Ctx ctx, String where, Metric m, Set<String> nodes, Set<String> variants) {
        m.forEachCall(c -> {
            String sig = Metric.FUNCTIONS.get(c.function());
            for (int k = 0; k < sig.length(); k++) {
                String a = c.args().get(k);
                if (sig.charAt(k) == 'S' && !nodes.contains(a)) {
                    ctx.errorAt(where, c.function() + ": unknown service '" + a + "'" + Suggest.didYouMean(a, nodes));
                } else if (sig.charAt(k) == 'K' && !DETECTION_KINDS.contains(a)) {
                    ctx.errorAt(where, c.function() + ": unknown detection kind '" + a + "'"
                            + Suggest.didYouMean(a, DETECTION_KINDS));
                }
            }
            if (c.variant() != null && !variants.contains(c.variant())) {
                ctx.errorAt(where, "unknown variant '@" + c.variant() + "'" + Suggest.didYouMean(c.variant(), variants));
            }
        });
    }

    private static void checkRef(Ctx ctx, String where, String name, java.util.Collection<String> known, String what) {
        if (!known.contains(name)) {
            ctx.errorAt(where, "unknown " + what + " '" + name + "'" + Suggest.didYouMean(name, known)
                    + (known.isEmpty() ? "" : "; known: " + String.join(", ", known)));
        }
    }

    private static Set<String> unique(Ctx ctx, String list, List<String> ids) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                ctx.errorAt(list + "[" + i + "].id", "duplicate id '" + ids.get(i) + "'");
            }
        }
        return seen;
    }
}
