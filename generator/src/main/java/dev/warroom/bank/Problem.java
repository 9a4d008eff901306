package dev.warroom.bank;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One problem of the bank, loaded and validated: its metadata, its simulated scenario and
 * variants, and its study material.
 *
 * @param dir              the problem's folder
 * @param id               folder name and id
 * @param title            one-line title
 * @param summary          one paragraph, markdown
 * @param difficulty       medium, hard or expert
 * @param roles            target roles
 * @param topics           topic slugs
 * @param estimatedMinutes time a learner should plan
 * @param seed             RNG seed of every simulation of this problem
 * @param alert            the page that opens the problem
 * @param timeline         what the war room saw, in clock order
 * @param baseline         the scenario as written
 * @param variants         named what-ifs, in file order, each with its own full scenario
 * @param study            phases, probes, quiz, rubric, postmortem, resources, claims
 * @param walkthrough      the prose of walkthrough.md, markdown
 */
public record Problem(
        Path dir,
        String id,
        String title,
        String summary,
        Difficulty difficulty,
        List<String> roles,
        List<String> topics,
        int estimatedMinutes,
        long seed,
        Alert alert,
        List<TimelineEntry> timeline,
        Scenario baseline,
        Map<String, Variant> variants,
        Study study,
        String walkthrough) {

    /** The id of the unmodified scenario. */
    public static final String BASELINE = "baseline";

    public Problem {
        roles = List.copyOf(roles);
        topics = List.copyOf(topics);
        timeline = List.copyOf(timeline);
        variants = Maps.ordered(variants);
    }

    /** The scenario of a variant id, {@code baseline} included; throws if unknown. */
    public Scenario scenario(String variant) {
        if (BASELINE.equals(variant)) {
            return baseline;
        }
        Variant v = variants.get(variant);
        if (v == null) {
            throw new IllegalArgumentException("problem " + id + " has no variant '" + variant
                    + "'; known: baseline, " + String.join(", ", variants.keySet()));
        }
        return v.scenario();
    }

    /** Variant ids, {@code baseline} first. */
    public List<String> variantIds() {
        List<String> ids = new java.util.ArrayList<>();
        ids.add(BASELINE);
        ids.addAll(variants.keySet());
        return List.copyOf(ids);
    }

    public enum Difficulty { MEDIUM, HARD, EXPERT }

    /** The P0 page. */
    public record Alert(String severity, String title, String statusPage, String text) {
    }

    /**
     * One line of the incident timeline.
     *
     * @param clock      seconds since midnight
     * @param text       what was seen
     * @param youAreHere the learner's present
     * @param expect     the detection this line should match in the baseline trace, or null
     */
    public record TimelineEntry(int clock, String text, boolean youAreHere, Expectation expect) {
        public String label() {
            return Units.formatClock(clock).substring(0, Units.formatClock(clock).endsWith(":00") ? 5 : 8);
        }
    }

    /** A detection of {@code kind} on {@code service} within {@code withinMs} of the line's clock. */
    public record Expectation(String service, String kind, long withinMs) {
    }

    /** A what-if: the baseline with overrides. */
    public record Variant(String id, String title, Kind kind, String summary, String compareWith, Scenario scenario) {
        public enum Kind { FAILURE, MITIGATION, RECOVERY, WRONG_FIX }
    }
}
