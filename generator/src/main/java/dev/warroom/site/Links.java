package dev.warroom.site;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links author text may make: {@code http}, {@code https}, {@code mailto} and relative
 * ones. The scheme is read as a browser reads it (tabs and newlines removed anywhere, spaces
 * and control characters trimmed, any case), so {@code " JaVa\tScRiPt:"} is caught as
 * {@code javascript:}; {@code data:}, {@code vbscript:}, {@code file:} and every other scheme
 * are refused, and so are {@code //host} and {@code \host}, which leave the site.
 */
final class Links {
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern TABS_AND_NEWLINES = Pattern.compile("[\\t\\n\\r]");

    private Links() {
    }

    /** The link as a browser would follow it, or null when author text may not link there. */
    static String safe(String url) {
        if (url == null) {
            return null;
        }
        String u = trimControls(TABS_AND_NEWLINES.matcher(url).replaceAll(""));
        Matcher m = SCHEME.matcher(u);
        if (m.find()) {
            return SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT)) ? u : null;
        }
        if (u.startsWith("//") || u.startsWith("\\") || u.startsWith("/\\")) {
            return null;
        }
        return u;
    }

    /** True for a link with no scheme and no host: a file of the site or a place on the page. */
    static boolean relative(String url) {
        String u = safe(url);
        return u != null && !SCHEME.matcher(u).find();
    }

    /** Leading and trailing C0 controls and spaces go, as the URL standard strips them. */
    private static String trimControls(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return s.substring(from, to);
    }
}
