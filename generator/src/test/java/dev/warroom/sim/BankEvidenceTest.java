package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole bank: every problem validates, every variant simulates, every claim, stated number and timeline expectation holds. */
class BankEvidenceTest {
    @Test
    void everyProblemsEvidenceHolds() throws Exception {
        Bank bank = Bank.load(Golden.root().resolve("problems"));
        assertThat(bank.problems()).isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Problem p : bank.problems()) {
            java.util.Map<String, Trace> traces = new java.util.HashMap<>();
            java.util.function.Function<String, Trace> run = v -> traces.computeIfAbsent(v, id -> Simulation.run(p, id));
            Evidence.Result r = Evidence.check(p, run);
            r.errors().forEach(e -> failures.add(e.toString()));
            for (String v : p.variantIds()) {
                assertThat(run.apply(v).bucketCount()).as(p.id() + "/" + v).isPositive();
            }
            assertThat(r.answers().keySet()).as(p.id() + ": numeric answers").containsAll(p.study().quiz().stream()
                    .filter(q -> q.numeric() != null).map(dev.warroom.bank.Study.Question::id).toList());
        }
        assertThat(failures).as("evidence failures").isEmpty();
    }
}
