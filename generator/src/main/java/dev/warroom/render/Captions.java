package dev.warroom.render;

import dev.warroom.story.Cue;
import java.util.List;
import java.util.Locale;

/** WebVTT of cues: the captions and the chapters. */
final class Captions {
    private Captions() {
    }

    static String vtt(List<Cue> cues, boolean chapters) {
        StringBuilder s = new StringBuilder("WEBVTT\n");
        int i = 1;
        for (Cue c : cues) {
            s.append('\n').append(chapters ? "chapter-" : "cue-").append(i++).append('\n')
                    .append(time(c.startMs())).append(" --> ").append(time(c.endMs())).append('\n')
                    .append(escape(c.text())).append('\n');
        }
        return s.toString();
    }

    static String time(long ms) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** Cue text may not hold "-->" nor a raw '&' or '<'. */
    static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
