package dev.warroom.site;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Question;
import dev.warroom.bank.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A problem's quiz for the page: the questions as form models (choices shuffled
 * deterministically), the public data the grading script needs, and the answer key,
 * obfuscated per question (XOR with a per-page salt, base64) so that neither the DOM nor the
 * page text gives the answers away; the script decodes a question's key only once it is answered.
 */
final class Quiz {
    /**
     * Form models for the template, and the JSON for the data block.
     *
     * @param decisions the drill's decisions as form models, in file order
     * @param graded    graded items: questions, the phases' self-rated answers and the decisions
     */
    record Model(List<Map<String, Object>> questions, String json, int graded, List<Map<String, Object>> decisions) {
    }

    private Quiz() {
    }

    static Model of(Problem p, SiteMedia.ProblemMedia media, Markdown md) {
        Study st = p.study();
        byte[] salt = salt(p.id());
        List<Map<String, Object>> forms = new ArrayList<>();
        List<Map<String, Object>> data = new ArrayList<>();
        Map<String, String> keys = new TreeMap<>();
        Map<String, String> phaseTitles = new LinkedHashMap<>();
        st.phases().forEach(ph -> phaseTitles.put(ph.id(), ph.title()));
        int graded = 0;
        int n = 0;
        for (Question q : st.quiz()) {
            n++;
            Random rnd = new Random(((long) p.id().hashCode() << 32) ^ q.id().hashCode());
            Map<String, Object> f = new LinkedHashMap<>();
            Map<String, Object> d = new LinkedHashMap<>();
            String type = q.type();
            f.put("id", q.id());
            f.put("n", n);
            f.put("type", type);
            f.put("typeLabel", q.typeLabel());
            f.put("prompt", md.html(q.prompt()));
            f.put("at", q.clock() >= 0 ? dev.warroom.bank.Units.formatClock(q.clock()).substring(0, 5) : null);
            f.put("atSeconds", q.clock());
            f.put("dims", q.dimensions().keySet().stream().map(id -> title(st, id)).toList());
            d.put("id", q.id());
            d.put("type", type);
            // a question of no (known) phase is played in the last one, as the page shows it
            d.put("phase", phaseTitles.containsKey(q.phase()) || st.phases().isEmpty() ? q.phase()
                    : st.phases().get(st.phases().size() - 1).id());
            d.put("label", label(q));
            Map<String, String> dims = new LinkedHashMap<>();
            q.dimensions().forEach((k, v) -> dims.put(k, lower(v)));
            d.put("dims", dims);
            Question.Published pub;
            try {
                pub = q.publish(new OnPage(md, rnd, media.answers().get(q.id()), p));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(p.id() + ": " + e.getMessage(), e);
            }
            f.putAll(pub.form());
            d.putAll(pub.data());
            boolean gradable = pub.key() != null;
            Map<String, Object> key = new LinkedHashMap<>();
            if (gradable) {
                key.putAll(Json.tree(pub.key()));
            }
            key.put("explanation", md.html(q.explanation()));
            d.put("graded", gradable);
            f.put("graded", gradable);
            if (gradable) {
                graded++;
                String k = Json.of(key);
                keys.put(q.id(), encode(k, salt, q.id()));
                // a version of the question: stored answers to an edited question are dropped, not misread
                d.put("v", Assets.hash((k + Json.of(f)).getBytes(StandardCharsets.UTF_8)).substring(0, 8));
            }
            forms.add(f);
            data.add(d);
        }
        // the drill's items: each phase closes with a self-rated answer to the room; decisions are picked
        for (Study.Phase ph : st.phases()) {
            graded += addItem(Drill.selfData(ph), Drill.selfKey(ph, md), salt, data, keys);
        }
        List<Map<String, Object>> decisions = new ArrayList<>();
        Study.Phase decisionPhase = Drill.decisionPhase(st);
        if (decisionPhase != null) {
            for (Problem.Decision d : p.decisions()) {
                Drill.Played played = Drill.decision(p, d, decisionPhase, media.outcomes(), md);
                decisions.add(played.form());
                graded += addItem(played.data(), played.key(), salt, data, keys);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("problem", p.id());
        json.put("title", p.title());
        json.put("salt", Base64.getEncoder().encodeToString(salt));
        json.put("questions", data);
        json.put("keys", keys);
        json.put("phases", phaseTitles);
        List<Map<String, Object>> rubric = new ArrayList<>();
        st.rubric().forEach(r -> rubric.add(Map.of("id", r.id(), "title", r.title(), "novice", r.novice(),
                "intermediate", r.intermediate(), "expert", r.expert())));
        json.put("rubric", rubric);
        List<Map<String, Object>> resources = new ArrayList<>();
        st.resources().forEach(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", r.title());
            m.put("url", r.url());
            m.put("dims", r.dimensions());
            m.put("note", r.note() == null ? "" : r.note());
            resources.add(m);
        });
        json.put("resources", resources);
        return new Model(forms, Json.of(json), graded, decisions);
    }

    private static int addItem(Map<String, Object> item, Map<String, Object> key, byte[] salt,
                               List<Map<String, Object>> data, Map<String, String> keys) {
        String id = (String) item.get("id");
        String k = Json.of(key);
        keys.put(id, encode(k, salt, id));
        item.put("graded", true);
        item.put("v", Assets.hash((k + Json.of(item)).getBytes(StandardCharsets.UTF_8)).substring(0, 8));
        data.add(item);
        return 1;
    }

    /** A short plain-text handle for a question, used in justifications: its (last) question sentence. */
    static String label(Question q) {
        String plain = q.prompt().replaceAll("[*_`#>]", "").replaceAll("\\s+", " ").strip();
        String best = null;
        for (String sentence : plain.split("(?<=[.?!][\"”)]?)\\s+")) {
            if (sentence.endsWith("?")) {
                best = sentence;
            }
        }
        if (best == null) {
            best = plain.split("(?<=[.?!:])\\s+")[0];
        }
        if (best.length() > 110) {
            best = best.substring(0, 107).strip() + "…";
        }
        return q.clock() >= 0 ? dev.warroom.bank.Units.formatClock(q.clock()).substring(0, 5) + " — " + best : best;
    }

    private static String title(Study st, String dim) {
        return st.rubric().stream().filter(r -> r.id().equals(dim)).map(Study.Dimension::title).findFirst().orElse(dim);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static byte[] salt(String problemId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("warroom-quiz:" + problemId)
                    .getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(h, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** XOR with salt + question id (cycled), then base64; quiz.js inverts it. */
    static String encode(String json, byte[] salt, String qid) {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        byte[] pad = concat(salt, qid.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (data[i] ^ pad[i % pad.length]);
        }
        return Base64.getEncoder().encodeToString(out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** What a question's publishing uses of this page. */
    private record OnPage(Markdown md, Random random, Double computed, Problem problem) implements Question.Page {
        @Override
        public String html(String markdown) {
            return md.html(markdown);
        }

        @Override
        public String inline(String markdown) {
            return md.inline(markdown);
        }

        @Override
        public Scenario baseline() {
            return problem.baseline();
        }

        @Override
        public String topology(String idPrefix) {
            return Topology.svg(problem.baseline(), idPrefix + "-" + problem.id());
        }
    }
}
