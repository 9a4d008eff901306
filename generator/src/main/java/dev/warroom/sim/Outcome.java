package dev.warroom.sim;

/**
 * How a request ends at a service, and why one attempt of a call failed as its caller sees
 * it. Plain ints, not enums: they index per-bucket counters and a retry policy's bit set
 * ({@link Edge#retryOn}) on the hot path.
 */
final class Outcome {
    // at a service; from REJECTED on, a failure (a user may press refresh)
    static final int OK = 0;
    static final int FALLBACK = 1;
    /** 503 from this service: pool and queue full, shed, rate limited, bulkhead full. */
    static final int REJECTED = 2;
    /** 504: our timeout on a call, the queue timeout, or a deadline. */
    static final int TIMED_OUT = 3;
    /** A call failed or was rejected by the callee (or the service's own work failed). */
    static final int FAILED = 4;
    /** A breaker on a call was open. */
    static final int FAST_FAILED = 5;
    /** A rejection the caller never hears about (overflow: drop). */
    static final int DROPPED = 6;

    // why an attempt failed, from the caller's side; the first three are what a retry policy may retry
    static final int F_TIMEOUT = 0;
    static final int F_ERROR = 1;
    static final int F_REJECTED = 2;
    static final int F_OPEN = 3;
    static final int F_BULKHEAD = 4;
    /** Not a failure: the attempt succeeded. */
    static final int F_NONE = -1;

    /** The request's outcome when a call fails for good (no retry, no fallback left). */
    static int ofFailedCall(int failure) {
        return switch (failure) {
            case F_TIMEOUT -> TIMED_OUT;
            case F_OPEN -> FAST_FAILED;
            case F_BULKHEAD -> REJECTED;
            default -> FAILED;
        };
    }

    /** What the caller sees of an outcome: success, the callee's 503, or an error. */
    static int asSeenByCaller(int outcome) {
        return switch (outcome) {
            case OK, FALLBACK -> F_NONE;
            case REJECTED -> F_REJECTED;
            default -> F_ERROR;
        };
    }

    private Outcome() {
    }
}
