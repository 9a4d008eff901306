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

    static Map<String, Object> index(List<Card> cards, String searchJson) {
        Map<String, Object> m = new LinkedHashMap<>();
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

    record VariantRef(String id, String title, String kind, String summary, VideoRef video, VideoRef comparison,
                      List<FrameRef> frames) {
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
            List<Map<String, Object>> l = new ArrayList<>();
            frames.forEach(f -> l.add(Map.of("src", "../" + f.src(), "clock", f.clock(), "label", f.label(),
                    "caption", f.caption())));
            return Json.of(l);
        }
    }

    static Map<String, Object> problem(Problem p, List<VariantRef> media, Quiz.Model quiz, Markdown md) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("card", card(p, null, md));
        m.put("alert", p.alert());
        m.put("alertText", md.html(p.alert().text()));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Problem.TimelineEntry e : p.timeline()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("clock", e.label());
            t.put("seconds", e.clock());
            t.put("text", e.text());
            t.put("here", e.youAreHere());
            timeline.add(t);
        }
        m.put("timeline", timeline);
        m.put("timelineSvg", TimelineSvg.svg(p.timeline(), "tl-" + p.id()));
        m.put("topology", Topology.svg(p.baseline(), "topo-" + p.id()));
        m.put("walkthrough", md.section(p.walkthrough()));
        Study st = p.study();
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Study.Phase ph : st.phases()) {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("id", ph.id());
            phase.put("title", ph.title());
            phase.put("dimension", st.rubric().stream().filter(r -> r.id().equals(ph.dimension()))
                    .map(Study.Dimension::title).findFirst().orElse(ph.dimension()));
            phase.put("at", ph.clock() >= 0 ? Units.formatClock(ph.clock()).substring(0, 5) : null);
            phase.put("brief", md.html(ph.brief()));
            phase.put("questions", ph.questions().stream().map(md::inline).toList());
            phase.put("discussion", md.html(ph.discussion()));
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
            phases.add(phase);
        }
        m.put("phases", phases);
        m.put("rubric", st.rubric());
        m.put("resources", st.resources());
        m.put("postmortem", postmortem(st.postmortem(), timeline, md));
        m.put("variants", media);
        m.put("hasMedia", media.stream().anyMatch(v -> v.video() != null || !v.frames().isEmpty()));
        m.put("quiz", quiz.questions());
        m.put("quizJson", quiz.json());
        m.put("quizGraded", quiz.graded());
        m.put("quizTotal", quiz.questions().size());
        return m;
    }

    private static Map<String, Object> postmortem(Study.Postmortem pm, List<Map<String, Object>> timeline,
                                                  Markdown md) {
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
        timeline.forEach(t -> blank.append("- ").append(t.get("clock")).append(" ").append(t.get("text")).append('\n'));
        blank.append("\n## Root cause and trigger\n\n- Trigger:\n- Root cause:\n\n## What went well\n\n- \n\n"
                + "## What went wrong\n\n- \n\n## Action items\n\n| Action | Type | Owner (team) | Priority |\n"
                + "|---|---|---|---|\n| Retry budget with backoff and jitter on every internal call edge | prevent | "
                + " | P1 |\n| Timeout policy: explicit timeouts from latency percentiles within a propagated deadline |"
                + " prevent |  | P0 |\n| Bulkhead on calls to the slow dependency | prevent |  | P1 |\n"
                + "| Chaos test injecting dependency latency before each release | process |  | P1 |\n");
        m.put("blank", blank.toString());
        return m;
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
