package dev.warroom.bank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where reading happens: the file's display name, the errors found so far, and where each
 * field path was read (so that later cross-checks can point at the right line).
 */
final class Ctx {
    final String file;
    private final List<BankError> errors;
    private final Map<String, Mark> marks = new HashMap<>();
    private final String prefix;

    Ctx(String file, List<BankError> errors) {
        this(file, errors, "");
    }

    private Ctx(String file, List<BankError> errors, String prefix) {
        this.file = file;
        this.errors = errors;
        this.prefix = prefix;
    }

    /** A context whose errors name the path with a prefix, e.g. {@code variants.retry-storm: }. */
    Ctx prefixed(String prefix, List<BankError> sink) {
        return new Ctx(file, sink, prefix);
    }

    void error(Node at, String path, String message) {
        error(at == null ? null : at.getStartMark(), path, message);
    }

    void error(Mark at, String path, String message) {
        int line = at == null ? 0 : at.getLine() + 1;
        int column = at == null ? 0 : at.getColumn() + 1;
        errors.add(new BankError(file, line, column, prefix + path, message));
    }

    /**
     * An error at the place a path was read; when it was not (a missing field), at its
     * nearest enclosing part that was: {@code quiz[3].choices} falls back to {@code quiz[3]}.
     */
    void errorAt(String path, String message) {
        String at = path;
        Mark mark = marks.get(at);
        while (mark == null && !at.isEmpty()) {
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut < 0 ? "" : at.substring(0, cut);
            mark = marks.get(at);
        }
        error(mark, path, message);
    }

    void addAll(List<BankError> more) {
        errors.addAll(more);
    }

    void mark(String path, Node node) {
        marks.put(path, node.getStartMark());
    }

    void markIfAbsent(String path, Node node) {
        marks.putIfAbsent(path, node.getStartMark());
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int errorCount() {
        return errors.size();
    }

    List<BankError> errors() {
        return new ArrayList<>(errors);
    }
}
