package dev.warroom.sim;

/** One call in flight at an external dependency. */
final class ExtCall extends EventQueue.Ev {
    final Externals externals;
    final Node ext;
    final Req caller;
    final int attemptId;
    final long sent;
    final boolean error;

    ExtCall(Externals externals, Node ext, Req caller, int attemptId, long sent, boolean error) {
        this.externals = externals;
        this.ext = ext;
        this.caller = caller;
        this.attemptId = attemptId;
        this.sent = sent;
        this.error = error;
    }

    @Override
    void fire(long arg) {
        externals.answer(this);
    }
}
