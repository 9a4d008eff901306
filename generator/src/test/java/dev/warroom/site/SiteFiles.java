package dev.warroom.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The HTML pages of a built site (the site folder is a link to its current generation). */
final class SiteFiles {
    private SiteFiles() {
    }

    static List<Path> pages(Path site) throws IOException {
        try (Stream<Path> s = Files.walk(site, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }
}
