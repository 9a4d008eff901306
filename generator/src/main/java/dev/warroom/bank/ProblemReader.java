package dev.warroom.bank;

import dev.warroom.bank.Problem.Alert;
import dev.warroom.bank.Problem.Expectation;
import dev.warroom.bank.Problem.TimelineEntry;
import dev.warroom.bank.Problem.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one problem folder: problem.yaml (with its variants) and walkthrough.md. */
final class ProblemReader {
    static final String PROBLEM_FILE = "problem.yaml";
    static final String WALKTHROUGH_FILE = "walkthrough.md";

    private ProblemReader() {
    }

    /** The problem, or null when it has errors (all of them added to {@code errors}). */
    static Problem read(Path dir, String display, List<BankError> errors) {
        String file = display + "/" + PROBLEM_FILE;
        Node root = parse(dir.resolve(PROBLEM_FILE), file, errors);
        if (root == null) {
            return null;
        }
        if (root.getTag().equals(RECOVERED)) {
            // the file is malformed: report what else is wrong in it, but build nothing from it
            List<BankError> more = new ArrayList<>();
            readTree(dir, display, root, more);
            more.stream().filter(e -> !e.message().startsWith("missing required field")).forEach(errors::add);
            return null;
        }
        return readTree(dir, display, root, errors);
    }

