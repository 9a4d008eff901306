package dev.warroom.site;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Problem one as a drill with two decisions (a test copy of the problem whose
 * {@code decisions:} block is the one below, replacing the problem's own), the
 * fixture media, a hand-made baseline trace for the dashboards and hand-made outcomes.
 */
final class DrillFixture {
    static final String DECISIONS = """

            decisions:
              - id: first-action
                at: "14:12"
                from: baseline
                prompt: |
                  The room is waiting for your call. Payment's 200 threads are pinned on the Bank API and
                  847 requests wait behind them. **What do you do now?**
                options:
                  - id: breaker-1412
                    label: "Give Payment a 2 s timeout on the Bank API, with a breaker and a payment-pending fallback"
                    rating: expert
                    why: "Payment fails fast instead of pinning threads; the cascade unwinds from the bottom."
                    act:
                      - set:
                          services.payment.calls.bank-api: {probability: 1.0, timeout: 2s, breaker: {style: consecutive, fail_max: 5, reset_timeout: 30s, success_threshold: 1}, fallback: {latency: 2ms}}
                  - id: flag-checkout
                    label: "Switch checkout off at the Frontend with its feature flag"
                    rating: intermediate
                    why: "Browsing comes back, but every order is lost until checkout returns."
                    act:
                      - disable: "frontend->cart"
                  - id: restart-payment
                    label: "Restart Payment to clear its threads"
                    rating: novice
                    why: "The Bank is still slow: the new threads are pinned again within seconds."
                    act:
                      - restart: payment
                  - id: payment-2000
                    label: "Raise Payment's pool to 2,000 threads"
                    rating: novice
                    why: "More threads only wait longer on the same 30 s calls."
                    act:
                      - scale: payment
                        threads: 2000
                  - id: order-threads
                    label: "Add servers to Order"
                    rating: novice
                    why: "Order's threads wait on Payment; more of them wait just the same."
                    act:
                      - scale: order
                        threads: 3000
              - id: second-action
                at: "14:15"
                from: breaker-1412
                prompt: "The Frontend is coming back. **What is your next layer?**"
                options:
                  - id: shed-order
                    label: "Shed load at Order once its queue holds 100 requests"
                    rating: expert
                    why: "A second layer: Order answers 503 at once instead of queueing work nobody waits for."
                    act:
                      - set:
                          services.order.shed: {max_queue: 100}
                  - id: restart-order
                    label: "Restart Order to clear its queue"
                    rating: novice
                    why: "A restart drops what is in flight and buys nothing the breaker has not already bought."
                    act:
                      - restart: order
            """;

    /** The outcome figures the interventions work will compute from the branch traces. */
    static final Map<String, DrillOutcome> OUTCOMES = Map.of(
            "breaker-1412", new DrillOutcome(true, 70_000L, "14:13:10", 12_345, 0.081, 3.2, false, 900),
            "flag-checkout", new DrillOutcome(true, 40_000L, "14:12:40", 60_000, 0.45, 9.5, false, 900),
            "restart-payment", new DrillOutcome(false, null, null, 400_000, 0.93, 44.0, true, 2_300),
            "payment-2000", new DrillOutcome(false, null, null, 390_000, 0.9, 43.0, true, 900),
            "order-threads", new DrillOutcome(false, null, null, 395_000, 0.91, 43.5, true, 900),
            "shed-order", new DrillOutcome(true, 20_000L, "14:15:20", 1_000, 0.01, 0.2, false, 900),
            "restart-order", new DrillOutcome(false, null, null, 50_000, 0.3, 6.0, true, 1_400));

    private DrillFixture() {
    }

    /** A bank of problem one alone, with the decisions above, under {@code dir}. */
    static Bank bank(Path dir) throws Exception {
        Path src = Golden.root().resolve("problems/bank-api-slow");
        Path dst = dir.resolve("problems/bank-api-slow");
        Files.createDirectories(dst);
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        // the problem's own decisions, if it has some by now, give way to the fixture's
        String yaml = Files.readString(dst.resolve("problem.yaml"), StandardCharsets.UTF_8)
                .replaceAll("(?ms)^decisions:.*?(?=^[a-z_]+:|\\z)", "");
        Files.writeString(dst.resolve("problem.yaml"), yaml + DECISIONS, StandardCharsets.UTF_8);
        return Bank.load(dir.resolve("problems"));
    }

    private static Path frame(Path dir, String name, String label) throws java.io.IOException {
        Path f = dir.resolve("media").resolve(name);
        Files.writeString(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\"><text x=\"20\" y=\"90\">"
                + label + "</text></svg>", StandardCharsets.UTF_8);
        return f;
    }

    /** Builds the drill site into {@code dir/site}. */
    static Path build(Path dir) throws Exception {
        Bank bank = bank(dir);
        SiteMedia fixture = SiteFixture.media(dir.resolve("media"));
        SiteMedia.ProblemMedia pm = fixture.of("bank-api-slow");
        Map<String, SiteMedia.VariantMedia> variants = new java.util.LinkedHashMap<>(pm.variants());
        // one baseline frame after YOU ARE HERE, and the breaker branch's own frames from 14:10
        SiteMedia.VariantMedia base = variants.get(Problem.BASELINE);
        java.util.List<SiteMedia.Frame> frames = new java.util.ArrayList<>(base.frames());
        frames.add(new SiteMedia.Frame(frame(dir, "later.svg", "14:15"), 14 * 3600 + 900, "Frontend still down"));
        variants.put(Problem.BASELINE, new SiteMedia.VariantMedia(base.title(), base.video(), base.comparison(), frames));
        java.util.List<SiteMedia.Frame> branch = new java.util.ArrayList<>();
        for (int m : new int[] {10, 12, 13, 15}) {
            branch.add(new SiteMedia.Frame(frame(dir, "breaker-" + m + ".svg", "14:" + m), 14 * 3600 + m * 60,
                    m < 13 ? "Payment pinned" : "Breaker open: Payment fails fast"));
        }
        variants.put("breaker-1412", new SiteMedia.VariantMedia("Breaker at 14:12", null, null, branch));
        SiteMedia media = new SiteMedia(Map.of("bank-api-slow", new SiteMedia.ProblemMedia(variants, pm.answers(),
                Map.of(Problem.BASELINE, TraceFixture.trace(), "breaker-1412", TraceFixture.trace("breaker-1412", true)),
                OUTCOMES::get)));
        Path site = dir.resolve("site");
        SiteBuilder.publish(bank, media, SiteFixture.templates(), site, null, l -> { });
        return site;
    }
}
