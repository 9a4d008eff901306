package dev.warroom.cli;

/** A mistake in the user's input that is not a problem-bank error: exit 2 with this message. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
