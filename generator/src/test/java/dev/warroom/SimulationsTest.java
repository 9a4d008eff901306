package dev.warroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.sim.Trace;
import dev.warroom.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation stage, and what {@code serve} reuses between rebuilds. */
@org.junit.jupiter.api.Tag("slow")
class SimulationsTest {
    @TempDir
    Path tmp;

    @Test
    void aRebuildSimulatesOnlyTheVariantsWhoseInputsChanged() throws Exception {
        Path problem = tmp.resolve("problems/bank-api-slow");
        Files.createDirectories(problem);
        Path yaml = problem.resolve("problem.yaml");
        Path source = Golden.root().resolve("problems/bank-api-slow");
        Files.copy(source.resolve("problem.yaml"), yaml);
        Files.copy(source.resolve("walkthrough.md"), problem.resolve("walkthrough.md"));
        TraceMemo memo = new TraceMemo();
        List<String> progress = new ArrayList<>();

        Map<String, Trace> first = Simulations.runAll(Bank.load(tmp.resolve("problems")), memo, progress::add)
                .get("bank-api-slow");
        assertThat(first).hasSize(6 + 14);
        assertThat(progress).singleElement().asString().startsWith("simulated bank-api-slow: 6 variants and 14 decision branches, ");

        // a wording change: nothing is simulated again
        progress.clear();
        Map<String, Trace> second = Simulations.runAll(Bank.load(tmp.resolve("problems")), memo, progress::add)
                .get("bank-api-slow");
        assertThat(progress).containsExactly("unchanged bank-api-slow: 6 variants and 14 decision branches, not simulated again");
        second.forEach((v, t) -> assertThat(t).as(v).isSameAs(first.get(v)));

        // one variant's override changes: that variant alone runs again, and its trace shows the change
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        String before = "services.order.calls.payment.timeout: 3s";
        assertThat(text).contains(before);
        Files.writeString(yaml, text.replace(before, "services.order.calls.payment.timeout: 4s"), StandardCharsets.UTF_8);
        progress.clear();
        Map<String, Trace> third = Simulations.runAll(Bank.load(tmp.resolve("problems")), memo, progress::add)
                .get("bank-api-slow");
        assertThat(progress).singleElement().asString()
                .startsWith("simulated bank-api-slow: 1 of 6 variants and 14 decision branches (the others unchanged), ");
        assertThat(third.get("bulkhead-shedding")).isNotSameAs(first.get("bulkhead-shedding"));
        assertThat(third.get("bulkhead-shedding").services()).isNotEqualTo(first.get("bulkhead-shedding").services());
        assertThat(third.get("baseline")).isSameAs(first.get("baseline"));
    }
}
