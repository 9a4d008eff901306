package dev.warroom.bank;

import dev.warroom.bank.Problem.Alert;
import dev.warroom.bank.Problem.Expectation;
import dev.warroom.bank.Problem.TimelineEntry;
import dev.warroom.bank.Problem.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return read(dir, display, Rubric.kit(), errors);
    }

    /** The problem graded on {@code rubric}, or null when it has errors (all of them added to {@code errors}). */
    static Problem read(Path dir, String display, List<Study.Dimension> rubric, List<BankError> errors) {
        String file = display + "/" + PROBLEM_FILE;
        String text = TextFile.read(dir.resolve(PROBLEM_FILE), file, missingMessage(), errors);
        if (text == null) {
            return null;
        }
        Parsed parsed = parseText(text, file, errors);
        if (parsed.root() == null) {
            return null;
        }
        if (!(parsed.root() instanceof MappingNode)) {
            Node root = parsed.root();
            errors.add(new BankError(file, root.getStartMark().getLine() + 1, root.getStartMark().getColumn() + 1, "",
                    "expected a mapping (key: value lines) at the top of the file, got " + Fields.describe(root)));
            return null;
        }
        if (parsed.recovered()) {
            // the file is malformed: report what else is wrong in it, but build nothing from it. The
            // lines under a blanked one, and checks across parts, would show errors the blanking invented.
            List<BankError> more = new ArrayList<>();
            readTree(dir, display, parsed.root(), rubric, more, false);
            more.stream().filter(e -> e.line() > 0 && !parsed.invented().get(e.line()))
                    .filter(e -> !e.message().startsWith("missing required field")).forEach(errors::add);
            return null;
        }
        return readTree(dir, display, parsed.root(), rubric, errors, true);
    }

    private static Problem readTree(Path dir, String display, Node root, List<Study.Dimension> rubric,
                                   List<BankError> errors, boolean crossCheck) {
        String file = display + "/" + PROBLEM_FILE;
        Ctx ctx = new Ctx(file, errors);
        int before = errors.size();
        String walkthrough = TextFile.read(dir.resolve(WALKTHROUGH_FILE), display + "/" + WALKTHROUGH_FILE,
                "missing (every problem has a walkthrough.md)", errors);
        walkthrough = walkthrough == null ? "" : walkthrough;
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
        if (crossCheck) {
            Validator.checkTopology(baseline, ctx);
            if (ctx.errorCount() == scenarioErrors) {
                Workload.check(baseline, ctx);
            }
        }
        boolean baselineClean = ctx.errorCount() == scenarioErrors;
        List<TimelineEntry> timeline = top.objects("timeline", true, f -> new TimelineEntry(f.clock("at", true),
                f.string("text"), f.bool("you_are_here", false), expectation(f)));
        Map<String, Variant> variants = variants(top, root, baselineClean, crossCheck);
        java.util.Set<String> taken = new java.util.HashSet<>(variants.keySet());
        taken.add(Problem.BASELINE);
        DecisionReader.Result decisions = DecisionReader.read(top, root, baseline, taken, baselineClean);
        Study study = StudyReader.read(top, rubric);
        top.end();
        timeline = timeline.stream().sorted(Comparator.comparingInt(TimelineEntry::clock)).toList();
        // cross-checks run even when parts had errors (those parts hold defaults), so one run reports all
        Problem p = new Problem(dir, id, title, summary, difficulty, roles, topics, minutes, seed, alert, timeline,
                baseline, variants, decisions.decisions(), decisions.branches(), study, walkthrough);
        if (crossCheck) {
            Validator.check(p, ctx);
        }
        return errors.size() > before ? null : p;
    }

    /** Parses YAML into a node tree; a syntax error becomes one located error. */
    static Node parse(Path path, String file, List<BankError> errors) {
        String text = TextFile.read(path, file, missingMessage(), errors);
        return text == null ? null : parseText(text, file, errors).root();
    }

    private static String missingMessage() {
        return "missing (every problem folder has a " + PROBLEM_FILE + ")";
    }

    /**
     * A parsed tree.
     *
     * @param root      the tree, or null when there is none
     * @param recovered whether lines with syntax errors were blanked to get it
     * @param invented  1-based lines whose reading the blanking changed: a blanked line and the
     *                  lines indented under it
     */
    record Parsed(Node root, boolean recovered, BitSet invented) {
    }

    /**
     * Parses YAML text within {@link Limits}. After a syntax error it blanks the offending line
     * and tries again (a few times), so that one run also reports the errors in the rest of the
     * file, except those the blanking itself causes.
     */
    static Parsed parseText(String text, String file, List<BankError> errors) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        BitSet invented = new BitSet();
        boolean recovered = false;
        for (int attempt = 0; attempt < 6; attempt++) {
            String attemptText = String.join("\n", lines);
            try {
                Node root = new Yaml(YamlGuard.options()).compose(new java.io.StringReader(attemptText));
                if (root == null && !recovered) {
                    errors.add(new BankError(file, 0, 0, "", "is empty"));
                }
                BankError limit = root == null ? null : YamlGuard.check(root, file);
                if (limit != null) {
                    errors.add(limit);
                    return new Parsed(null, recovered, invented);
                }
                return new Parsed(root, recovered, invented);
            } catch (MarkedYAMLException e) {
                var problem = e.getProblemMark();
                var context = e.getContextMark();
                var mark = problem != null ? problem : context;
                String what = e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext()
                        + (context == null ? "" : " started at line " + (context.getLine() + 1)) + ")");
                if (!recovered || mark != null && !invented.get(mark.getLine() + 1)) {
                    errors.add(new BankError(file, mark == null ? 0 : mark.getLine() + 1,
                            mark == null ? 0 : mark.getColumn() + 1, "", BankError.SYNTAX + what));
                }
                // blank the line where the broken construct starts, then look further
                int line = context != null ? context.getLine() : mark == null ? -1 : mark.getLine();
                if (line < 0 || line >= lines.size()) {
                    return new Parsed(null, recovered, invented);
                }
                markBlock(lines, line, invented);
                lines.set(line, "");
                recovered = true;
            } catch (RuntimeException e) {
                // SnakeYAML's limits (depth, aliases) carry no mark: find the place by replaying the events
                BankError located = recovered ? null : YamlGuard.locateLimit(attemptText, file);
                if (located != null) {
                    errors.add(located);
                } else if (!recovered) {
                    errors.add(new BankError(file, 0, 0, "", BankError.SYNTAX + e.getMessage()));
                }
                return new Parsed(null, recovered, invented);
            }
        }
        return new Parsed(null, recovered, invented);
    }

    /** Marks (1-based) a line and the lines indented under it, up to the next line as far left. */
    private static void markBlock(List<String> lines, int line, BitSet invented) {
        int indent = indent(lines.get(line));
        invented.set(line + 1);
        for (int k = line + 1; k < lines.size(); k++) {
            String l = lines.get(k);
            if (!l.isBlank() && !l.trim().startsWith("#") && indent(l) <= indent) {
                break;
            }
            invented.set(k + 1);
        }
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
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
    private static Map<String, Variant> variants(Fields top, Node root, boolean baselineClean, boolean crossCheck) {
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
                    if (problem != null && crossCheck) {
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
        if (sink.isEmpty()) {
            Workload.check(s, vctx);
        }
        ctx.addAll(sink);
        return sink.isEmpty() ? s : null;
    }
}
