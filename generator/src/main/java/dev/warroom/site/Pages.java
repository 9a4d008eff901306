package dev.warroom.site;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Page models: what the templates see, with Markdown already turned into safe HTML. */
final class Pages {
    private Pages() {
    }

    /** A problem card of the index. */
    record Card(String id, String title, String summary, String difficulty, List<String> topics, int minutes,
                String href) {
    }

    static Card card(Problem p) {
        return new Card(p.id(), p.title(), Markdown.inline(p.summary()), name(p.difficulty()), p.topics(),
                p.estimatedMinutes(), "problems/" + p.id() + ".html");
    }

    static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new HashMap<>();
        m.put("card", card(p));
        m.put("alert", p.alert());
        m.put("alertText", Markdown.html(p.alert().text()));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Problem.TimelineEntry e : p.timeline()) {
            timeline.add(Map.of("clock", p.baseline() == null ? "" : Units.formatClock(e.clock()).substring(0, 5),
                    "text", e.text(), "here", e.youAreHere()));
        }
        m.put("timeline", timeline);
        m.put("walkthrough", Markdown.html(p.walkthrough()));
        List<Map<String, Object>> phases = new ArrayList<>();
        Study st = p.study();
        for (Study.Phase ph : st.phases()) {
            Map<String, Object> phase = new HashMap<>();
            phase.put("id", ph.id());
            phase.put("title", ph.title());
            phase.put("brief", Markdown.html(ph.brief()));
            phase.put("questions", ph.questions().stream().map(Markdown::inline).toList());
            phase.put("discussion", Markdown.html(ph.discussion()));
            List<Map<String, Object>> probes = new ArrayList<>();
            for (Study.Probe pr : st.probes()) {
                if (pr.phase().equals(ph.id())) {
                    List<Map<String, Object>> hints = new ArrayList<>();
                    for (int i = 0; i < pr.hints().size(); i++) {
                        hints.add(Map.of("n", i + 1, "html", Markdown.html(pr.hints().get(i))));
                    }
                    probes.add(Map.of("id", pr.id(), "symptom", pr.symptom(), "hints", hints,
                            "answer", Markdown.html(pr.answer())));
                }
            }
            phase.put("probes", probes);
            phases.add(phase);
        }
        m.put("phases", phases);
        m.put("rubric", st.rubric());
        m.put("resources", st.resources());
        List<Map<String, Object>> variants = new ArrayList<>();
        p.variants().values().forEach(v -> variants.add(Map.of("id", v.id(), "title", v.title(),
                "kind", name(v.kind()), "summary", Markdown.html(v.summary()))));
        m.put("variants", variants);
        return m;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
