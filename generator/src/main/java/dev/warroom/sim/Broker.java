package dev.warroom.sim;

import static dev.warroom.sim.Outcome.FALLBACK;
import static dev.warroom.sim.Outcome.OK;

import dev.warroom.bank.Scenario;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * An Amazon SQS standard queue in front of a consumer service (docs/simulation.md, "Message
 * queues"). A call to the service is a SendMessage: the message is stored and the sender gets
 * its answer at once. Each of the service's workers receives one visible message at a time
 * (ReceiveMessage), which makes the message invisible for the visibility timeout, processes it
 * as a request of the service (its own work, then its calls) and deletes it when that request
 * succeeds (DeleteMessage). A message that is not deleted becomes visible again when its
 * visibility timeout runs out (or, with a backoff, when the consumer's ChangeMessageVisibility
 * says), and is received again; its receive count grows. With a redrive policy
 * ({@code max_receives}) a message whose receive count would exceed it moves to the
 * dead-letter queue instead of being received. A poison message fails whenever it is processed.
 *
 * <p>Only services with {@code message_queue} have a broker; elsewhere the engine checks a null field.
 */
final class Broker extends EventQueue.Ev {
    static final byte VISIBLE = 0;
    static final byte IN_FLIGHT = 1;
    static final byte DELETED = 2;
    static final byte DEAD = 3;

    /** One message: sent when, received how often, where it is. Its own event is the end of its invisibility. */
    static final class Msg extends EventQueue.Ev {
        Broker broker;
        final long sentAt;
        final boolean poison;
        int receives;
        byte state = VISIBLE;
        /** Bumped at each receive and each ChangeMessageVisibility: a timer armed before is stale. */
        int gen;

        Msg(Broker broker, long sentAt, boolean poison) {
            this.broker = broker;
            this.sentAt = sentAt;
            this.poison = poison;
        }

        @Override
        void fire(long arg) {
            broker.visibilityOver(this, (int) arg);
        }
    }

    /** What a consumer's request holds: the message and the receive (its receipt handle). */
    record Receipt(Msg msg, int gen) {
    }

    final Engine engine;
    final Node node;
    Scenario.MessageQueue cfg;
    final RandomGenerator rng;
    /** Visible messages in the order they became visible (SQS's best-effort order); deleted ones are skipped. */
    final ArrayDeque<Msg> visible = new ArrayDeque<>();
    /** Every message not yet deleted or dead-lettered, oldest sent first (for the age of the oldest). */
    final ArrayDeque<Msg> bySent = new ArrayDeque<>();
    final Map<Req, Receipt> serving = new IdentityHashMap<>();
    int visibleCount;
    int inFlightCount;
    int dead;
    long deleted;
    /** The pacer of a limited receive rate: the earliest time of the next receive (ms, fractional). */
    double nextReceiveAt;
    boolean wakeArmed;
    /** Little's law: ∫ messages in the queue dt (message·ms), and the summed sent-to-deleted times of deleted messages. */
    long areaMs;
    long sojournMs;
    private long touchedAt;

    // per second
    final int[] published;
    final int[] deletedPer;
    final int[] visibleAt;
    final int[] inFlightAt;
    final int[] oldestAgeAt;
    final int[] deadAt;

    Broker(Engine engine, Node node, RandomGenerator rng) {
        this.engine = engine;
        this.node = node;
        this.cfg = node.service.messageQueue();
        this.rng = rng;
        int n = engine.buckets;
        published = new int[n];
        deletedPer = new int[n];
        visibleAt = new int[n];
        inFlightAt = new int[n];
        oldestAgeAt = new int[n];
        deadAt = new int[n];
    }

    /** A copy for a fork; its messages are mapped through {@code f} so that timers and receipts find them. */
    Broker(Broker p, Engine engine, Node node, RandomGenerator rng, Fork f) {
        this.engine = engine;
        this.node = node;
        this.cfg = p.cfg;
        this.rng = rng;
        for (Msg m : p.bySent) {
            bySent.addLast(f.msg(m, this));
        }
        for (Msg m : p.visible) {
            visible.addLast(f.msg(m, this));
        }
        p.serving.forEach((r, rc) -> serving.put(f.req(r), new Receipt(f.msg(rc.msg, this), rc.gen)));
        visibleCount = p.visibleCount;
        inFlightCount = p.inFlightCount;
        dead = p.dead;
        deleted = p.deleted;
        nextReceiveAt = p.nextReceiveAt;
        wakeArmed = p.wakeArmed;
        areaMs = p.areaMs;
        sojournMs = p.sojournMs;
        touchedAt = p.touchedAt;
        published = f.series(p.published);
        deletedPer = f.series(p.deletedPer);
        visibleAt = f.series(p.visibleAt);
        inFlightAt = f.series(p.inFlightAt);
        oldestAgeAt = f.series(p.oldestAgeAt);
        deadAt = f.series(p.deadAt);
    }

    private void touch() {
        long now = engine.now;
        areaMs += (long) (visibleCount + inFlightCount) * (now - touchedAt);
        touchedAt = now;
    }

    /** Messages in the queue, visible or in flight. */
    int depth() {
        return visibleCount + inFlightCount;
    }

    /** SendMessage: stored, acknowledged at once, and handed to a free worker if there is one. */
    void publish(Req r) {
        touch();
        Msg m = new Msg(this, engine.now, rng.nextDouble() < cfg.poison());
        visible.addLast(m);
        bySent.addLast(m);
        visibleCount++;
        published[engine.bucket]++;
        dispatch();
        engine.services.ack(r);
    }

    /** Free workers receive visible messages (at most {@code max_rate} a second when set). */
    void dispatch() {
        Node n = node;
        while (!n.down && n.active < n.threads && visibleCount > 0) {
            long now = engine.now;
            double rate = cfg.maxRate();
            if (rate > 0 && now < Math.ceil(nextReceiveAt)) {
                if (!wakeArmed) {
                    wakeArmed = true;
                    engine.queue.schedule((long) Math.ceil(nextReceiveAt), this, 0);
                }
                return;
            }
            Msg m = visible.pollFirst();
            if (m.state != VISIBLE) {
                continue; // deleted while visible (an earlier receive finished late)
            }
            visibleCount--;
            if (cfg.maxReceives() > 0 && m.receives >= cfg.maxReceives()) {
                touch();
                m.state = DEAD; // the redrive policy: maxReceiveCount exceeded
                dead++;
                continue;
            }
            m.receives++;
            m.state = IN_FLIGHT;
            inFlightCount++;
            m.gen++;
            if (rate > 0) {
                // keep the fractional schedule when late by the rounding to whole ms only
                nextReceiveAt = (now - nextReceiveAt < 1 ? nextReceiveAt : now) + 1000.0 / rate;
            }
            engine.queue.schedule(now + cfg.visibilityTimeoutMs(), m, m.gen);
            Req r = new Req(n, null, 0, m.receives > 1, 0);
            serving.put(r, new Receipt(m, m.gen));
            engine.services.consume(r);
        }
    }

    /** The pacer's wake-up. */
    @Override
    void fire(long arg) {
        wakeArmed = false;
        dispatch();
    }

    /** The message's visibility timeout (armed at receive {@code gen}) ran out: visible again. */
    void visibilityOver(Msg m, int gen) {
        if (m.state == IN_FLIGHT && m.gen == gen) {
            m.state = VISIBLE;
            inFlightCount--;
            visibleCount++;
            visible.addLast(m);
            dispatch();
        }
    }

    /** Whether the consumer's request {@code r} processes a poison message. */
    boolean poisoned(Req r) {
        Receipt rc = serving.get(r);
        return rc != null && rc.msg.poison;
    }

    /** The consumer's request ended: delete the message on success; on failure, back off if configured. */
    void finished(Req r, int outcome) {
        Receipt rc = serving.remove(r);
        if (rc == null) {
            return;
        }
        Msg m = rc.msg;
        if (outcome == OK || outcome == FALLBACK) {
            if (m.state == IN_FLIGHT || m.state == VISIBLE) {
                touch();
                if (m.state == IN_FLIGHT) {
                    inFlightCount--;
                } else {
                    visibleCount--;
                }
                m.state = DELETED;
                deleted++;
                deletedPer[engine.bucket]++;
                sojournMs += engine.now - m.sentAt;
            }
            return;
        }
        if (cfg.backoffBaseMs() > 0 && m.state == IN_FLIGHT && m.gen == rc.gen) {
            // ChangeMessageVisibility with this receive's handle: visible again after the backoff
            int n = Math.min(30, m.receives - 1);
            long delay = Math.min(cfg.backoffCapMs(), cfg.backoffBaseMs() << n);
            if (delay <= 0 || delay > cfg.backoffCapMs()) {
                delay = cfg.backoffCapMs();
            }
            m.gen++;
            engine.queue.schedule(engine.now + delay, m, m.gen);
        }
    }

    /** New settings (a {@code set} of the service's message_queue): the next receives follow them. */
    void update(Scenario.MessageQueue q) {
        cfg = q;
        dispatch();
    }

    /** The end of second {@code b}. */
    void sample(int b) {
        visibleAt[b] = visibleCount;
        inFlightAt[b] = inFlightCount;
        deadAt[b] = dead;
        Msg head = bySent.peekFirst();
        while (head != null && head.state >= DELETED) {
            bySent.pollFirst();
            head = bySent.peekFirst();
        }
        long end = (long) (b + 1) * Engine.BUCKET_MS;
        oldestAgeAt[b] = head == null ? 0 : (int) ((end - head.sentAt) / 1000);
    }

    /** Area and sojourn brought up to now (for the tests' Little's law). */
    void settle() {
        touch();
    }
}
