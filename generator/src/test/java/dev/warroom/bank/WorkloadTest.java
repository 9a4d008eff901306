package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warroom.site.Scaffold;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;
import dev.warroom.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work estimate that keeps what validates runnable (issues 18.3, 19.6). */
class WorkloadTest {
    @TempDir
    Path bank;
    @Test
    void theBankIsWellWithinTheLimits() throws Exception {
        Bank bank = Bank.load(Golden.root().resolve("problems"));
        double worstEvents = 0;
        double worstWaiting = 0;
        for (Problem p : bank.problems()) {
            for (String v : p.traceIds()) {
                Workload.Estimate e = Workload.estimate(p.scenario(v));
                System.out.printf(Locale.ROOT, "%-34s %-28s events %s, waiting %s (%s)%n", p.id(), v,
                        Workload.sci(e.events()), Workload.sci(e.waiting()), e.queue());
                worstEvents = Math.max(worstEvents, e.events());
                worstWaiting = Math.max(worstWaiting, e.waiting());
            }
        }
        System.out.printf(Locale.ROOT, "worst: events %s (limit %s), waiting %s (limit %s)%n", Workload.sci(worstEvents),
                Workload.sci(Workload.MAX_EVENTS), Workload.sci(worstWaiting), Workload.sci(Workload.MAX_WAITING));
        assertThat(worstEvents).isLessThan(Workload.MAX_EVENTS);
        assertThat(worstWaiting).isLessThan(Workload.MAX_WAITING);
    }

    @Test
    void sciWritesPowersOfTen() {
        assertThat(Workload.sci(8.64e10)).isEqualTo("8.6 × 10¹⁰");
        assertThat(Workload.sci(2e8)).isEqualTo("2 × 10⁸");
        assertThat(Workload.sci(9.99e5)).isEqualTo("1 × 10⁶");
        assertThat(Workload.sci(450)).isEqualTo("450");
    }

    // ---- the cases of issue 19.6: refused at validation, or run within the estimate -----------

    @Test
    void theHighestRateOverALongClockIsRefusedWithAnEstimate() throws Exception {
        BankError e = refused(edit("rate: 500", "rate: 10000000", "duration: 10m", "duration: 2h"));
        assertThat(e.path()).isEqualTo("traffic[0].rate");
        assertThat(e.line()).isPositive();
        assertThat(e.message()).isEqualTo("the simulation would process about 5.8 × 10¹¹ events (1 × 10⁷ req/s for"
                + " 120m, through the call graph with every retry); the limit is 2 × 10⁸: lower the rate or shorten the clock");
    }

    @Test
    void oneThreadBehindAnUnboundedQueueAtAHighRateIsRefused() throws Exception {
        BankError e = refused(edit("rate: 500", "rate: 100000", "threads: 100", "threads: 1",
                "queue: {capacity: 200, order: fifo}", "queue: {capacity: unbounded}", "duration: 10m", "duration: 4m"));
        assertThat(e.path()).isEqualTo("services.api.queue");
        assertThat(e.message()).startsWith("up to about 2.4 × 10⁷ requests could wait in this unbounded queue at once;"
                + " the limit is 1 × 10⁷");
    }

    @Test
    void aHundredRetriesWithAOneMillisecondTimeoutRunWithinTheEstimate() throws Exception {
        Problem p = load(edit("rate: 500", "rate: 20", "duration: 10m", "duration: 1m",
                "faults:\n  - target: dependency\n    kind: step\n    at: \"10:00\"\n    latency: 10s\n    fraction: 1.0\n",
                "faults: []\n",
                "dependency: {timeout: none}", "dependency: {timeout: 1ms, retry: {attempts: 100}}"));
        Workload.Estimate estimate = Workload.estimate(p.baseline());
        Trace t = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Simulation.run(p, Problem.BASELINE));
        System.out.printf(Locale.ROOT, "100 retries, 1 ms timeout: %d events, estimate %s%n",
                t.stats().eventsProcessed(), Workload.sci(estimate.events()));
        assertThat((double) t.stats().eventsProcessed()).isLessThanOrEqualTo(estimate.events());
        assertThat(t.edges().values().stream().flatMap(s -> s.series().stream()).count()).isPositive();
    }

    @Test
    void aTimeWindowBreakerLongerThanADayIsRefused() throws Exception {
        BankError e = refused(edit("dependency: {timeout: none}",
                "dependency: {timeout: 1s, breaker: {style: rate, window: 1000000, window_type: time}}"));
        assertThat(e.path()).isEqualTo("services.api.calls.dependency.breaker.window");
        assertThat(e.message()).isEqualTo("a time window is at most 86400 seconds (24h, the longest clock), got 1000000");
    }

    @Test
    void aTimeWindowBreakerOfADayRunsInTimeLinearInTheCalls() throws Exception {
        Problem p = load(edit("dependency: {timeout: none}",
                "dependency: {timeout: 1s, breaker: {style: rate, window: 86400, window_type: time}}"));
        // evicting the window's buckets once per call took 86,400 steps a call: about 2.6 × 10¹¹ for this run
        Trace t = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Simulation.run(p, Problem.BASELINE));
        assertThat(t.service("api").series()).isNotEmpty();
    }

    @Test
    void aChainOfTwoThousandServicesValidatesAndRunsWithoutOverflowingTheStack() throws Exception {
        StringBuilder chain = new StringBuilder();
        int n = 2000;
        for (int i = 0; i < n; i++) {
            chain.append("  s").append(i).append(":\n    name: S").append(i).append("\n    threads: 10\n"
                    + "    processing: 1ms\n");
            chain.append(i + 1 < n ? "    calls: {s" + (i + 1) + ": {}}\n" : "    calls: {dependency: {}}\n");
        }
        edit("rate: 500", "rate: 1", "duration: 10m", "duration: 5m",
                "    calls:\n      dependency: {timeout: none}\n", "    calls:\n      s0: {}\n" + chain,
                "services.api.calls.dependency.timeout: 500ms", "services.s1999.calls.dependency.timeout: 500ms");
        // on a thread with a small stack (256 KB; the simulations run on pool threads), so that recursion shows
        Trace[] t = new Trace[1];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                t[0] = Simulation.run(load(null), Problem.BASELINE);
            } catch (Throwable e) {
                failure[0] = e;
                e.printStackTrace();
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join(60_000);
        assertThat(failure[0]).as("validation and simulation of the chain").isNull();
        assertThat(t[0].service("s1999").series().stream().mapToInt(Trace.Bucket::ok).sum()).isPositive();
    }

    private Path edit(String... findReplace) throws Exception {
        Path yaml = Scaffold.create(bank, "demo").resolve("problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        for (int i = 0; i < findReplace.length; i += 2) {
            assertThat(text).contains(findReplace[i]);
            text = text.replace(findReplace[i], findReplace[i + 1]);
        }
        Files.writeString(yaml, text, StandardCharsets.UTF_8);
        return yaml;
    }

    private BankError refused(Path yaml) {
        BankException e = catchThrowableOfType(BankException.class, () -> Bank.load(bank));
        assertThat(e).as("validation must refuse it").isNotNull();
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).line()).isPositive();
        return e.errors().get(0);
    }

    private Problem load(Path yaml) {
        try {
            return Bank.load(bank).problems().get(0);
        } catch (BankException e) {
            throw new AssertionError("must validate: " + e.errors(), e);
        }
    }
}