    private static Problem readTree(Path dir, String display, Node root, List<BankError> errors) {
        String file = display + "/" + PROBLEM_FILE;
        Ctx ctx = new Ctx(file, errors);
        int before = errors.size();
        String walkthrough = "";
        Path wt = dir.resolve(WALKTHROUGH_FILE);
        try {
            walkthrough = Files.readString(wt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(new BankError(display + "/" + WALKTHROUGH_FILE, 0, 0, "", "cannot read: "
                    + (Files.exists(wt) ? e.getMessage() : "missing (every problem has a walkthrough.md)")));
        }
        Fields top = new Fields(ctx, "", root);
        String id = top.id("id");
        String folder = dir.getFileName().toString();
        if (!id.isEmpty() && !id.equals(folder)) {
            ctx.errorAt("id", "must equal the folder name '" + folder + "', got '" + id + "'");
        }
        String title = top.string("title");
        String summary = top.string("summary", "");
        Problem.Difficulty difficulty = top.choice("difficulty", Problem.Difficulty.class, null);
        List<String> roles = top.strings("roles", false);
        List<String> topics = top.strings("topics", true);
        int minutes = top.integer("estimated_minutes", 1, 600, 30);
        long seed = top.integer("seed", 0, Integer.MAX_VALUE, 1);
        Alert alert = alert(top);
        int scenarioErrors = ctx.errorCount();
        Scenario baseline = ScenarioReader.read(top);
        Validator.checkTopology(baseline, ctx);
        boolean baselineClean = ctx.errorCount() == scenarioErrors;
        List<TimelineEntry> timeline = top.objects("timeline", true, f -> new TimelineEntry(f.clock("at", true),
                f.string("text"), f.bool("you_are_here", false), expectation(f)));
        Map<String, Variant> variants = variants(top, root, baselineClean);
        java.util.Set<String> taken = new java.util.HashSet<>(variants.keySet());
        taken.add(Problem.BASELINE);
        DecisionReader.Result decisions = DecisionReader.read(top, root, baseline, taken, baselineClean);
        Study study = StudyReader.read(top);
        top.end();
        timeline = timeline.stream().sorted(Comparator.comparingInt(TimelineEntry::clock)).toList();
        // cross-checks run even when parts had errors (those parts hold defaults), so one run reports all
        Problem p = new Problem(dir, id, title, summary, difficulty, roles, topics, minutes, seed, alert, timeline,
                baseline, variants, decisions.decisions(), decisions.branches(), study, walkthrough);
        Validator.check(p, ctx);
        return errors.size() > before ? null : p;
    }

    /** Parses YAML into a node tree; a syntax error becomes one located error. */
    static Node parse(Path path, String file, List<BankError> errors) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(new BankError(file, 0, 0, "", Files.exists(path) ? "cannot read: " + e.getMessage()
                    : "missing (every problem folder has a " + PROBLEM_FILE + ")"));
            return null;
        }
        return parseText(text, file, errors);
    }

    /**
     * Parses YAML text. After a syntax error it blanks the offending line and tries again
     * (a few times), so that one run also reports the errors in the rest of the file; the
     * tree of such a recovered parse is returned with {@link #RECOVERED} set on nothing but
     * the error list: its missing-field errors are dropped as artefacts of the blanking.
     */
    static Node parseText(String text, String file, List<BankError> errors) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        boolean recovered = false;
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                Node root = new Yaml(options()).compose(new java.io.StringReader(String.join("\n", lines)));
                if (root == null && !recovered) {
                    errors.add(new BankError(file, 0, 0, "", "is empty"));
                }
                if (recovered && root != null) {
                    root.setTag(RECOVERED);
                }
                return root;
            } catch (MarkedYAMLException e) {
                var problem = e.getProblemMark();
                var context = e.getContextMark();
                var mark = problem != null ? problem : context;
                String what = e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext()
                        + (context == null ? "" : " started at line " + (context.getLine() + 1)) + ")");
                errors.add(new BankError(file, mark == null ? 0 : mark.getLine() + 1,
                        mark == null ? 0 : mark.getColumn() + 1, "", "malformed YAML: " + what));
                // blank the line where the broken construct starts, then look further
                int line = context != null ? context.getLine() : mark == null ? -1 : mark.getLine();
                if (line < 0 || line >= lines.size()) {
                    return null;
                }
                lines.set(line, "");
                recovered = true;
            } catch (RuntimeException e) {
                errors.add(new BankError(file, 0, 0, "", "malformed YAML: " + e.getMessage()));
                return null;
            }
        }
        return null;
    }

    /** Tag put on the root of a tree parsed after blanking malformed lines. */
    static final org.yaml.snakeyaml.nodes.Tag RECOVERED = new org.yaml.snakeyaml.nodes.Tag("tag:warroom,2026:recovered");

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by Fields, with both lines
        options.setCodePointLimit(16 * 1024 * 1024);
        return options;
    }

    private static Alert alert(Fields top) {
        Fields a = top.object("alert", true);
        if (a == null) {
            return new Alert("P0", "", "", "");
        }
        Alert alert = new Alert(a.string("severity", "P0"), a.string("title"), a.string("status_page", ""),
                a.string("text", ""));
        a.end();
        return alert;
    }

    private static Expectation expectation(Fields f) {
        Fields e = f.object("expect", false);
        if (e == null) {
            return null;
        }
        Expectation x = new Expectation(e.id("service"), e.string("kind"), e.duration("within", 0, 60_000L, -1));
        e.end();
        return x;
    }

    /** Each variant: the baseline tree with its overrides, read by the same reader. */
    private static Map<String, Variant> variants(Fields top, Node root, boolean baselineClean) {
        Map<String, Variant> out = new LinkedHashMap<>();
        Fields vs = top.object("variants", false);
        if (vs == null) {
            return out;
        }
        for (String id : vs.keys()) {
            Fields v = new Fields(vs.ctx, vs.join(id), vs.value(id));
            vs.checkId(id, vs.keyNode(id), vs.join(id));
            if (id.equals(Problem.BASELINE)) {
                v.ctx.error(vs.keyNode(id), vs.join(id), "'baseline' is the scenario as written; name the variant otherwise");
            }
            String title = v.string("title");
            Variant.Kind kind = v.choice("kind", Variant.Kind.class, null);
            String summary = v.string("summary", "");
            String compareWith = v.string("compare_with", Problem.BASELINE);
            MappingNode tree = (MappingNode) Overrides.copy(root);
            Fields set = v.object("set", true);
            int errorsBefore = v.ctx.errorCount();
            if (set != null) {
                for (String path : set.keys()) {
                    String problem = Overrides.set(tree, path, set.value(path));
                    if (problem != null) {
                        v.ctx.error(set.keyNode(path), set.join(path), problem);
                    }
                }
                if (set.keys().isEmpty()) {
                    v.ctx.error(set.node, set.path, "a variant needs at least one override");
                }
            }
            v.end();
            Scenario scenario = null;
            if (baselineClean && v.ctx.errorCount() == errorsBefore) {
                scenario = readOverridden(tree, v.ctx, "variants." + id + ": ");
            }
            out.put(id, new Variant(id, title, kind, summary, compareWith, scenario));
        }
        return out;
    }

    /** Reads the scenario of an overridden tree; errors name the variant. */
    static Scenario readOverridden(MappingNode tree, Ctx ctx, String prefix) {
        List<BankError> sink = new ArrayList<>();
        Ctx vctx = ctx.prefixed(prefix, sink);
        MappingNode scenarioOnly = new MappingNode(tree.getTag(), true, new ArrayList<>(), tree.getStartMark(),
                tree.getEndMark(), tree.getFlowStyle());
        for (NodeTuple t : tree.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && ScenarioReader.KEYS.contains(s.getValue())) {
                scenarioOnly.getValue().add(t);
            }
        }
        Fields f = new Fields(vctx, "", scenarioOnly);
        Scenario s = ScenarioReader.read(f);
        f.end();
        Validator.checkTopology(s, vctx);
        ctx.addAll(sink);
        return sink.isEmpty() ? s : null;
    }
}
