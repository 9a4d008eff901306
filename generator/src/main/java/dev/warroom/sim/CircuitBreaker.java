package dev.warroom.sim;

import dev.warroom.bank.Scenario.Breaker;

/**
 * A client-side circuit breaker on one call edge, in one of two documented styles. Every
 * attempt asks {@link #tryAcquire} first and reports its outcome with {@link #onResult};
 * an outcome of a call admitted under an earlier state ({@link #generation}) is ignored,
 * as both libraries do once the state has moved on.
 */
abstract class CircuitBreaker {
    static final int CLOSED = 0;
    static final int HALF_OPEN = 1;
    static final int OPEN = 2;
    static final String[] NAMES = {"closed", "half_open", "open"};

    int state = CLOSED;
    int generation;
    /** Receives every transition (time, new state). */
    Listener listener = (t, s) -> { };

    interface Listener {
        void transition(long tMs, int state);
    }

    static CircuitBreaker of(Breaker b) {
        return b.style() == Breaker.Style.CONSECUTIVE ? new Consecutive(b) : new Rate(b);
    }

    /** A copy in the same state (a fork); the caller sets its listener. */
    abstract CircuitBreaker copy();

    /** Whether a call may go out now; may move OPEN to HALF_OPEN. */
    abstract boolean tryAcquire(long now);

    /** The outcome of a call admitted under {@code generation}. */
    abstract void onResult(long now, int generation, boolean failure, long durationMs);

    final void moveTo(long now, int s) {
        state = s;
        generation++;
        listener.transition(now, s);
    }

    /**
     * pybreaker ({@code src/pybreaker/__init__.py}): closed counts consecutive failures and a
     * success resets the count; the fail_max-th consecutive failure opens it; open rejects
     * until reset_timeout has passed since it opened; then the next call moves it to half-open
     * and is the trial; a trial failure reopens (new opened-at), success_threshold trial
     * successes close it. pybreaker runs calls under a lock, so one trial at a time: calls
     * made while a trial is out are rejected.
     */
    static final class Consecutive extends CircuitBreaker {
        private final int failMax;
        private final long resetTimeout;
        private final int successThreshold;
        int failures;
        int successes;
        long openedAt;
        boolean trialOut;

        Consecutive(Breaker b) {
            failMax = b.failMax();
            resetTimeout = b.resetTimeoutMs();
            successThreshold = b.successThreshold();
        }

        private Consecutive(Consecutive p) {
            failMax = p.failMax;
            resetTimeout = p.resetTimeout;
            successThreshold = p.successThreshold;
            state = p.state;
            generation = p.generation;
            failures = p.failures;
            successes = p.successes;
            openedAt = p.openedAt;
            trialOut = p.trialOut;
        }

        @Override
        CircuitBreaker copy() {
            return new Consecutive(this);
        }

        @Override
        boolean tryAcquire(long now) {
            if (state == OPEN) {
                if (now < openedAt + resetTimeout) {
                    return false;
                }
                successes = 0;
                moveTo(now, HALF_OPEN);
            }
            if (state == HALF_OPEN) {
                if (trialOut) {
                    return false;
                }
                trialOut = true;
            }
            return true;
        }

        @Override
        void onResult(long now, int gen, boolean failure, long durationMs) {
            if (gen != generation) {
                return;
            }
            if (state == CLOSED) {
                if (!failure) {
                    failures = 0;
                } else if (++failures >= failMax) {
                    open(now);
                }
            } else if (state == HALF_OPEN) {
                trialOut = false;
                if (failure) {
                    open(now);
                } else if (++successes >= successThreshold) {
                    failures = 0;
                    moveTo(now, CLOSED);
                }
            }
        }

        private void open(long now) {
            openedAt = now;
            trialOut = false;
            moveTo(now, OPEN);
        }
    }

    /**
     * resilience4j ({@code CircuitBreakerConfig}, {@code CircuitBreakerStateMachine}): closed
     * records outcomes in a sliding window (the last N calls, or the calls of the last N
     * seconds); once the window holds at least minimumNumberOfCalls it opens when the failure
     * rate or the slow-call rate (duration above slowCallDurationThreshold) reaches its
     * threshold. Open rejects for waitDurationInOpenState, then the next call moves it to
     * half-open, which permits exactly permittedNumberOfCallsInHalfOpenState calls and
     * decides on the last of them: open again if a rate reaches its threshold, else closed.
     */
    static final class Rate extends CircuitBreaker {
        private final Breaker cfg;
        /** Count window: ring of outcomes (bit 0 failure, bit 1 slow). */
        private final byte[] ring;
        private int ringSize;
        private int ringHead;
        /** Time window: per-second buckets. */
        private final int[] secCalls;
        private final int[] secFailed;
        private final int[] secSlow;
        private final long[] secStamp;
        private int calls;
        private int failed;
        private int slow;
        long openedAt;
        int permitted;
        int hoCalls;
        int hoFailed;
        int hoSlow;

