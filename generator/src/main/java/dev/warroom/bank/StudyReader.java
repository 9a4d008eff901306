package dev.warroom.bank;

import dev.warroom.bank.Study.ActionItem;
import dev.warroom.bank.Study.Choice;
import dev.warroom.bank.Study.Claim;
import dev.warroom.bank.Study.Dimension;
import dev.warroom.bank.Study.Level;
import dev.warroom.bank.Study.Numeric;
import dev.warroom.bank.Study.Pair;
import dev.warroom.bank.Study.Phase;
import dev.warroom.bank.Study.Postmortem;
import dev.warroom.bank.Study.Probe;
import dev.warroom.bank.Study.Question;
import dev.warroom.bank.Study.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the study material of a problem file: phases, probes, quiz, rubric, postmortem, resources, claims. */
final class StudyReader {
    private StudyReader() {
    }

    static Study read(Fields top) {
        List<Phase> phases = top.objects("phases", true, f -> new Phase(f.id("id"), f.string("title"),
                f.id("dimension"), f.clock("at", false), f.string("brief", ""), f.strings("questions", true),
                f.string("discussion", "")));
        List<Probe> probes = top.objects("probes", false, f -> {
            Probe p = new Probe(f.id("id"), f.id("phase"), f.string("symptom"), f.strings("hints", true),
                    f.string("answer"));
            if (p.hints().isEmpty() && f.has("hints")) {
                f.ctx.errorAt(f.join("hints"), "needs at least one hint");
            }
            return p;
        });
        List<Question> quiz = top.objects("quiz", false, StudyReader::question);
        List<Dimension> rubric = top.objects("rubric", true, f -> new Dimension(f.id("id"), f.string("title"),
                f.string("novice"), f.string("intermediate"), f.string("expert")));
        Postmortem postmortem = null;
        Fields pm = top.object("postmortem", false);
        if (pm != null) {
            postmortem = new Postmortem(pm.string("summary"), pm.string("impact"), pm.string("root_cause"),
                    pm.string("trigger"), pm.strings("went_well", false), pm.strings("went_wrong", false),
                    pm.objects("action_items", true, a -> new ActionItem(a.string("action"),
                            a.string("type", "prevent"), a.string("owner"), a.string("priority", "P2"))));
            pm.end();
        }
        List<Resource> resources = top.objects("resources", false, f -> new Resource(f.string("title"),
                url(f), f.string("kind", "article"), f.strings("dimensions", false), f.string("note", "")));
        List<Claim> claims = top.objects("claims", false, f -> {
            String text = f.string("text");
            String variant = f.string("variant", Problem.BASELINE);
            String source = f.string("check");
            try {
                return new Claim(text, variant, Metric.Check.parse(source));
            } catch (Metric.SyntaxException e) {
                f.ctx.errorAt(f.join("check"), e.getMessage());
                return null;
            }
        });
        return new Study(phases, probes, quiz, rubric, postmortem, resources, claims);
    }

    private static String url(Fields f) {
        String url = f.string("url");
        if (!url.isEmpty() && !url.matches("https?://\\S+")) {
            f.ctx.errorAt(f.join("url"), "expected an http(s) address, got '" + url + "'");
        }
        return url;
    }

    private static Question question(Fields f) {
        String id = f.id("id");
        Question.Type type = f.choice("type", Question.Type.class, null);
        String phase = f.string("phase", null);
        int clock = type == Question.Type.DECISION ? f.clock("at", true) : f.clock("at", false);
        String prompt = f.string("prompt");
        Map<String, Level> dimensions = new LinkedHashMap<>();
        Fields dims = f.object("dimensions", true);
        if (dims != null) {
            for (String d : dims.keys()) {
                Node v = dims.value(d);
                dimensions.put(d, dims.parseChoice(dims.scalar(v, dims.join(d), "a level"), Level.class, v,
                        dims.join(d), Level.INTERMEDIATE));
            }
            if (dimensions.isEmpty()) {
                dims.ctx.error(dims.node, dims.path, "map at least one rubric dimension to a level");
            }
        }
        String explanation = f.string("explanation", "");
        List<Choice> choices = List.of();
        Numeric numeric = null;
        List<String> items = List.of();
        List<Pair> pairs = List.of();
        String modelAnswer = null;
        List<String> checklist = List.of();
        switch (type) {
            case SINGLE, MULTIPLE, DECISION -> {
                choices = f.objects("choices", true, c -> new Choice(c.string("text"), c.bool("correct", false),
                        c.has("level") ? c.choice("level", Level.class, null) : null, c.string("feedback", "")));
                long correct = choices.stream().filter(Choice::correct).count();
                if (choices.size() < 2) {
                    f.ctx.errorAt(f.join("choices"), "needs at least 2 choices, got " + choices.size());
                } else if (type == Question.Type.SINGLE && correct != 1) {
                    f.ctx.errorAt(f.join("choices"), "a single-choice question needs exactly one correct choice, got " + correct);
                } else if (correct == 0) {
                    f.ctx.errorAt(f.join("choices"), "mark at least one choice correct: true");
                }
            }
            case NUMERIC -> numeric = numeric(f);
            case ORDERING -> {
                items = f.strings("items", true);
                if (items.size() < 2) {
                    f.ctx.errorAt(f.join("items"), "needs at least 2 items to order, got " + items.size());
                }
            }
            case MATCHING -> {
                pairs = f.objects("pairs", true, p -> new Pair(p.string("left"), p.string("right")));
                if (pairs.size() < 2) {
                    f.ctx.errorAt(f.join("pairs"), "needs at least 2 pairs to match, got " + pairs.size());
                }
            }
            case FREE_TEXT -> {
                modelAnswer = f.string("model_answer");
                checklist = f.strings("checklist", true);
                if (checklist.isEmpty()) {
                    f.ctx.errorAt(f.join("checklist"), "needs at least one item an expert answer covers");
                }
            }
        }
        return new Question(id, type, phase, clock, prompt, dimensions, explanation, choices, numeric, items,
                pairs, modelAnswer, checklist);
    }

    private static Numeric numeric(Fields f) {
        Fields a = f.object("answer", true);
        if (a == null) {
            return null;
        }
        Metric metric = null;
        String source = a.string("metric");
        try {
            metric = Metric.parse(source);
        } catch (Metric.SyntaxException e) {
            a.ctx.errorAt(a.join("metric"), e.getMessage());
        }
        String variant = a.string("variant", Problem.BASELINE);
        double tolerance;
        boolean relative = false;
        Node t = a.value("tolerance");
        String text = t == null ? "" : a.scalar(t, a.join("tolerance"), "a number or a percentage").trim();
        if (text.endsWith("%")) {
            relative = true;
            tolerance = parsePercent(a, t, text) / 100;
        } else {
            tolerance = a.number("tolerance", 0, 1e12, null);
        }
        String unit = a.string("unit", "");
        double stated = a.has("stated") ? a.number("stated", -1e12, 1e12, null) : Double.NaN;
        a.end();
        return metric == null ? null : new Numeric(metric, variant, tolerance, relative, unit, stated);
    }

    private static double parsePercent(Fields a, Node at, String text) {
        try {
            double p = Double.parseDouble(text.substring(0, text.length() - 1).trim());
            if (p >= 0 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        a.ctx.error(at, a.join("tolerance"), "expected a number or a percentage such as 10%, got '" + text + "'");
        return 0;
    }
}
