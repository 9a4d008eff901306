package dev.warroom.bank;

/**
 * The sizes a problem may have, so that no input can exhaust the validator's stack, heap
 * or time. Each error that enforces one names it; docs/problem-format.md lists them.
 */
public final class Limits {
    /** Characters in problem.yaml or walkthrough.md (the largest problem of the bank has about 90,000). */
    public static final int MAX_FILE_CHARS = 1_000_000;
    /** Characters in one value of problem.yaml (a title, a markdown text, a check). */
    public static final int MAX_VALUE_CHARS = 100_000;
    /** Levels of nested mappings and lists in problem.yaml. */
    public static final int MAX_YAML_DEPTH = 50;
    /** Aliases ({@code *name}) to mappings or lists in problem.yaml. */
    public static final int MAX_YAML_ALIASES = 50;
    /** Values in problem.yaml, counting each alias as a copy of what it refers to. */
    public static final int MAX_YAML_VALUES = 200_000;
    /** Levels of nested parentheses and signs in a metric expression. */
    public static final int MAX_METRIC_DEPTH = 20;
    /** Operators and function calls in a metric expression. */
    public static final int MAX_METRIC_TERMS = 100;

    private Limits() {
    }
}
