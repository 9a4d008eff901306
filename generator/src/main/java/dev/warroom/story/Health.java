package dev.warroom.story;

/** A service's health as the pictures show it: by colour and by icon and word. */
public enum Health {
    /** Serving normally. */
    OK("OK"),
    /** Slow, erroring a little, or its pool nearly full. */
    WARN("WARN"),
    /** Failing most requests, its pool full with a queue, or stalled. */
    DOWN("DOWN");

    private final String word;

    Health(String word) {
        this.word = word;
    }

    /** The word shown next to the icon. */
    public String word() {
        return word;
    }

    /** The worse of two. */
    public Health worst(Health other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
