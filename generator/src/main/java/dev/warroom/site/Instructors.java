package dev.warroom.site;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The instructor page's model: for each problem a 60-minute session plan whose timings and
 * interviewer's script come from the problem's phases, probes and decisions; the packages to
 * download; what the score means (the weighting scorm.js applies and the mastery score).
 */
final class Instructors {
    /** The session's length and its fixed parts, in minutes. */
    static final int SESSION = 60;
    static final int BRIEF = 5;
    static final int DEBRIEF = 10;
    static final int SCORECARD = 5;

    private Instructors() {
    }

    /** One problem's session plan; {@code md} renders for a page at the site's root. */
    static Map<String, Object> session(Problem p, Markdown md) {
        Study st = p.study();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("title", p.title());
        m.put("href", "problems/" + p.id() + ".html");
        m.put("study", "problems/" + p.id() + ".html?study=1");
        m.put("zip", ScormPackages.FOLDER + p.id() + ".zip");
        m.put("moodle", "exports/" + p.id() + ".moodle.xml");
        m.put("gift", "exports/" + p.id() + ".gift.txt");
        m.put("roles", String.join(", ", p.roles()));
        m.put("here", Drill.label(Drill.hereClock(p)));
        m.put("alert", p.alert() == null ? "" : p.alert().title());
        int phases = Math.max(1, st.phases().size());
        int work = SESSION - BRIEF - DEBRIEF - SCORECARD;
        Study.Phase decisionPhase = Drill.decisionPhase(st);
        List<Map<String, Object>> script = new ArrayList<>();
        script.add(slot(0, BRIEF, "Brief the room", "Read the alert aloud and say the clock: it is "
                + m.get("here") + ". Name the roles; the candidate takes command from here."));
        int n = 0;
        for (Study.Phase ph : st.phases()) {
            int from = BRIEF + n * work / phases;
            int to = BRIEF + (n + 1) * work / phases;
            n++;
            Map<String, Object> s = slot(from, to, "Phase " + n + ": " + ph.title(), null);
            s.put("dimension", st.rubric().stream().filter(r -> r.id().equals(ph.dimension()))
                    .map(Study.Dimension::title).findFirst().orElse(ph.dimension()));
            s.put("at", ph.clock() >= 0 ? Units.formatClock(ph.clock()).substring(0, 5) : null);
            s.put("brief", md.html(ph.brief()));
            s.put("questions", ph.questions().stream().map(md::inline).toList());
            s.put("ask", !ph.questions().isEmpty());
            List<Map<String, Object>> probes = new ArrayList<>();
            for (Study.Probe pr : st.probes()) {
                if (pr.phase().equals(ph.id())) {
                    probes.add(Map.of("symptom", md.inline(pr.symptom()),
                            "hints", pr.hints().stream().map(md::inline).toList()));
                }
            }
            s.put("probes", probes);
            if (ph == decisionPhase) {
                List<Map<String, Object>> decisions = new ArrayList<>();
                for (Problem.Decision d : p.decisions()) {
                    List<Map<String, Object>> options = new ArrayList<>();
                    for (Problem.Option o : d.options()) {
                        options.add(Map.of("label", md.inline(o.label()), "rating", Pages.name(o.rating())));
                    }
                    decisions.add(Map.of("at", Drill.label(d.clock()), "prompt", md.inline(d.prompt()),
                            "options", options));
                }
                s.put("decisions", decisions);
            }
            s.put("discussion", md.html(ph.discussion()));
            script.add(s);
        }
        int end = SESSION - DEBRIEF - SCORECARD;
        script.add(slot(end, end + DEBRIEF, "Debrief", "Open the debrief together: what happened after "
                + m.get("here") + ", the what-if videos and the model postmortem. Ask what they would change first."));
        script.add(slot(end + DEBRIEF, SESSION, "Scorecard", "Read the scorecard with the candidate: the rating per "
                + "dimension, the decision log, the answers seen first and the hints used; agree on one action each."));
        m.put("script", script);
        return m;
    }

    private static Map<String, Object> slot(int from, int to, String title, String say) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("from", from);
        s.put("to", to);
        s.put("minutes", String.format(Locale.ROOT, "%02d–%02d min", from, to));
        s.put("title", title);
        s.put("say", say);
        return s;
    }

    /** The page: every problem's session, the packages, the score's meaning. */
    static Map<String, Object> page(List<Map<String, Object>> sessions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessions", sessions);
        m.put("course", ScormPackages.FOLDER + ScormPackages.COURSE + ".zip");
        m.put("mastery", ScormPackages.MASTERY_SCORE);
        m.put("session", SESSION);
        return m;
    }
}
