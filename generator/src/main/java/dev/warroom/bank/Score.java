package dev.warroom.bank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.bank.Study.Level;

/**
 * A scored answer, as grading.js's {@code score} returns it.
 *
 * @param correct  whether the answer is right
 * @param fraction how much of it is right, 0..1
 * @param level    the level the answer shows (grading.js's {@code raw}: 0 novice, 1 intermediate, 2 expert)
 */
public record Score(boolean correct, double fraction, Level level) {

    /** grading.js's raw score 0..2. */
    public int raw() {
        return level.ordinal();
    }

    static Score of(boolean correct, double fraction, int raw) {
        return new Score(correct, fraction, Level.values()[raw]);
    }

    static Level min(Level a, Level b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A rubric level by its lower-case name; anything else is novice (grading.js's {@code lv}). */
    static int level(JsonNode name) {
        if (name == null || !name.isTextual()) {
            return 0;
        }
        for (Level l : Level.values()) {
            if (l.name().toLowerCase(java.util.Locale.ROOT).equals(name.asText())) {
                return l.ordinal();
            }
        }
        return 0;
    }

    /** An int the answer holds at {@code field}, or -1 (grading.js: {@code typeof r.x === 'number'}). */
    static int index(JsonNode answer, String field) {
        JsonNode v = answer == null ? null : answer.get(field);
        return v != null && v.isNumber() ? v.asInt() : -1;
    }

    /** The ints of a list the answer holds at {@code field} (empty when absent). */
    static int[] indices(JsonNode answer, String field) {
        JsonNode v = answer == null ? null : answer.get(field);
        if (v == null || !v.isArray()) {
            return new int[0];
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).isNumber() ? v.get(i).asInt() : Integer.MIN_VALUE;
        }
        return out;
    }

    static boolean contains(JsonNode list, int x) {
        if (list != null) {
            for (JsonNode n : list) {
                if (n.isNumber() && n.asInt() == x) {
                    return true;
                }
            }
        }
        return false;
    }
}