        Rate(Breaker b) {
            cfg = b;
            boolean time = b.windowType() == Breaker.WindowType.TIME;
            ring = time ? new byte[0] : new byte[b.window()];
            int n = time ? b.window() : 0;
            secCalls = new int[n];
            secFailed = new int[n];
            secSlow = new int[n];
            secStamp = new long[n];
            java.util.Arrays.fill(secStamp, -1);
        }

        private Rate(Rate p) {
            cfg = p.cfg;
            ring = p.ring.clone();
            ringSize = p.ringSize;
            ringHead = p.ringHead;
            secCalls = p.secCalls.clone();
            secFailed = p.secFailed.clone();
            secSlow = p.secSlow.clone();
            secStamp = p.secStamp.clone();
            calls = p.calls;
            failed = p.failed;
            slow = p.slow;
            openedAt = p.openedAt;
            permitted = p.permitted;
            hoCalls = p.hoCalls;
            hoFailed = p.hoFailed;
            hoSlow = p.hoSlow;
            state = p.state;
            generation = p.generation;
        }

        @Override
        CircuitBreaker copy() {
            return new Rate(this);
        }

        @Override
        boolean tryAcquire(long now) {
            if (state == OPEN) {
                if (now < openedAt + cfg.waitOpenMs()) {
                    return false;
                }
                permitted = 0;
                hoCalls = 0;
                hoFailed = 0;
                hoSlow = 0;
                moveTo(now, HALF_OPEN);
            }
            if (state == HALF_OPEN) {
                if (permitted >= cfg.halfOpenCalls()) {
                    return false;
                }
                permitted++;
            }
            return true;
        }

        @Override
        void onResult(long now, int gen, boolean failure, long durationMs) {
            if (gen != generation) {
                return;
            }
            boolean isSlow = durationMs > cfg.slowCallDurationMs();
            if (state == HALF_OPEN) {
                hoCalls++;
                hoFailed += failure ? 1 : 0;
                hoSlow += isSlow ? 1 : 0;
                if (hoCalls >= cfg.halfOpenCalls()) {
                    if (exceeded(hoCalls, hoFailed, hoSlow)) {
                        open(now);
                    } else {
                        resetWindow();
                        moveTo(now, CLOSED);
                    }
                }
                return;
            }
            if (state != CLOSED) {
                return;
            }
            record(now, failure, isSlow);
            if (calls >= cfg.minimumCalls() && exceeded(calls, failed, slow)) {
                open(now);
            }
        }

        private boolean exceeded(int n, int f, int s) {
            return n > 0 && (100.0 * f / n >= cfg.failureRatePercent() || 100.0 * s / n >= cfg.slowCallRatePercent());
        }

        private void record(long now, boolean failure, boolean isSlow) {
            if (ring.length > 0) {
                if (ringSize == ring.length) {
                    byte old = ring[ringHead];
                    calls--;
                    failed -= old & 1;
                    slow -= (old >> 1) & 1;
                } else {
                    ringSize++;
                }
                ring[ringHead] = (byte) ((failure ? 1 : 0) | (isSlow ? 2 : 0));
                ringHead = (ringHead + 1) % ring.length;
            } else {
                long sec = now / 1000;
                evictBefore(sec);
                int i = (int) (sec % secCalls.length);
                if (secStamp[i] != sec) {
                    secStamp[i] = sec;
                    secCalls[i] = 0;
                    secFailed[i] = 0;
                    secSlow[i] = 0;
                }
                secCalls[i]++;
                secFailed[i] += failure ? 1 : 0;
                secSlow[i] += isSlow ? 1 : 0;
            }
            calls++;
            failed += failure ? 1 : 0;
            slow += isSlow ? 1 : 0;
        }

        /** Drops the per-second buckets that fell out of the time window. */
        private void evictBefore(long sec) {
            for (int i = 0; i < secStamp.length; i++) {
                if (secStamp[i] >= 0 && secStamp[i] <= sec - secStamp.length) {
                    calls -= secCalls[i];
                    failed -= secFailed[i];
                    slow -= secSlow[i];
                    secStamp[i] = -1;
                }
            }
        }

        private void resetWindow() {
            ringSize = 0;
            ringHead = 0;
            java.util.Arrays.fill(secStamp, -1);
            calls = 0;
            failed = 0;
            slow = 0;
        }

        private void open(long now) {
            openedAt = now;
            moveTo(now, OPEN);
        }
    }
}
