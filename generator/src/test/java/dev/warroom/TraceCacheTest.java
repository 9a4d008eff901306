package dev.warroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.cache.TraceCache;
import dev.warroom.sim.Trace;
import dev.warroom.sim.TraceJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces on disk: a second process (a fresh memo) simulates nothing; a changed input simulates again. */
class TraceCacheTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondBuildReadsTheTracesBackAndAChangeSimulatesAgain() throws Exception {
        Path problems = tmp.resolve("problems");
        Generator.newProblem(problems, "demo");
        TraceCache disk = TraceCache.at(tmp.resolve("traces"));
        List<String> progress = new ArrayList<>();

        Map<String, Trace> first = Simulations.runAll(Bank.load(problems), new TraceMemo(disk), progress::add).get("demo");
        assertThat(progress).singleElement().asString().startsWith("simulated demo: ");
        try (var files = Files.list(disk.dir())) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(first.size());
        }

        // another process: nothing in memory, everything on disk, the same traces byte for byte
        progress.clear();
        Map<String, Trace> second = Simulations.runAll(Bank.load(problems), new TraceMemo(disk), progress::add).get("demo");
        assertThat(progress).singleElement().asString().startsWith("unchanged demo: ");
        first.forEach((v, t) -> assertThat(TraceJson.toJson(second.get(v))).as(v).isEqualTo(TraceJson.toJson(t)));

        // a change of the scenario (the seed) is a new key: simulated again
        Path yaml = problems.resolve("demo/problem.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        Problem before = Bank.load(problems).problem("demo");
        Files.writeString(yaml, text.contains("seed:") ? text.replaceFirst("seed: *\\d+", "seed: 77") : text + "\nseed: 77\n",
                StandardCharsets.UTF_8);
        Problem after = Bank.load(problems).problem("demo");
        assertThat(after.seed()).isEqualTo(77).isNotEqualTo(before.seed());
        assertThat(disk.get(after, Problem.BASELINE)).isNull();
        assertThat(disk.get(before, Problem.BASELINE)).isNotNull();
        progress.clear();
        Simulations.runAll(Bank.load(problems), new TraceMemo(disk), progress::add);
        assertThat(progress).singleElement().asString().startsWith("simulated demo: ");
    }

    @Test
    void aDamagedFileIsSimulatedAgain() throws Exception {
        Path problems = tmp.resolve("problems");
        Generator.newProblem(problems, "demo");
        Problem p = Bank.load(problems).problem("demo");
        TraceCache disk = TraceCache.at(tmp.resolve("traces"));
        Trace t = disk.get(p, Problem.BASELINE, () -> dev.warroom.sim.Simulation.run(p, Problem.BASELINE));
        try (var files = Files.list(disk.dir())) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"problem\":", StandardCharsets.UTF_8);
        }
        assertThat(disk.get(p, Problem.BASELINE)).isNull();
        assertThat(TraceJson.toJson(disk.get(p, Problem.BASELINE, () -> t))).isEqualTo(TraceJson.toJson(t));
        assertThat(disk.get(p, Problem.BASELINE)).isNotNull();
    }
}
