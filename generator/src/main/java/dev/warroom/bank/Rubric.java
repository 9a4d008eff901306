package dev.warroom.bank;

import dev.warroom.bank.Study.Dimension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The bank's rubric, {@code rubric.yaml} beside the problem folders: the dimensions every
 * problem is graded on and what each level looks like. Read and validated once per bank, with
 * located errors; a bank without one gets the kit's (problems/rubric.yaml, packaged).
 */
public final class Rubric {
    /** The file's name, in the bank's folder. */
    public static final String FILE = "rubric.yaml";
    private static final String DEFAULT = "/dev/warroom/bank/rubric.yaml";

    private Rubric() {
    }

    /** The folder whose rubric.yaml a bank uses: the bank's, or a single problem's parent. */
    static Path folder(Path dir) {
        if (Files.isRegularFile(dir.resolve(ProblemReader.PROBLEM_FILE))) {
            Path parent = dir.toAbsolutePath().normalize().getParent();
            return parent == null ? dir : parent;
        }
        return dir;
    }

    /** The rubric of the bank in {@code dir} (its rubric.yaml, else the kit's); errors are added, located. */
    static List<Dimension> read(Path dir, String display, List<BankError> errors) {
        Path file = folder(dir).resolve(FILE);
        if (Files.isRegularFile(file)) {
            String name = (Files.isRegularFile(dir.resolve(ProblemReader.PROBLEM_FILE))
                    ? Bank.display(folder(dir)) : display) + "/" + FILE;
            String text = TextFile.read(file, name, "missing", errors);
            return text == null ? List.of() : parse(text, name, errors);
        }
        return kit();
    }

    /** The kit's rubric: the seed's four dimensions. */
    public static List<Dimension> kit() {
        try (InputStream in = Rubric.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("the kit's rubric is missing from the classpath: " + DEFAULT);
            }
            List<BankError> errors = new ArrayList<>();
            List<Dimension> dims = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), FILE, errors);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the kit's rubric has errors: " + errors);
            }
            return dims;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Dimension> parse(String text, String file, List<BankError> errors) {
        ProblemReader.Parsed parsed = ProblemReader.parseText(text, file, errors);
        Node root = parsed.root();
        if (root == null || parsed.recovered()) {
            return List.of();
        }
        if (!(root instanceof MappingNode)) {
            errors.add(new BankError(file, root.getStartMark().getLine() + 1, root.getStartMark().getColumn() + 1, "",
                    "expected a mapping with 'dimensions:' at the top of the file, got " + Fields.describe(root)));
            return List.of();
        }
        Ctx ctx = new Ctx(file, errors);
        Fields top = new Fields(ctx, "", root);
        List<Dimension> dims = top.objects("dimensions", true, f -> new Dimension(f.id("id"), f.string("title"),
                f.string("novice"), f.string("intermediate"), f.string("expert")));
        if (dims.isEmpty() && top.has("dimensions")) {
            ctx.errorAt("dimensions", "needs at least one dimension");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < dims.size(); i++) {
            if (!dims.get(i).id().isEmpty() && !seen.add(dims.get(i).id())) {
                ctx.errorAt("dimensions[" + i + "].id", "duplicate id '" + dims.get(i).id() + "'");
            }
        }
        top.end();
        return dims;
    }
}
