package dev.warroom.sim;

/** One call in flight at an external dependency. */
final class ExtCall extends EventQueue.Ev {
    final Externals externals;
    final Node ext;
    final Req caller;
    final int attemptId;
    final long sent;
    final boolean error;
    /** The attempt of a call with a side effect, or null. */
    final Effects.Attempt effect;

    ExtCall(Externals externals, Node ext, Req caller, int attemptId, long sent, boolean error, Effects.Attempt effect) {
        this.effect = effect;
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
