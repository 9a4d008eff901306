package dev.warroom.site;

import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Study.Question;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

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
            Map<String, Object> key = new LinkedHashMap<>();
            String type = q.type().name().toLowerCase(Locale.ROOT);
            f.put("id", q.id());
            f.put("n", n);
            f.put("type", type);
            f.put("typeLabel", typeLabel(q.type()));
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
            key.put("explanation", md.html(q.explanation()));
            boolean gradable = true;
            switch (q.type()) {
                case SINGLE, MULTIPLE, DECISION -> {
                    List<Integer> order = shuffled(q.choices().size(), rnd);
                    List<Map<String, Object>> choices = new ArrayList<>();
                    List<Integer> correct = new ArrayList<>();
                    List<String> levels = new ArrayList<>();
                    List<String> feedback = new ArrayList<>();
                    for (int i = 0; i < order.size(); i++) {
                        Study.Choice c = q.choices().get(order.get(i));
                        choices.add(Map.of("i", i, "html", md.inline(c.text())));
                        if (c.correct()) {
                            correct.add(i);
                        }
                        levels.add(c.level() == null ? null : lower(c.level()));
                        feedback.add(md.inline(c.feedback()));
                    }
                    f.put("choices", choices);
                    f.put(q.type() == Question.Type.MULTIPLE ? "isMultiple" : "isSingle", true);
                    d.put("count", choices.size());
                    key.put("correct", correct);
                    key.put("levels", levels);
                    key.put("feedback", feedback);
                }
                case NUMERIC -> {
                    Study.Numeric num = q.numeric();
                    Double value = media.answers().get(q.id());
                    f.put("isNumeric", true);
                    f.put("unit", num.unit());
                    d.put("unit", num.unit()); // public: the script reads typed units against it
                    if (value == null || value.isNaN()) {
                        gradable = false;
                        f.put("notComputed", true);
                    } else {
                        checkStated(p, q, value);
                        key.put("value", value);
                        key.put("tolerance", num.tolerance());
                        key.put("relative", num.relative());
                        key.put("unit", num.unit());
                    }
                }
                case ORDERING -> {
                    List<Integer> order = shuffled(q.items().size(), rnd);
                    if (IntStream.range(0, order.size()).allMatch(i -> order.get(i) == i) && order.size() > 1) {
                        Collections.rotate(order, 1);
                    }
                    List<Map<String, Object>> items = new ArrayList<>();
                    int[] correctOrder = new int[order.size()];
                    for (int i = 0; i < order.size(); i++) {
                        items.add(Map.of("i", i, "html", md.inline(q.items().get(order.get(i)))));
                        correctOrder[order.get(i)] = i;
                    }
                    f.put("isOrdering", true);
                    f.put("items", items);
                    d.put("count", items.size());
                    key.put("order", correctOrder);
                }
                case MATCHING -> {
                    List<Integer> rights = shuffled(q.pairs().size(), rnd);
                    List<Map<String, Object>> rightModels = new ArrayList<>();
                    int[] match = new int[q.pairs().size()];
                    for (int i = 0; i < rights.size(); i++) {
                        rightModels.add(Map.of("i", i, "text", q.pairs().get(rights.get(i)).right()));
                        match[rights.get(i)] = i;
                    }
                    List<Map<String, Object>> lefts = new ArrayList<>();
                    for (int i = 0; i < q.pairs().size(); i++) {
                        lefts.add(Map.of("i", i, "html", md.inline(q.pairs().get(i).left()), "rights", rightModels));
                    }
                    f.put("isMatching", true);
                    f.put("lefts", lefts);
                    d.put("count", lefts.size());
                    key.put("match", match);
                }
                case FREE_TEXT -> {
                    f.put("isFreeText", true);
                    key.put("model", md.html(q.modelAnswer()));
                    key.put("checklist", q.checklist().stream().map(md::inline).toList());
                    d.put("count", q.checklist().size());
                }
                default -> throw new IllegalStateException("unknown question type " + q.type());
            }
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

    /** The build refuses a problem whose stated number disagrees with its trace. */
    private static void checkStated(Problem p, Question q, double value) {
        Study.Numeric num = q.numeric();
        if (Double.isNaN(num.stated())) {
            return;
        }
        double tol = num.relative() ? num.tolerance() * Math.abs(value) : num.tolerance();
        if (Math.abs(num.stated() - value) > tol + 1e-9) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: quiz question '%s' states %s %s but the %s trace gives %.4f (tolerance %s)", p.id(), q.id(),
                    num.stated(), num.unit(), num.variant(), value, num.relative()
                            ? (num.tolerance() * 100) + "%" : String.valueOf(num.tolerance())));
        }
    }

    private static List<Integer> shuffled(int n, Random rnd) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, rnd);
        return order;
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

    private static String typeLabel(Question.Type t) {
        return switch (t) {
            case SINGLE -> "Single choice";
            case MULTIPLE -> "Multiple choice";
            case NUMERIC -> "Numeric";
            case ORDERING -> "Ordering";
            case MATCHING -> "Matching";
            case DECISION -> "Decision";
            case FREE_TEXT -> "Free text, self-assessed";
        };
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
}
