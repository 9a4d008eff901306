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
 * @param decisions        moments where the learner acts, in file order
 * @param branches         one variant per decision option: its parent's scenario with the option's actions
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
        List<Decision> decisions,
        Map<String, Variant> branches,
        Study study,
        String walkthrough) {

    /** The id of the unmodified scenario. */
    public static final String BASELINE = "baseline";

    public Problem {
        roles = List.copyOf(roles);
        topics = List.copyOf(topics);
        timeline = List.copyOf(timeline);
        variants = Maps.ordered(variants);
        decisions = List.copyOf(decisions);
        branches = Maps.ordered(branches);
    }

    /** The scenario of a variant id, {@code baseline} included; throws if unknown. */
    public Scenario scenario(String variant) {
        if (BASELINE.equals(variant)) {
            return baseline;
        }
        return variant(variant).scenario();
    }

    /** A variant or a decision's branch by id; throws if unknown. */
    public Variant variant(String id) {
        Variant v = variants.containsKey(id) ? variants.get(id) : branches.get(id);
        if (v == null) {
            throw new IllegalArgumentException("problem " + this.id + " has no variant '" + id
                    + "'; known: " + String.join(", ", traceIds()));
        }
        return v;
    }

    /** Every id that has a trace: the baseline, the variants, then the decisions' branches. */
    public List<String> traceIds() {
        List<String> ids = new java.util.ArrayList<>(variantIds());
        ids.addAll(branches.keySet());
        return List.copyOf(ids);
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

    /** A what-if: the baseline with overrides; or, with a branch, an option of a decision played forward. */
    public record Variant(String id, String title, Kind kind, String summary, String compareWith, Scenario scenario,
                          Branch branch) {
        public enum Kind { FAILURE, MITIGATION, RECOVERY, WRONG_FIX, ACTION }

        public Variant(String id, String title, Kind kind, String summary, String compareWith, Scenario scenario) {
            this(id, title, kind, summary, compareWith, scenario, null);
        }
    }

    /**
     * Where a branch leaves its parent: the decision, the variant it continues (the baseline
     * or an option of an earlier decision) and the simulated time of the decision.
     */
    public record Branch(String decision, String from, long atMs, Rating rating) {
    }

    /** The rubric level an option evidences. */
    public enum Rating { NOVICE, INTERMEDIATE, EXPERT }

    /**
     * A moment where the learner must act.
     *
     * @param id      decision id
     * @param clock   seconds since midnight
     * @param atMs    simulated time in the parent's scenario
     * @param from    the variant it continues: baseline, or an option id of an earlier decision
     * @param prompt  what the room asks, markdown
     * @param options what the learner may do, in file order
     */
    public record Decision(String id, int clock, long atMs, String from, String prompt, List<Option> options) {
        public Decision {
            options = List.copyOf(options);
        }

        /** {@code 14:12} (seconds shown only when not zero). */
        public String clockLabel() {
            String c = Units.formatClock(clock);
            return c.endsWith(":00") ? c.substring(0, 5) : c;
        }
    }

    /**
     * One option of a decision; its id is the id of the branch that plays it.
     *
     * @param unless why a lower-rated option may outperform a higher-rated one (e.g. risk), or null
     * @param acts   what it does, in words, one per action (for listings and the site)
     */
    public record Option(String id, String label, Rating rating, String why, String unless, List<String> acts) {
        public Option {
            acts = List.copyOf(acts);
        }
    }
}
