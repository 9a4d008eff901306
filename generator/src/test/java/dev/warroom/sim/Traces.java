package dev.warroom.sim;

import dev.warroom.bank.Bank;
import dev.warroom.bank.BankException;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bank's traces, shared by the test classes: simulated once (and kept in the trace cache
 * on disk, where the build's tests and the site module find them again).
 */
final class Traces {
    private static Bank bank;
    private static final Map<String, Trace> CACHE = new ConcurrentHashMap<>();

    private Traces() {
    }

    static synchronized Bank bank() throws BankException {
        if (bank == null) {
            bank = Bank.load(Golden.root().resolve("problems"));
        }
        return bank;
    }

    static Problem problem(String id) throws BankException {
        return bank().problem(id);
    }

    static Trace of(Problem p, String variant) {
        return CACHE.computeIfAbsent(p.id() + "/" + variant,
                k -> dev.warroom.cache.TraceCache.standard().get(p, variant, () -> Simulation.run(p, variant)));
    }

    /** Simulates every variant of a problem, two at a time. */
    static void all(Problem p) {
        p.traceIds().parallelStream().forEach(v -> of(p, v));
    }
}
