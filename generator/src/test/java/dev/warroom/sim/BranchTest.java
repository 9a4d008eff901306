package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every decision branch of the bank: the same past as its parent, byte for byte, and a fork
 * of the paused parent gives exactly the trace of a run from the start.
 */
@org.junit.jupiter.api.Tag("slow")
class BranchTest {
    @Test
    void everyBranchHasItsParentsPast() throws Exception {
        int checked = 0;
        for (Problem p : Traces.bank().problems()) {
            for (Problem.Variant v : p.branches().values()) {
                Trace branch = Traces.of(p, v.id());
                Trace parent = Traces.of(p, v.branch().from());
                int before = (int) (v.branch().atMs() / branch.bucketMs());
                assertThat(before).isPositive();
                for (String s : parent.services().keySet()) {
                    assertThat(branch.service(s).series().subList(0, before))
                            .as("%s/%s: %s before %s", p.id(), v.id(), s, v.branch().atMs())
                            .isEqualTo(parent.service(s).series().subList(0, before));
                }
                for (String e : parent.edges().keySet()) {
                    assertThat(branch.edges().get(e).series().subList(0, before))
                            .as("%s/%s: edge %s", p.id(), v.id(), e)
                            .isEqualTo(parent.edges().get(e).series().subList(0, before));
                }
                assertThat(branch.branch().from()).isEqualTo(v.branch().from());
                checked++;
            }
        }
        assertThat(checked).as("branches in the bank").isGreaterThanOrEqualTo(12);
    }

    @Test
    void aForkOfThePausedParentEqualsARunFromTheStart() throws Exception {
        Problem p = Traces.problem("bank-api-slow");
        List<String> ids = new ArrayList<>(p.branches().keySet());
        ids.parallelStream().forEach(id -> {
            Trace forked = Traces.of(p, id);
            Trace direct = Simulation.run(p.id(), id, p.scenario(id), p.seed());
            assertThat(forked.services()).as(id).isEqualTo(direct.services());
            assertThat(forked.edges()).as(id).isEqualTo(direct.edges());
            assertThat(forked.events()).as(id).isEqualTo(direct.events());
        });
    }

    /**
     * The other problems' mechanisms (pods, caches, heaps, connections, shards, queues, name
     * resolution) each carry state a fork must copy: the first option of every decision of every
     * other problem, forked, equals its run from the start.
     */
    @Test
    void everyProblemsForksEqualRunsFromTheStart() throws Exception {
        List<Map.Entry<Problem, String>> picks = new ArrayList<>();
        for (Problem p : Traces.bank().problems()) {
            if (p.id().equals("bank-api-slow")) {
                continue; // every branch of it above
            }
            Map<String, String> firstOfDecision = new LinkedHashMap<>();
            p.branches().forEach((id, v) -> firstOfDecision.putIfAbsent(v.branch().decision(), id));
            firstOfDecision.values().forEach(id -> picks.add(Map.entry(p, id)));
        }
        assertThat(picks).as("decisions outside problem one").hasSizeGreaterThanOrEqualTo(30);
        picks.parallelStream().forEach(pick -> {
            Problem p = pick.getKey();
            Trace forked = Traces.of(p, pick.getValue());
            Trace direct = Simulation.run(p.id(), pick.getValue(), p.scenario(pick.getValue()), p.seed());
            String what = p.id() + "/" + pick.getValue();
            assertThat(forked.services()).as(what).isEqualTo(direct.services());
            assertThat(forked.edges()).as(what).isEqualTo(direct.edges());
            assertThat(forked.events()).as(what).isEqualTo(direct.events());
        });
    }
}
