package dev.warroom.site;

import dev.warroom.bank.DecisionPick;
import dev.warroom.bank.Problem;
import dev.warroom.bank.SelfRating;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The drill's view of a problem: the learner's present (YOU ARE HERE), what is known by then
 * and what only the debrief may show, the phase each item is played in, and the decisions as
 * items of the quiz contract ({@code decision_pick}, {@code self_rating}) whose keys hold the
 * outcomes, encoded like the quiz key so the page gives nothing away before the pick.
 */
final class Drill {
    private Drill() {
    }

    /** The clock of the learner's present: the YOU ARE HERE line, else the last line of the timeline. */
    static int hereClock(Problem p) {
        for (Problem.TimelineEntry e : p.timeline()) {
            if (e.youAreHere()) {
                return e.clock();
            }
        }
        return p.timeline().isEmpty() ? p.baseline().startClock() : p.timeline().get(p.timeline().size() - 1).clock();
    }

    static String label(int clock) {
        String c = Units.formatClock(clock);
        return c.endsWith(":00") ? c.substring(0, 5) : c;
    }

    /** The walkthrough's sections a learner may read at the start: the situation and the system. */
    static boolean briefing(String heading) {
        String h = heading.strip().toLowerCase(Locale.ROOT);
        return h.equals("the situation") || h.equals("the system");
    }

