package dev.warroom.site;

import java.util.List;
import java.util.Locale;

/**
 * A problem's exportable items ({@link QuizExport}) in Moodle XML, the format Moodle's
 * question bank imports (Question bank → Import → Moodle XML format): one category named
 * after the problem, then one {@code question} per item. Ordering questions use the
 * Ordering question type ({@code qtype_ordering}); a Moodle without it skips them on import.
 */
final class MoodleXml {
    private MoodleXml() {
    }

    static String of(String category, List<QuizExport.Item> items) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
        b.append("  <question type=\"category\">\n    <category><text>$course$/top/warroom/").append(Xml.esc(category))
                .append("</text></category>\n  </question>\n");
        for (QuizExport.Item it : items) {
            if (it instanceof QuizExport.Choices c) {
                head(b, "multichoice", it);
                b.append("    <single>").append(c.single()).append("</single>\n")
                        .append("    <shuffleanswers>true</shuffleanswers>\n")
                        .append("    <answernumbering>abc</answernumbering>\n");
                for (QuizExport.Choice ch : c.choices()) {
                    b.append("    <answer fraction=\"").append(num(ch.percent())).append("\" format=\"html\">")
                            .append(text(ch.html())).append("<feedback format=\"html\">").append(text(ch.feedback()))
                            .append("</feedback></answer>\n");
                }
            } else if (it instanceof QuizExport.Numerical n) {
                head(b, "numerical", it);
                b.append("    <answer fraction=\"100\" format=\"moodle_auto_format\"><text>").append(num(n.value()))
                        .append("</text><tolerance>").append(num(n.tolerance())).append("</tolerance>")
                        .append("<feedback format=\"html\"><text></text></feedback></answer>\n");
                b.append("    <units><unit><multiplier>1</multiplier><unit_name>").append(Xml.esc(n.unit()))
                        .append("</unit_name></unit></units>\n")
                        .append("    <unitgradingtype>0</unitgradingtype><unitpenalty>0</unitpenalty>")
                        .append("<showunits>3</showunits><unitsleft>0</unitsleft>\n");
            } else if (it instanceof QuizExport.Matching m) {
                head(b, "matching", it);
                b.append("    <shuffleanswers>true</shuffleanswers>\n");
                for (String[] pair : m.pairs()) {
                    b.append("    <subquestion format=\"html\">").append(text(pair[0])).append("<answer><text>")
                            .append(Xml.esc(pair[1])).append("</text></answer></subquestion>\n");
                }
            } else if (it instanceof QuizExport.Ordering o) {
                head(b, "ordering", it);
                b.append("    <layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype><selectcount>0</selectcount>\n")
                        .append("    <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype><showgrading>SHOW</showgrading>\n");
                for (String item : o.items()) {
                    b.append("    <answer fraction=\"1\" format=\"html\">").append(text(item)).append("</answer>\n");
                }
            }
            b.append("  </question>\n");
        }
        return b.append("</quiz>\n").toString();
    }

    private static void head(StringBuilder b, String type, QuizExport.Item it) {
        b.append("  <question type=\"").append(type).append("\">\n")
                .append("    <name><text>").append(Xml.esc(it.id())).append("</text></name>\n")
                .append("    <questiontext format=\"html\">").append(text(it.prompt())).append("</questiontext>\n")
                .append("    <generalfeedback format=\"html\">").append(text(it.feedback())).append("</generalfeedback>\n")
                .append("    <defaultgrade>1</defaultgrade><penalty>0</penalty><hidden>0</hidden>\n")
                .append("    <idnumber>").append(Xml.esc(it.id())).append("</idnumber>\n");
    }

    /** HTML in a CDATA section; a "]]>" inside it is split across two sections. */
    private static String text(String html) {
        return "<text><![CDATA[" + (html == null ? "" : html.replace("]]>", "]]]]><![CDATA[>")) + "]]></text>";
    }


    /** A number as Moodle reads it: a dot, no exponent, at most 7 decimals (its fractions' precision). */
    static String num(double v) {
        String s = new java.math.BigDecimal(v).setScale(7, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
