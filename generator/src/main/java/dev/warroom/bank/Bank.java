package dev.warroom.bank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The problem bank: every problem under one folder, loaded and validated. The front door
 * of this package: {@code Bank.load(Path.of("problems"))}.
 *
 * @param dir      the bank's folder
 * @param rubric   the bank's rubric ({@link Rubric}): every problem is graded on these dimensions
 * @param problems the problems, sorted by id
 */
public record Bank(Path dir, List<Study.Dimension> rubric, List<Problem> problems) {

    public Bank {
        rubric = List.copyOf(rubric);
        problems = List.copyOf(problems);
    }

    /**
     * Loads every problem folder (a folder with a problem.yaml, or any folder not starting
     * with '.' or '_') under {@code dir}, or the single problem when {@code dir} is one.
     *
     * @throws BankException with every error found, when there is any
     */
    public static Bank load(Path dir) throws BankException {
        return load(dir, null, PROBLEM_TIME_LIMIT);
    }

    /** How long one problem's validation may take before it counts as an internal error (it takes well under a second). */
    static final java.time.Duration PROBLEM_TIME_LIMIT = java.time.Duration.ofSeconds(60);

    /** Reads one problem folder into a problem, or null with its errors added. */
    @FunctionalInterface
    interface Reader {
        Problem read(Path folder, String display, List<BankError> errors);
    }

    /** Loads with {@code reader} (null: the problem reader, with the bank's rubric). */
    static Bank load(Path dir, Reader reader, java.time.Duration limit) throws BankException {
        List<BankError> errors = new ArrayList<>();
        String display = display(dir);
        List<Study.Dimension> rubric = Files.isDirectory(dir) ? Rubric.read(dir, display, errors) : List.of();
        Reader read = reader != null ? reader : (folder, name, errs) -> ProblemReader.read(folder, name, rubric, errs);
        List<Path> folders = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(ProblemReader.PROBLEM_FILE))) {
            folders.add(dir);
        } else if (!Files.isDirectory(dir)) {
            throw new BankException(List.of(new BankError(display, 0, 0, "", "no such folder")));
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory)
                        .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                        .sorted()
                        .forEach(folders::add);
            } catch (IOException e) {
                throw new BankException(List.of(new BankError(display, 0, 0, "", "cannot list: " + e.getMessage())));
            }
            if (folders.isEmpty()) {
                throw new BankException(List.of(new BankError(display, 0, 0, "", "no problems here (a problem is a folder with a "
                        + ProblemReader.PROBLEM_FILE + "); create one with: warroom new <id>")));
            }
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path folder : folders) {
            String name = folder.equals(dir) ? display : display + "/" + folder.getFileName();
            Problem p = Isolated.read(read, folder, name, errors, limit);
            if (p != null) {
                String before = seen.putIfAbsent(p.id(), name);
                if (before != null) {
                    errors.add(new BankError(name + "/" + ProblemReader.PROBLEM_FILE, 0, 0, "id",
                            "duplicate problem id '" + p.id() + "' (also in " + before + ")"));
                }
                problems.add(p);
            }
        }
        if (!errors.isEmpty()) {
            throw new BankException(errors);
        }
        return new Bank(dir, rubric, problems);
    }

    /** A problem by id; throws if unknown. */
    public Problem problem(String id) {
        for (Problem p : problems) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no problem '" + id + "' in " + dir + Suggest.didYouMean(id,
                problems.stream().map(Problem::id).toList()));
    }

    /** The path as the user would write it: relative to the working directory when inside it. */
    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        String s = abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : p.normalize().toString();
        return s.replace('\\', '/');
    }
}
