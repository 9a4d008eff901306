package dev.warroom.cli;

/** The exit codes of every command (DESIGN §6). */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** A bug or an environment failure: not the user's input. */
    public static final int INTERNAL = 1;
    /** Invalid input: problem bank errors or bad arguments. */
    public static final int INVALID = 2;

    private ExitCode() {
    }
}
