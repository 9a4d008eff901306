package dev.warroom.bank;

import java.util.Comparator;

/**
 * One problem in the bank, located: {@code file:line:column: field.path: message}.
 *
 * @param file    the file as the user named it, e.g. {@code problems/bank-api-slow/problem.yaml}
 * @param line    1-based line, 0 when the error concerns the whole file or folder
 * @param column  1-based column, 0 when unknown
 * @param path    the field path, e.g. {@code services.payment.threads}; empty for the file itself
 * @param message what was expected and what was found
 */
public record BankError(String file, int line, int column, String path, String message) {

    /**
     * Sorts errors the way a reader scans a file: by file, then position; a file's YAML syntax
     * errors first, since what follows them is read from a guess.
     */
    public static final Comparator<BankError> ORDER = Comparator.comparing(BankError::file)
            .thenComparing(e -> !e.message().startsWith(BankError.SYNTAX))
            .thenComparingInt(BankError::line)
            .thenComparingInt(BankError::column)
            .thenComparing(BankError::path)
            .thenComparing(BankError::message);

    /** How a YAML syntax error's message starts. */
    public static final String SYNTAX = "malformed YAML: ";

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(message).toString();
    }
}