    /** The walkthrough split at its level-2 headings: [briefing, debrief] Markdown; the title line is dropped. */
    static String[] splitWalkthrough(String md) {
        StringBuilder brief = new StringBuilder();
        StringBuilder debrief = new StringBuilder();
        StringBuilder into = null;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("## ")) {
                into = briefing(line.substring(3)) ? brief : debrief;
            } else if (line.startsWith("# ") && into == null) {
                continue;
            }
            if (into != null) {
                into.append(line).append('\n');
            } else if (!line.startsWith("# ")) {
                brief.append(line).append('\n');
            }
        }
        return new String[] {brief.toString(), debrief.toString()};
    }

    /** The phase decisions are played in: the one rating Mitigation Speed, else the last. */
    static Study.Phase decisionPhase(Study st) {
        return st.phases().stream().filter(ph -> ph.dimension().equals("mitigation-speed")).findFirst()
                .orElse(st.phases().isEmpty() ? null : st.phases().get(st.phases().size() - 1));
    }

    /** The id of the self-rated answer to the room that closes a phase. */
    static String selfId(Study.Phase ph) {
        return "self-" + ph.id();
    }

    static String decisionItemId(Problem.Decision d) {
        return "decision-" + d.id();
    }

    /** A decision for the page and its key: options in a shuffled order, outcome figures and verdicts. */
    record Played(Map<String, Object> form, Map<String, Object> data, Map<String, Object> key) {
    }

    static Played decision(Problem p, Problem.Decision d, Study.Phase phase, DrillOutcomes outcomes, Markdown md) {
        Random rnd = new Random(((long) p.id().hashCode() << 32) ^ d.id().hashCode());
        List<Integer> order = new ArrayList<>(IntStream.range(0, d.options().size()).boxed().toList());
        Collections.shuffle(order, rnd);
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Map<String, Object>> keyed = new ArrayList<>();
        String entry = p.scenario(d.from()).entry();
        String entryName = entry == null ? "the site" : p.scenario(d.from()).services().get(entry).name();
        for (int i = 0; i < order.size(); i++) {
            Problem.Option o = d.options().get(order.get(i));
            shown.add(Map.of("i", i, "html", md.inline(o.label()), "branch", o.id()));
            DrillOutcome out = outcomes.outcome(o.id());
            boolean resolved = out != null ? out.mitigated() : o.rating() == Problem.Rating.EXPERT;
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("branch", o.id());
            k.put("label", o.label());
            k.put("rating", o.rating().name().toLowerCase(Locale.ROOT));
            k.put("resolved", resolved);
            k.put("verdict", verdict(o, out));
            k.put("why", md.inline(o.why()) + (o.unless() == null ? "" : " " + md.inline(o.unless())));
            k.put("acts", o.acts());
            k.put("figures", figures(out, d.clockLabel(), entryName, out == null ? null : serviceName(p, d, out.peakService())));
            k.put("outcome", out == null ? null : outcomeLine(out, entryName));
            k.put("mitigated", out == null ? null : out.mitigated());
            keyed.add(k);
        }
        Map<String, Object> form = new LinkedHashMap<>();
        String id = decisionItemId(d);
        form.put("id", id);
        form.put("decision", d.id());
        form.put("at", d.clockLabel());
        form.put("atSeconds", d.clock());
        form.put("prompt", md.html(d.prompt()));
        form.put("options", shown);
        if (!Problem.BASELINE.equals(d.from())) {
            Problem.Option from = p.decisions().stream().flatMap(x -> x.options().stream())
                    .filter(o -> o.id().equals(d.from())).findFirst().orElse(null);
            form.put("fromNote", from == null ? null : "Whatever you chose before, the room went with “"
                    + from.label() + "”. Now:");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("type", new DecisionPick(id, phase.dimension()).type());
        data.put("phase", phase.id());
        data.put("label", d.clockLabel() + " — " + firstQuestion(d.prompt()));
        data.put("dims", Map.of(phase.dimension(), "expert"));
        data.put("count", shown.size());
        data.put("clock", d.clockLabel());
        data.put("atSeconds", d.clock());
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("explanation", "");
        key.put("options", keyed);
        return new Played(form, data, key);
    }

    /** The self-rated answer to the room that closes a phase; its key is the phase's discussion. */
    static Map<String, Object> selfData(Study.Phase ph) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", selfId(ph));
        d.put("type", new SelfRating(selfId(ph), ph.dimension()).type());
        d.put("phase", ph.id());
        d.put("label", "Your answer to the room in “" + ph.title() + "”");
        d.put("dims", Map.of(ph.dimension(), "expert"));
        d.put("selfAssessed", true);
        return d;
    }

    static Map<String, Object> selfKey(Study.Phase ph, Markdown md) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("explanation", "");
        k.put("model", md.html(ph.discussion()));
        return k;
    }

    private static String verdict(Problem.Option o, DrillOutcome out) {
        if (out == null) {
            return o.rating() == Problem.Rating.EXPERT ? "That is the move the room needed."
                    : "That is not the move the room needed. Pick again.";
        }
        if (!out.mitigated()) {
            return "That did not work: nothing came back. Pick again.";
        }
        return o.rating() == Problem.Rating.EXPERT ? "That works."
                : "It works, but it is not the move an expert makes here.";
    }

    private static String outcomeLine(DrillOutcome o, String entry) {
        if (o.healthyAtDecision()) {
            return entry + " stayed healthy";
        }
        return o.mitigated() ? entry + " back at " + o.recoveredClock() + " (" + duration(o.timeToMitigateMs()) + ")"
                : "not mitigated; " + String.format(Locale.ROOT, "%,d", o.usersFailed()) + " users failed";
    }

    /** The outcome figures, as HTML for the key. */
    static String figures(DrillOutcome o, String at, String entry, String peakName) {
        if (o == null) {
            return "<p class=\"outcome-none\">Not simulated in this build: the figures come from the branch's trace.</p>";
        }
        StringBuilder b = new StringBuilder("<dl class=\"outcome\">");
        b.append("<dt>Time to mitigate</dt><dd class=\"ttm\">").append(o.healthyAtDecision()
                ? "nothing to mitigate: " + Topology.esc(entry) + " was healthy at " + at + " and stayed so"
                : o.mitigated() ? duration(o.timeToMitigateMs()) + " (" + Topology.esc(entry) + " back at " + o.recoveredClock() + ")"
                : "never, within the run").append("</dd>");
        b.append("<dt>Users failed since ").append(at).append("</dt><dd class=\"failed\">")
                .append(String.format(Locale.ROOT, "%,d (%.1f %% of requests)", o.usersFailed(),
                        100 * o.usersFailedShare())).append("</dd>");
        b.append("<dt>Error-minutes</dt><dd>").append(String.format(Locale.ROOT, "%.1f", o.errorMinutes())).append("</dd>");
        b.append("<dt>Peak load</dt><dd class=\"peak\">").append(String.format(Locale.ROOT, "%.1f× normal at %s",
                o.peakLoad(), Topology.esc(peakName))).append("</dd>");
        if (o.stillRecoveringAtEnd()) {
            b.append("<dt>At the end of the run</dt><dd>not back to normal</dd>");
        }
        return b.append("</dl>").toString();
    }

    /** A service's display name in the decision's scenario (its id when it is not one of its services). */
    private static String serviceName(Problem p, Problem.Decision d, String id) {
        var s = p.scenario(d.from()).services().get(id);
        return s == null ? id : s.name();
    }

    static String duration(long ms) {
        long s = Math.round(ms / 1000.0);
        return s < 60 ? s + " s" : s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }

    private static String firstQuestion(String md) {
        String plain = md.replaceAll("[*_`#>]", "").replaceAll("\\s+", " ").strip();
        for (String sentence : plain.split("(?<=[.?!])\\s+")) {
            if (sentence.endsWith("?")) {
                return sentence.length() > 110 ? sentence.substring(0, 107).strip() + "…" : sentence;
            }
        }
        return plain.length() > 110 ? plain.substring(0, 107).strip() + "…" : plain;
    }
}
