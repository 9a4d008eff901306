package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.DecisionQuestion;
import dev.warroom.bank.FreeTextQuestion;
import dev.warroom.bank.MatchingQuestion;
import dev.warroom.bank.NumericQuestion;
import dev.warroom.bank.OrderingQuestion;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Question;
import dev.warroom.bank.Tolerance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The quiz exports of problem one, read back: the Moodle XML by an XML parser (well formed,
 * each question with its type's required elements, numeric answers equal to the model's
 * with its tolerance, ordering in the file's order); the GIFT by gift-pegjs in a node test
 * (GradingJsTest runs it on {@link #expectations}).
 */
class QuizExportTest {
    @TempDir
    static Path tmp;
    static Path site;
    static Problem problem;
    static Document xml;

    @BeforeAll
    static void build() throws Exception {
        site = SiteFixture.build(tmp);
        problem = SiteFixture.bank().problem("bank-api-slow");
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        xml = f.newDocumentBuilder().parse(site.resolve("exports/bank-api-slow.moodle.xml").toFile());
    }

    static List<Element> questions() {
        List<Element> out = new ArrayList<>();
        NodeList n = xml.getDocumentElement().getElementsByTagName("question");
        for (int i = 0; i < n.getLength(); i++) {
            Element q = (Element) n.item(i);
            if (!q.getAttribute("type").equals("category")) {
                out.add(q);
            }
        }
        return out;
    }

    static String text(Element q, String child) {
        NodeList n = q.getElementsByTagName(child);
        assertThat(n.getLength()).as(child + " of " + q.getAttribute("type")).isGreaterThan(0);
        return ((Element) n.item(0)).getElementsByTagName("text").item(0).getTextContent();
    }

    static Map<String, Element> byName() {
        Map<String, Element> m = new LinkedHashMap<>();
        questions().forEach(q -> m.put(text(q, "name"), q));
        return m;
    }

    @Test
    void everyAutoGradableItemIsThereWithItsTypesElements() {
        List<String> want = new ArrayList<>();
        problem.study().quiz().stream().filter(q -> !(q instanceof FreeTextQuestion)).forEach(q -> want.add(q.id()));
        problem.decisions().forEach(d -> want.add("decision-" + d.id()));
        assertThat(byName().keySet()).containsExactlyElementsOf(want);
        for (Element q : questions()) {
            String name = text(q, "name");
            assertThat(text(q, "questiontext")).as(name).isNotBlank();
            assertThat(q.getElementsByTagName("defaultgrade").item(0).getTextContent()).isEqualTo("1");
            switch (q.getAttribute("type")) {
                case "multichoice" -> {
                    NodeList answers = q.getElementsByTagName("answer");
                    assertThat(answers.getLength()).as(name).isGreaterThanOrEqualTo(2);
                    double best = 0;
                    double positive = 0;
                    for (int i = 0; i < answers.getLength(); i++) {
                        double fr = Double.parseDouble(((Element) answers.item(i)).getAttribute("fraction"));
                        assertThat(fr).as(name).isBetween(-100.0, 100.0);
                        best = Math.max(best, fr);
                        positive += Math.max(0, fr);
                    }
                    boolean single = q.getElementsByTagName("single").item(0).getTextContent().equals("true");
                    if (single) {
                        assertThat(best).as(name + ": a full-credit answer").isEqualTo(100.0);
                    } else {
                        assertThat(positive).as(name + ": the right answers add up to the mark").isCloseTo(100.0,
                                org.assertj.core.api.Assertions.within(1e-4));
                    }
                }
                case "numerical", "matching", "ordering" -> {
                }
                default -> throw new AssertionError(name + ": unexpected type " + q.getAttribute("type"));
            }
        }
    }

    @Test
    void numericAnswersAreTheModelsWithItsTolerance() {
        Map<String, Element> q = byName();
        int n = 0;
        for (Question question : problem.study().quiz()) {
            if (question instanceof NumericQuestion num) {
                Element e = q.get(question.id());
                assertThat(e.getAttribute("type")).isEqualTo("numerical");
                Element answer = (Element) e.getElementsByTagName("answer").item(0);
                double value = SiteFixture.ANSWERS.get(question.id());
                assertThat(Double.parseDouble(answer.getElementsByTagName("text").item(0).getTextContent()))
                        .isCloseTo(value, org.assertj.core.api.Assertions.within(1e-6));
                assertThat(Double.parseDouble(answer.getElementsByTagName("tolerance").item(0).getTextContent()))
                        .isCloseTo(Tolerance.allowed(value, num.answer().tolerance(), num.answer().relative()),
                                org.assertj.core.api.Assertions.within(1e-6));
                assertThat(e.getElementsByTagName("unit_name").item(0).getTextContent()).isEqualTo(num.answer().unit());
                n++;
            }
        }
        assertThat(n).isGreaterThan(0);
    }

    @Test
    void matchingOrderingAndDecisionsKeepTheirKeys() {
        Map<String, Element> q = byName();
        for (Question question : problem.study().quiz()) {
            if (question instanceof MatchingQuestion m) {
                NodeList subs = q.get(question.id()).getElementsByTagName("subquestion");
                assertThat(subs.getLength()).isEqualTo(m.pairs().size());
                for (int i = 0; i < subs.getLength(); i++) {
                    Element s = (Element) subs.item(i);
                    assertThat(((Element) s.getElementsByTagName("answer").item(0)).getTextContent())
                            .isEqualTo(m.pairs().get(i).right());
                }
            } else if (question instanceof OrderingQuestion o) {
                NodeList answers = q.get(question.id()).getElementsByTagName("answer");
                assertThat(answers.getLength()).isEqualTo(o.items().size());
                for (int i = 0; i < answers.getLength(); i++) {
                    assertThat(answers.item(i).getTextContent())
                            .isEqualTo(Markdown.NO_IMAGES.inline(o.items().get(i)));
                }
            } else if (question instanceof DecisionQuestion) {
                assertThat(q.get(question.id()).getAttribute("type")).isEqualTo("multichoice");
            }
        }
        // a decision's expert options are the full mark, its novice ones nothing
        for (Problem.Decision d : problem.decisions()) {
            NodeList answers = q.get("decision-" + d.id()).getElementsByTagName("answer");
            for (int i = 0; i < answers.getLength(); i++) {
                double fr = Double.parseDouble(((Element) answers.item(i)).getAttribute("fraction"));
                assertThat(fr).isEqualTo(QuizExport.credit(d.options().get(i).rating()));
            }
        }
    }

    /** What the GIFT file must hold, for the node test: per problem, each question's id, type and key figures. */
    static Map<String, List<Map<String, Object>>> expectations(Problem p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (QuizExport.Item it : QuizExport.of(p, SiteFixture.ANSWERS, Markdown.NO_IMAGES)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", it.id());
            if (it instanceof QuizExport.Choices c) {
                m.put("type", "MC");
                m.put("choices", c.choices().size());
                m.put("multiple", !c.single());
            } else if (it instanceof QuizExport.Numerical n) {
                m.put("type", "Numerical");
                m.put("value", n.value());
                m.put("tolerance", n.tolerance());
            } else if (it instanceof QuizExport.Matching mt) {
                m.put("type", "Matching");
                m.put("pairs", mt.pairs().size());
            } else {
                continue; // ordering: not in GIFT
            }
            out.add(m);
        }
        return Map.of(p.id(), out);
    }
}
