package dev.warroom.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** {@code --base-url}: an absolute http(s) URL of a folder, so page paths can be appended to it. */
final class BaseUrl {
    private BaseUrl() {
    }

    /** The URL ending in {@code /}; a {@link UserError} naming the option when it is not an absolute http(s) URL. */
    static String check(String text) {
        String t = text.strip();
        try {
            URI u = new URI(t);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null
                    || u.getQuery() != null || u.getFragment() != null) {
                throw new UserError("--base-url: expected an absolute http(s) URL of the site's folder, such as "
                        + "https://courses.example.org/warroom/, got '" + text + "'");
            }
        } catch (URISyntaxException e) {
            throw new UserError("--base-url: not a URL: '" + text + "' (" + e.getReason() + ")");
        }
        return t.endsWith("/") ? t : t + "/";
    }
}
