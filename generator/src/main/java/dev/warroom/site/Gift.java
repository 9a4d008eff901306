package dev.warroom.site;

import java.util.List;

/**
 * A problem's exportable items ({@link QuizExport}) in GIFT, the text format Moodle (and
 * other LMSs) import: {@code ::name::[html]prompt{answers####general feedback}}. GIFT has
 * no ordering type: an ordering question is left out with a comment pointing to the
 * Moodle XML file.
 */
final class Gift {
    private Gift() {
    }

    static String of(String category, List<QuizExport.Item> items) {
        StringBuilder b = new StringBuilder("// warroom: ").append(line(category))
                .append(" (import: Question bank → Import → GIFT format)\n$CATEGORY: $course$/top/warroom/")
                .append(line(category)).append("\n\n");
        for (QuizExport.Item it : items) {
            if (it instanceof QuizExport.Ordering) {
                b.append("// ").append(line(it.id())).append(": an ordering question; GIFT has none, see the Moodle XML\n\n");
                continue;
            }
            b.append("::").append(esc(it.id())).append("::[html]").append(esc(it.prompt())).append(" {\n");
            if (it instanceof QuizExport.Choices c) {
                for (QuizExport.Choice ch : c.choices()) {
                    boolean plainRight = c.single() && ch.percent() == 100;
                    b.append(plainRight ? "=" : "~");
                    if (!plainRight && ch.percent() != 0) {
                        b.append('%').append(MoodleXml.num(ch.percent()).replaceAll("(\\.\\d{5})\\d+", "$1")).append('%');
                    }
                    b.append(esc(ch.html()));
                    if (ch.feedback() != null && !ch.feedback().isBlank()) {
                        b.append(" #").append(esc(ch.feedback()));
                    }
                    b.append('\n');
                }
            } else if (it instanceof QuizExport.Numerical n) {
                b.append('#').append(MoodleXml.num(n.value())).append(':').append(MoodleXml.num(n.tolerance())).append('\n');
            } else if (it instanceof QuizExport.Matching m) {
                for (String[] pair : m.pairs()) {
                    b.append('=').append(esc(pair[0])).append(" -> ").append(esc(pair[1])).append('\n');
                }
            }
            if (it.feedback() != null && !it.feedback().isBlank()) {
                b.append("####").append(esc(it.feedback())).append('\n');
            }
            b.append("}\n\n");
        }
        return b.toString();
    }

    /** GIFT's special characters get a backslash; line breaks become spaces (one question per paragraph). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.replace("\r", "").replace('\n', ' ').toCharArray()) {
            if ("~=#{}:\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String line(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
