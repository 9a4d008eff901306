package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.bank.Study.Level;
import dev.warroom.testing.Golden;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each question type as a record: read from problem one, published on a page (its form, data
 * and key), and scored the way grading.js scores it, from the key and answer JSON the page
 * carries: right, wrong and partly right, with the level each evidences.
 */
class QuestionTypesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Problem one;

    @BeforeAll
    static void load() throws Exception {
        one = Bank.load(Golden.root().resolve("problems")).problem("bank-api-slow");
    }

    /** A page without the site: Markdown passed through, a fixed shuffle, a computed number. */
    record FakePage(Double computed, Scenario baseline, Random random) implements Question.Page {
        FakePage(Double computed) {
            this(computed, one.baseline(), new Random(7));
        }

        @Override
        public String html(String markdown) {
            return "<p>" + markdown + "</p>";
        }

        @Override
        public String inline(String markdown) {
            return markdown;
        }

        @Override
        public String topology(String idPrefix) {
            return "<svg id=\"" + idPrefix + "\"></svg>";
        }
    }

    static <T extends Question> T question(String id, Class<T> type) {
        Question q = one.study().quiz().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertThat(q).isInstanceOf(type);
        return type.cast(q);
    }

    static JsonNode key(Question q, Double computed) {
        Object key = q.publish(new FakePage(computed)).key();
        return JSON.valueToTree(key);
    }

    static JsonNode answer(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void problemOneHasEveryTypeAsItsRecord() {
        Set<Question.Kind> kinds = EnumSet.noneOf(Question.Kind.class);
        one.study().quiz().forEach(q -> kinds.add(q.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(Question.Kind.values());
        PickQuestion pick = question("where-it-starts", PickQuestion.class);
        assertThat(pick.on()).isEqualTo(PickQuestion.On.TOPOLOGY);
        assertThat(pick.answer()).isEqualTo("payment");
        assertThat(pick.phase()).isEqualTo("system-thinking");
        assertThat(pick.dimensions()).containsExactly(Map.entry("system-thinking", Level.EXPERT));
        assertThat(pick.typeLabel()).isEqualTo("Pick on the topology");
        assertThat(new PickQuestion(pick.head(), PickQuestion.On.DASHBOARD, "payment").typeLabel()).isEqualTo("Pick a dashboard");
        assertThat(question("cascade-order", OrderingQuestion.class).items()).hasSize(7)
                .startsWith("The External Bank API slows to 30 s per call");
        NumericQuestion n = question("payment-throughput", NumericQuestion.class);
        assertThat(n.answer().unit()).isEqualTo("req/s");
        assertThat(question("first-move", DecisionQuestion.class).clock()).isEqualTo(14 * 3600 + 12 * 60);
        assertThat(one.study().quiz()).extracting(Question::type).contains("single", "multiple", "numeric", "ordering",
                "matching", "decision", "free_text", "pick");
    }

    @Test
    void everyQuestionOfProblemOneScoresItsRightAnswerExpertAndAWrongOneLower() throws Exception {
        for (Question q : one.study().quiz()) {
            // the number the problem states, as the trace gives it (checked by Evidence)
            double value = q instanceof NumericQuestion n && !Double.isNaN(n.answer().stated()) ? n.answer().stated() : 10;
            JsonNode k = key(q, value);
            JsonNode right = switch (q.kind()) {
                case SINGLE, DECISION -> answer("{\"choice\":" + k.get("correct").get(0) + "}");
                case MULTIPLE -> answer("{\"choices\":" + k.get("correct") + "}");
                case NUMERIC -> answer("{\"value\":" + value + "}");
                case ORDERING -> answer("{\"order\":" + k.get("order") + "}");
                case MATCHING -> answer("{\"match\":" + k.get("match") + "}");
                case FREE_TEXT -> answer("{\"checked\":" + indices(k.get("checklist").size()) + "}");
                case PICK -> answer("{\"node\":\"" + ((PickQuestion) q).answer() + "\"}");
            };
            Score s = q.score(k, right);
            assertThat(s.correct()).as(q.id()).isTrue();
            assertThat(s.fraction()).as(q.id()).isEqualTo(1.0);
            // a choice can carry its own level; every right choice of problem one is expert (or unset)
            assertThat(s.level()).as(q.id()).isEqualTo(Level.EXPERT);
            assertThat(q.evidence(s, Level.EXPERT)).as(q.id()).isEqualTo(q.dimensions());
            Score none = q.score(k, null);
            assertThat(none.correct()).as(q.id() + " unanswered").isFalse();
            assertThat(none.level()).as(q.id() + " unanswered").isEqualTo(Level.NOVICE);
        }
    }

    @Test
    void choices() throws Exception {
        SingleQuestion vp = question("vp-asks-eta", SingleQuestion.class);
        JsonNode k = key(vp, null);
        int wrong = k.get("correct").get(0).asInt() == 0 ? 1 : 0;
        assertThat(vp.score(k, answer("{\"choice\":" + wrong + "}"))).isEqualTo(new Score(false, 0, Level.NOVICE));
        assertThat(vp.score(k, answer("{\"choice\":\"0\"}")).correct()).as("a string is no pick").isFalse();

        // a decision's choice carries its own level: an intermediate pick evidences intermediate, and is wrong
        DecisionQuestion first = question("first-move", DecisionQuestion.class);
        JsonNode dk = key(first, null);
        int intermediate = -1;
        for (int i = 0; i < dk.get("levels").size(); i++) {
            if ("intermediate".equals(dk.get("levels").get(i).asText())) {
                intermediate = i;
            }
        }
        assertThat(intermediate).isNotNegative();
        assertThat(first.score(dk, answer("{\"choice\":" + intermediate + "}")))
                .isEqualTo(new Score(false, 0, Level.INTERMEDIATE));

        MultipleQuestion ten = question("first-ten-minutes", MultipleQuestion.class);
        JsonNode mk = key(ten, null);
        ArrayNode correct = (ArrayNode) mk.get("correct");
        assertThat(correct.size()).isGreaterThanOrEqualTo(2);
        List<Integer> wrongOnes = new ArrayList<>();
        for (int i = 0; i < mk.get("feedback").size(); i++) {
            if (!Score.contains(correct, i)) {
                wrongOnes.add(i);
            }
        }
        // every right one and one wrong: (n - 1) / n of it, not right
        Score extra = ten.score(mk, answer("{\"choices\":" + correct.toString().replace("]", "," + wrongOnes.get(0) + "]") + "}"));
        assertThat(extra.correct()).isFalse();
        assertThat(extra.fraction()).isEqualTo((correct.size() - 1) / (double) correct.size());
        assertThat(extra.level()).isEqualTo(extra.fraction() >= 0.5 ? Level.INTERMEDIATE : Level.NOVICE);
        assertThat(ten.score(mk, answer("{\"choices\":" + wrongOnes + "}"))).isEqualTo(new Score(false, 0, Level.NOVICE));
    }

    @Test
    void numbers() throws Exception {
        NumericQuestion q = question("payment-throughput", NumericQuestion.class);
        JsonNode k = key(q, 6.66);
        assertThat(k.get("value").asDouble()).isEqualTo(6.66);
        assertThat(k.get("relative").asBoolean()).isTrue();
        double tol = k.get("tolerance").asDouble();
        assertThat(q.score(k, answer("{\"value\":" + 6.66 * (1 + tol) + "}")).correct()).as("at the bound").isTrue();
        assertThat(q.score(k, answer("{\"value\":" + 6.66 * (1 + 2 * tol) + "}")))
                .as("within three tolerances").isEqualTo(new Score(false, 0.5, Level.INTERMEDIATE));
        assertThat(q.score(k, answer("{\"value\":" + 6.66 * (1 + 4 * tol) + "}")))
                .isEqualTo(new Score(false, 0, Level.NOVICE));
        assertThat(q.score(k, answer("{\"value\":\"6.7\"}")).correct()).isTrue();
        assertThat(q.score(k, answer("{\"value\":\"lots\"}")).correct()).isFalse();
        // not computed: not graded, and the form says so
        Question.Published none = q.publish(new FakePage(null));
        assertThat(none.key()).isNull();
        assertThat(none.form()).containsEntry("notComputed", true);
        assertThat(none.data()).containsEntry("unit", "req/s");
    }

    @Test
    void orderingAndMatching() throws Exception {
        OrderingQuestion q = question("cascade-order", OrderingQuestion.class);
        JsonNode k = key(q, null);
        List<Integer> order = new ArrayList<>();
        k.get("order").forEach(n -> order.add(n.asInt()));
        List<Integer> swapped = new ArrayList<>(order);
        java.util.Collections.swap(swapped, 5, 6);
        Score one = q.score(k, answer("{\"order\":" + swapped + "}"));
        assertThat(one.correct()).isFalse();
        assertThat(one.fraction()).isEqualTo(20 / 21.0);
        assertThat(one.level()).isEqualTo(Level.INTERMEDIATE);
        List<Integer> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        assertThat(q.score(k, answer("{\"order\":" + reversed + "}"))).isEqualTo(new Score(false, 0, Level.NOVICE));
        // the page never shows the items already in order
        assertThat(order).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6));

        MatchingQuestion m = question("symptom-to-mitigation", MatchingQuestion.class);
        JsonNode mk = key(m, null);
        int n = mk.get("match").size();
        ArrayNode half = mk.get("match").deepCopy();
        for (int i = 0; i < n / 2; i++) {
            half.set(i, JSON.getNodeFactory().numberNode(-1));
        }
        Score s = m.score(mk, JSON.createObjectNode().set("match", half));
        assertThat(s.fraction()).isEqualTo((n - n / 2) / (double) n);
        assertThat(s.level()).isEqualTo(s.fraction() >= 0.5 ? Level.INTERMEDIATE : Level.NOVICE);
    }

    @Test
    void freeTextAndPick() throws Exception {
        FreeTextQuestion q = question("write-action-items", FreeTextQuestion.class);
        JsonNode k = key(q, null);
        int n = k.get("checklist").size();
        assertThat(k.get("model").asText()).startsWith("<p>");
        int forty = (int) Math.ceil(0.4 * n);
        Score s = q.score(k, answer("{\"checked\":" + indices(forty) + "}"));
        assertThat(s.correct()).isFalse();
        assertThat(s.level()).isEqualTo(Level.INTERMEDIATE);
        assertThat(q.score(k, answer("{\"checked\":" + indices((int) Math.ceil(0.8 * n)) + "}")).correct()).isTrue();

        PickQuestion pick = question("where-it-starts", PickQuestion.class);
        Question.Published p = pick.publish(new FakePage(null));
        JsonNode pk = JSON.valueToTree(p.key());
        assertThat(pk.toString()).isEqualTo("{\"answer\":\"payment\"}");
        assertThat(p.data()).containsExactly(Map.entry("on", "topology"));
        assertThat(p.form()).containsEntry("isPick", true).containsEntry("onTopology", true)
                .containsEntry("topology", "<svg id=\"topo-q-where-it-starts\"></svg>");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) p.form().get("nodes");
        // every service in topology order, then the externals
        assertThat(nodes).extracting(x -> x.get("id")).containsSubsequence("frontend", "cart", "order", "payment")
                .endsWith("bank-api").hasSize(one.baseline().services().size() + one.baseline().externals().size());
        assertThat(nodes).extracting(x -> x.get("name")).contains("Payment Service", "External Bank API");
        assertThat(pick.score(pk, answer("{\"node\":\"payment\"}"))).isEqualTo(new Score(true, 1, Level.EXPERT));
        assertThat(pick.score(pk, answer("{\"node\":\"bank-api\"}"))).isEqualTo(new Score(false, 0, Level.NOVICE));
        PickQuestion onDash = new PickQuestion(pick.head(), PickQuestion.On.DASHBOARD, "payment");
        Question.Published d = onDash.publish(new FakePage(null));
        assertThat(d.form()).containsEntry("onDashboard", true).doesNotContainKey("topology");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dashes = (List<Map<String, Object>>) d.form().get("nodes");
        assertThat(dashes).extracting(x -> x.get("name")).contains("Payment Service dashboard");
    }

    @Test
    void theDrillsItems() throws Exception {
        SelfRating self = new SelfRating("self-system-thinking", "system-thinking");
        assertThat(self.score(JSON.createObjectNode(), answer("{\"level\":\"intermediate\"}")))
                .isEqualTo(new Score(false, 0.5, Level.INTERMEDIATE));
        assertThat(self.score(JSON.createObjectNode(), answer("{\"level\":\"expert\"}")).correct()).isTrue();
        assertThat(self.score(JSON.createObjectNode(), answer("{\"level\":\"Expert\"}")).level()).isEqualTo(Level.NOVICE);
        DecisionPick pick = new DecisionPick("decision-first-move", "mitigation-speed");
        ObjectNode key = (ObjectNode) answer("{\"options\":[{\"rating\":\"novice\"},{\"rating\":\"expert\"},"
                + "{\"rating\":\"intermediate\"}]}");
        assertThat(pick.score(key, answer("{\"picks\":[2,1]}"))).as("the first pick counts")
                .isEqualTo(new Score(false, 0.5, Level.INTERMEDIATE));
        assertThat(pick.score(key, answer("{\"picks\":[1]}"))).isEqualTo(new Score(true, 1, Level.EXPERT));
        assertThat(pick.score(key, answer("{\"picks\":[]}")).level()).isEqualTo(Level.NOVICE);
        assertThat(pick.type()).isEqualTo("decision_pick");
        assertThat(self.type()).isEqualTo("self_rating");
    }

    @Test
    void evidenceIsCappedByTheQuestionAndByHints() {
        Question q = question("active-before", NumericQuestion.class);
        assertThat(q.dimensions()).containsEntry("system-thinking", Level.INTERMEDIATE);
        Score expert = new Score(true, 1, Level.EXPERT);
        assertThat(q.evidence(expert, Level.EXPERT)).containsEntry("system-thinking", Level.INTERMEDIATE);
        assertThat(q.evidence(expert, Level.NOVICE)).containsEntry("system-thinking", Level.NOVICE);
    }

    private static String indices(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l.toString();
    }
}
