package dev.warroom.site;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Page models: what the templates see, with Markdown already turned into safe HTML. */
final class Pages {
    private Pages() {
    }

    /** A problem card of the index. */
    record Card(String id, String title, String summary, String difficulty, List<String> topics, int minutes,
                String href, String poster, String topicList) {
    }

    static Card card(Problem p, String poster, Markdown md) {
        return new Card(p.id(), p.title(), md.inline(p.summary()), name(p.difficulty()), p.topics(),
                p.estimatedMinutes(), "problems/" + p.id() + ".html", poster, String.join(" ", p.topics()));
    }

    static Map<String, Object> index(List<Card> cards, String searchJson, List<Study.Dimension> rubric) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rubric", rubric); // the scorecards' columns
        m.put("problems", cards);
        TreeSet<String> topics = new TreeSet<>();
        cards.forEach(c -> topics.addAll(c.topics()));
        m.put("topics", List.copyOf(topics));
        TreeSet<String> difficulties = new TreeSet<>();
        cards.forEach(c -> difficulties.add(c.difficulty()));
        m.put("difficulties", List.copyOf(difficulties));
        m.put("searchJson", searchJson);
        List<Map<String, Object>> summary = new ArrayList<>();
        cards.forEach(c -> summary.add(Map.of("id", c.id(), "title", c.title(), "href", c.href())));
        m.put("summaryJson", Json.of(summary));
        return m;
    }

    /** A variant's media, already copied into the site (paths relative to the site root). */
    /**
     * A video in the site. The WebVTT tracks are inlined as data: URLs (captionsData, chaptersData):
     * from file:// Chromium refuses a track file as cross-origin, a data: URL it accepts.
     */
    record VideoRef(String mp4, String poster, String captions, String chapters, String captionsData,
                    String chaptersData, int clockStart, double rate, String embed, String label) {
    }

    record FrameRef(String src, int clock, String label, String caption) {
        /** The image's text alternative: the caption, or the clock before anything is detected (as site.js does). */
        public String alt() {
            return caption.isBlank() ? "Frame at " + label : caption;
        }
    }

    /**
     * A variant's media in the page. {@code later}: frames after the learner's present, kept out of
     * the stepper until the debrief unlocks (only the baseline has any).
     */
    record VariantRef(String id, String title, String kind, String summary, VideoRef video, VideoRef comparison,
                      List<FrameRef> frames, List<FrameRef> later) {
        VariantRef(String id, String title, String kind, String summary, VideoRef video, VideoRef comparison,
                   List<FrameRef> frames) {
            this(id, title, kind, summary, video, comparison, frames, List.of());
        }

        public boolean hasFrames() {
            return !frames.isEmpty();
        }

        public FrameRef firstFrame() {
            return frames.isEmpty() ? null : frames.get(0);
        }

        public int lastFrame() {
            return frames.size() - 1;
        }

        public int frameCount() {
            return frames.size();
        }

        /** The frames for the stepper script; src relative to a page one folder deep. */
        public String framesJson() {
            return json(frames);
        }

        public String laterJson() {
            return later.isEmpty() ? null : json(later);
        }

        private static String json(List<FrameRef> frames) {
            List<Map<String, Object>> l = new ArrayList<>();
            frames.forEach(f -> l.add(Map.of("src", "../" + f.src(), "clock", f.clock(), "label", f.label(),
                    "caption", f.caption())));
            return Json.of(l);
        }

        /** This variant as the learner may see it at {@code clock}: frames up to it, the rest for later. */
        VariantRef until(int clock) {
            List<FrameRef> now = frames.stream().filter(f -> f.clock() <= clock).toList();
            List<FrameRef> after = frames.stream().filter(f -> f.clock() > clock).toList();
            return new VariantRef(id, title, kind, summary, video, comparison, now.isEmpty() ? frames : now,
                    now.isEmpty() ? List.of() : after);
        }
    }

    /**
     * The drill page: the briefing up to the learner's present, the phases in order with their
     * items, the decisions, and what only the debrief shows (in templates the script unlocks).
     */
    static Map<String, Object> problem(Problem p, List<VariantRef> media, List<VariantRef> branches, Quiz.Model quiz,
                                       SiteMedia.ProblemMedia pm, Markdown md) {
        Map<String, Object> m = new LinkedHashMap<>();
        int here = Drill.hereClock(p);
        m.put("card", card(p, null, md));
        m.put("alert", p.alert());
        m.put("alertText", md.html(p.alert().text()));
        m.put("here", Drill.label(here));
        m.put("hereSeconds", here);
        List<Map<String, Object>> now = new ArrayList<>();
        List<Map<String, Object>> later = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        for (Problem.TimelineEntry e : p.timeline()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("clock", e.label());
            t.put("seconds", e.clock());
            t.put("text", e.text());
            t.put("here", e.youAreHere());
            (e.clock() <= here ? now : later).add(t);
            all.add(t);
        }
        m.put("timeline", now);
        m.put("timelineLater", later);
        m.put("hasLater", !later.isEmpty());
        m.put("timelineSvg", TimelineSvg.svg(p.timeline().stream().filter(e -> e.clock() <= here).toList(),
                "tl-" + p.id()));
        m.put("topology", Topology.svg(p.baseline(), "topo-" + p.id()));
        String[] walk = Drill.splitWalkthrough(p.walkthrough());
        m.put("briefing", md.section(walk[0]));
        m.put("debrief", md.section(walk[1]));
        VariantRef baseline = media.stream().filter(v -> v.id().equals(Problem.BASELINE)).findFirst().orElse(null);
        m.put("baseline", baseline == null ? null : baseline.until(here));
        List<VariantRef> others = media.stream().filter(v -> !v.id().equals(Problem.BASELINE)).toList();
        m.put("variants", others);
        m.put("hasVariants", !others.isEmpty());
        var trace = pm.traces().get(Problem.BASELINE);
        if (trace != null) {
            long hereMs = p.baseline().timeOf(here);
            m.put("dashboards", Dashboards.html(trace, Dashboards.order(trace), 0, hereMs, -1, "dash-" + p.id()));
        }
        Study st = p.study();
        Study.Phase decisionPhase = Drill.decisionPhase(st);
        List<Map<String, Object>> phases = new ArrayList<>();
        int n = 0;
        for (Study.Phase ph : st.phases()) {
            n++;
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("id", ph.id());
            phase.put("n", n);
            phase.put("title", ph.title());
            phase.put("dimension", st.rubric().stream().filter(r -> r.id().equals(ph.dimension()))
                    .map(Study.Dimension::title).findFirst().orElse(ph.dimension()));
            phase.put("at", ph.clock() >= 0 ? Units.formatClock(ph.clock()).substring(0, 5) : null);
            phase.put("brief", md.html(ph.brief()));
            phase.put("questions", ph.questions().stream().map(md::inline).toList());
            phase.put("discussion", md.html(ph.discussion()));
            phase.put("selfId", Drill.selfId(ph));
            List<Map<String, Object>> probes = new ArrayList<>();
            for (Study.Probe pr : st.probes()) {
                if (pr.phase().equals(ph.id())) {
                    List<Map<String, Object>> hints = new ArrayList<>();
                    for (int i = 0; i < pr.hints().size(); i++) {
                        hints.add(Map.of("n", i + 1, "html", md.html(pr.hints().get(i))));
                    }
                    probes.add(Map.of("id", pr.id(), "symptom", md.inline(pr.symptom()), "hints", hints,
                            "count", pr.hints().size(), "answer", md.html(pr.answer())));
                }
            }
            phase.put("probes", probes);
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < st.quiz().size(); i++) {
                String qp = st.quiz().get(i).phase();
                boolean known = qp != null && st.phases().stream().anyMatch(x -> x.id().equals(qp));
                if (ph.id().equals(qp) || (!known && n == st.phases().size())) {
                    items.add(quiz.questions().get(i));
                }
            }
            phase.put("items", items);
            if (ph == decisionPhase) {
                phase.put("decisions", decisions(quiz.decisions(), branches, pm, p));
            }
            phases.add(phase);
        }
        m.put("phases", phases);
        m.put("rubric", st.rubric());
        m.put("resources", st.resources());
        m.put("postmortem", postmortem(st.postmortem(), all, now, Drill.label(here), md));
        m.put("quiz", quiz.questions());
        m.put("quizJson", quiz.json());
        m.put("quizGraded", quiz.graded());
        m.put("quizTotal", quiz.questions().size());
        return m;
    }

    /** The decisions' forms, each option with the branch's pictures and dashboards for after the pick. */
    private static List<Map<String, Object>> decisions(List<Map<String, Object>> forms, List<VariantRef> branches,
                                                       SiteMedia.ProblemMedia pm, Problem p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> f : forms) {
            Map<String, Object> d = new LinkedHashMap<>(f);
            Problem.Decision dec = p.decisions().stream().filter(x -> x.id().equals(f.get("decision"))).findFirst()
                    .orElseThrow();
            List<Map<String, Object>> media = new ArrayList<>();
            for (Problem.Option o : dec.options()) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("id", o.id());
                branches.stream().filter(v -> v.id().equals(o.id())).findFirst().ifPresent(v -> b.put("ref", v));
                var trace = pm.traces().get(o.id());
                if (trace != null) {
                    String entry = p.scenario(dec.from()).entry();
                    b.put("dashboards", Dashboards.html(trace, entry == null ? Dashboards.order(trace) : List.of(entry),
                            Math.max(0, dec.atMs() - 120_000), trace.durationMs(), dec.atMs(), "dash-" + o.id()));
                }
                if (b.size() > 1) {
                    media.add(b);
                }
            }
            d.put("branches", media);
            out.add(d);
        }
        return out;
    }

    /**
     * The model postmortem (shown in the debrief, with the whole timeline) and the blank template the
     * learner copies before any answer: its timeline stops at the drill's clock, and its action items
     * are empty rows, so it gives away neither what happens next nor the fixes.
     */
    private static Map<String, Object> postmortem(Study.Postmortem pm, List<Map<String, Object>> timeline,
                                                  List<Map<String, Object>> known, String here, Markdown md) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (pm == null) {
            return m;
        }
        m.put("summary", md.html(pm.summary()));
        m.put("impact", md.html(pm.impact()));
        m.put("rootCause", md.html(pm.rootCause()));
        m.put("trigger", md.html(pm.trigger()));
        m.put("wentWell", pm.wentWell().stream().map(md::inline).toList());
        m.put("wentWrong", pm.wentWrong().stream().map(md::inline).toList());
        m.put("actionItems", pm.actionItems());
        m.put("timeline", timeline);
        StringBuilder blank = new StringBuilder("# Postmortem: <title>\n\n_Blameless: describe systems and decisions, "
                + "never people._\n\n## Summary\n\n## Impact\n\n- Users:\n- Duration:\n- Orders/revenue:\n\n## Timeline"
                + " (all times UTC)\n\n");
        known.forEach(t -> blank.append("- ").append(t.get("clock")).append(" ").append(t.get("text")).append('\n'));
        blank.append("- (after ").append(here).append(": what you did, what changed, when it recovered)\n");
        blank.append("\n## Root cause and trigger\n\n- Trigger:\n- Root cause:\n\n## What went well\n\n- \n\n"
                + "## What went wrong\n\n- \n\n## Action items\n\n| Action | Type (prevent, detect, mitigate, process)"
                + " | Owner (team) | Priority |\n|---|---|---|---|\n|  |  |  |  |\n|  |  |  |  |\n|  |  |  |  |\n");
        m.put("blank", blank.toString());
        return m;
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
