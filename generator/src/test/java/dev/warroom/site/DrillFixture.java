package dev.warroom.site;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Problem one as a drill with its own decisions (a test copy of the problem), the fixture
 * media plus hand-made frames for one branch, and the real traces: the baseline and every
 * decision branch simulated, so the outcome figures on the page are the model's.
 */
final class DrillFixture {
    /** The expert pick of each decision, and the options a novice tries first. */
    static final String FIRST = "first-move";
    static final String SECOND = "second-move";
    static final String BREAKER = "breaker-at-payment";
    static final String SECOND_EXPERT = "probe-less-often";

    private static Map<String, Trace> traces;

    private DrillFixture() {
    }

    /** A bank of problem one alone, under {@code dir}. */
    static Bank bank(Path dir) throws Exception {
        Path src = Golden.root().resolve("problems/bank-api-slow");
        Path dst = dir.resolve("problems/bank-api-slow");
        Files.createDirectories(dst);
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        return Bank.load(dir.resolve("problems"));
    }

    private static Path frame(Path dir, String name, String label) throws java.io.IOException {
        Path f = dir.resolve("media").resolve(name);
        Files.writeString(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\"><text x=\"20\" y=\"90\">"
                + label + "</text></svg>", StandardCharsets.UTF_8);
        return f;
    }

    /** The baseline and every branch of problem one, simulated once per test JVM. */
    static synchronized Map<String, Trace> traces(Problem p) {
        if (traces == null) {
            Map<String, Trace> t = new java.util.LinkedHashMap<>();
            t.put(Problem.BASELINE, Simulation.run(p, Problem.BASELINE));
            for (String branch : p.branches().keySet()) {
                t.put(branch, Simulation.run(p, branch));
            }
            traces = t;
        }
        return traces;
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
        variants.put(BREAKER, new SiteMedia.VariantMedia("Breaker at 14:12", null, null, branch));
        Map<String, Trace> t = traces(bank.problem("bank-api-slow"));
        SiteMedia media = new SiteMedia(Map.of("bank-api-slow", new SiteMedia.ProblemMedia(variants, pm.answers(),
                t, DrillOutcomes.of(t))));
        Path site = dir.resolve("site");
        SiteBuilder.publish(bank, media, SiteFixture.templates(), site, null, l -> { });
        return site;
    }
}
