package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole bank: every problem validates, every variant simulates, every claim, stated number and timeline expectation holds. */
@org.junit.jupiter.api.Tag("slow")
class BankEvidenceTest {
    @Test
    void everyProblemsEvidenceHolds() throws Exception {
        Bank bank = Traces.bank();
        assertThat(bank.problems()).isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Problem p : bank.problems()) {
            Traces.all(p);
            java.util.function.Function<String, Trace> run = v -> Traces.of(p, v);
            Evidence.Result r = Evidence.check(p, run);
            r.errors().forEach(e -> failures.add(e.toString()));
            for (String v : p.variantIds()) {
                assertThat(run.apply(v).bucketCount()).as(p.id() + "/" + v).isPositive();
            }
            assertThat(r.answers().keySet()).as(p.id() + ": numeric answers").containsAll(p.study().quiz().stream()
                    .filter(q -> q instanceof dev.warroom.bank.NumericQuestion).map(dev.warroom.bank.Question::id).toList());
        }
        assertThat(failures).as("evidence failures").isEmpty();
    }
}
