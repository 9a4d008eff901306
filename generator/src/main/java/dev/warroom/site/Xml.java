package dev.warroom.site;

/** Text for XML the site writes (SCORM manifests, Moodle XML): escaped, and valid XML characters only. */
final class Xml {
    private Xml() {
    }

    /** {@code s} escaped for element text and attribute values; a control character XML forbids becomes a space. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
