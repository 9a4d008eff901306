package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.bank.Problem;
import dev.warroom.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Problem one's quiz as the page publishes it: the {@code quiz-data} JSON byte for byte, the
 * form models, and the decoded keys. The quiz contract crosses into the JavaScript and into
 * learners' stored answers (each carries its question's version), so a change here must be
 * deliberate: refresh with {@code -Dgolden.update=true} and read the diff. The first version
 * was written when the question types became records, from code whose published quiz JSON and
 * forms were compared byte for byte with the previous code's on all nine problems.
 */
class QuizGoldenTest {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Test
    void problemOnesQuizIsPublishedAsBefore() throws Exception {
        Problem p = SiteFixture.bank().problem("bank-api-slow");
        Quiz.Model quiz = Quiz.of(p, new SiteMedia.ProblemMedia(Map.of(), SiteFixture.ANSWERS), Markdown.NO_IMAGES);
        Golden.assertMatches("site/quiz-bank-api-slow.json", quiz.json() + "\n");
        Golden.assertMatches("site/quiz-forms-bank-api-slow.json", Json.of(quiz.questions()) + "\n");
        Golden.assertMatches("site/quiz-keys-bank-api-slow.json", PRETTY.writeValueAsString(decodedKeys(quiz.json())) + "\n");
    }

    /** Every key of the data block, decoded as quiz.js decodes it. */
    static ObjectNode decodedKeys(String json) throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode data = m.readTree(json);
        byte[] salt = Base64.getDecoder().decode(data.get("salt").asText());
        ObjectNode out = m.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.get("keys").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), m.readTree(decode(e.getValue().asText(), salt, e.getKey())));
        }
        return out;
    }

    static String decode(String b64, byte[] salt, String id) {
        byte[] raw = Base64.getDecoder().decode(b64);
        byte[] qid = id.getBytes(StandardCharsets.UTF_8);
        byte[] pad = new byte[salt.length + qid.length];
        System.arraycopy(salt, 0, pad, 0, salt.length);
        System.arraycopy(qid, 0, pad, salt.length, qid.length);
        byte[] out = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (byte) (raw[i] ^ pad[i % pad.length]);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theKeysDecodeToWhatTheRecordsPublish() throws Exception {
        Problem p = SiteFixture.bank().problem("bank-api-slow");
        Quiz.Model quiz = Quiz.of(p, new SiteMedia.ProblemMedia(Map.of(), SiteFixture.ANSWERS), Markdown.NO_IMAGES);
        ObjectNode keys = decodedKeys(quiz.json());
        assertThat(keys.get("payment-throughput").get("value").asDouble()).isEqualTo(6.66);
        assertThat(keys.get("cascade-order").get("order")).hasSize(7);
    }
}
