package dev.warroom.site;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * SCORM 1.2 content packages of the drills: one zip per problem ({@code scorm/<id>.zip}) and one
 * for the whole course with every problem as a SCO ({@code scorm/warroom-course.zip}). A package
 * holds {@code imsmanifest.xml}, the drill page as the launch page ({@code problems/<id>.html},
 * rendered without the site's navigation), the site's assets, the problem's media and its
 * player pages, so it runs offline inside any LMS. Zips are deterministic: sorted entries, one
 * fixed timestamp, so the same bank gives the same bytes. The runtime is {@code assets/scorm.js}.
 */
final class ScormPackages {
    /** The score (0..100) a learner needs to pass; scorm.js falls back to the same number. */
    static final int MASTERY_SCORE = 50;
    static final String FOLDER = "scorm/";
    static final String COURSE = "warroom-course";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);
    /** Already compressed: stored as they are, which costs no CPU and no bytes. */
    private static final Set<String> STORED = Set.of("mp4", "png", "jpg", "jpeg", "gif", "webp", "zip");

    private ScormPackages() {
    }

    /** A drill as a SCO: its launch page (the problem page rendered for a package). */
    record Sco(String id, String title, String launchHtml) {
        String launch() {
            return "problems/" + id + ".html";
        }
    }

    /** The links a problem page of the site shows instructors (relative to a page one folder deep). */
    static Map<String, Object> links(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zip", "../" + FOLDER + id + ".zip");
        m.put("course", "../" + FOLDER + COURSE + ".zip");
        m.put("page", "../instructors.html");
        return m;
    }

    /** The problem page's model for its package copy: no site navigation, no instructor links. */
    static Map<String, Object> launchModel(Map<String, Object> model) {
        Map<String, Object> m = new LinkedHashMap<>(model);
        m.remove("forInstructors");
        m.put("sco", true);
        return m;
    }

    /** Writes every problem's package and the course's into {@code site/scorm/}; returns their sizes by file. */
    static Map<String, Long> write(Path site, List<Sco> scos, String courseTitle) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (scos.isEmpty()) {
            return sizes;
        }
        List<String> assets = files(site, "assets/", p -> true);
        Map<String, List<String>> own = new LinkedHashMap<>();
        for (Sco s : scos) {
            List<String> f = new ArrayList<>(files(site, "media/" + s.id() + "/", p -> true));
            f.addAll(files(site, "embed/", n -> n.startsWith("embed/" + s.id() + "--")));
            f.add(s.launch());
            own.put(s.id(), List.copyOf(new TreeSet<>(f)));
        }
        for (Sco s : scos) {
            List<String> all = new ArrayList<>(assets);
            all.addAll(own.get(s.id()));
            String manifest = manifest("warroom-" + s.id(), s.title(), List.of(s), Map.of(s.id(), sorted(all)), null);
            sizes.put(FOLDER + s.id() + ".zip", zip(site, FOLDER + s.id() + ".zip", manifest, all, scos));
        }
        List<String> all = new ArrayList<>(assets);
        own.values().forEach(all::addAll);
        String manifest = manifest("warroom-course", courseTitle, scos, own, assets);
        sizes.put(FOLDER + COURSE + ".zip", zip(site, FOLDER + COURSE + ".zip", manifest, all, scos));
        return sizes;
    }

    private static List<String> sorted(List<String> l) {
        return List.copyOf(new TreeSet<>(l));
    }

    /**
     * The manifest per the SCORM 1.2 content packaging: ADL SCORM 1.2 metadata, one organization
     * with an item per SCO (with its mastery score), a resource per SCO listing its files, and,
     * when {@code shared} is given, an asset resource of the files every SCO depends on.
     */
    static String manifest(String id, String title, List<Sco> scos, Map<String, List<String>> files,
                           List<String> shared) {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<manifest identifier=\"").append(Xml.esc(id)).append("\" version=\"1.0\"\n")
                .append("          xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n")
                .append("          xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">\n");
        x.append("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n");
        x.append("  <organizations default=\"org\">\n    <organization identifier=\"org\">\n");
        x.append("      <title>").append(Xml.esc(title)).append("</title>\n");
        for (Sco s : scos) {
            x.append("      <item identifier=\"item-").append(Xml.esc(s.id())).append("\" identifierref=\"sco-")
                    .append(Xml.esc(s.id())).append("\" isvisible=\"true\">\n");
            x.append("        <title>").append(Xml.esc(s.title())).append("</title>\n");
            x.append("        <adlcp:masteryscore>").append(MASTERY_SCORE).append("</adlcp:masteryscore>\n");
            x.append("      </item>\n");
        }
        x.append("    </organization>\n  </organizations>\n  <resources>\n");
        for (Sco s : scos) {
            x.append("    <resource identifier=\"sco-").append(Xml.esc(s.id()))
                    .append("\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"").append(Xml.esc(s.launch()))
                    .append("\">\n");
            for (String f : files.get(s.id())) {
                x.append("      <file href=\"").append(Xml.esc(f)).append("\"/>\n");
            }
            if (shared != null) {
                x.append("      <dependency identifierref=\"shared\"/>\n");
            }
            x.append("    </resource>\n");
        }
        if (shared != null) {
            x.append("    <resource identifier=\"shared\" type=\"webcontent\" adlcp:scormtype=\"asset\">\n");
            for (String f : shared) {
                x.append("      <file href=\"").append(Xml.esc(f)).append("\"/>\n");
            }
            x.append("    </resource>\n");
        }
        x.append("  </resources>\n</manifest>\n");
        return x.toString();
    }

    private static long zip(Path site, String rel, String manifest, List<String> files, List<Sco> scos)
            throws IOException {
        Map<String, String> launch = new LinkedHashMap<>();
        scos.forEach(s -> launch.put(s.launch(), s.launchHtml()));
        Path out = site.resolve(rel);
        Files.createDirectories(out.getParent());
        TreeSet<String> names = new TreeSet<>(files);
        names.add("imsmanifest.xml");
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream z = new ZipOutputStream(os)) {
            for (String name : names) {
                byte[] bytes = name.equals("imsmanifest.xml") ? manifest.getBytes(StandardCharsets.UTF_8)
                        : launch.containsKey(name) ? HeadingIds.uniqueOnPage(launch.get(name)).getBytes(StandardCharsets.UTF_8)
                        : Files.readAllBytes(site.resolve(name));
                ZipEntry e = new ZipEntry(name);
                e.setTimeLocal(ENTRY_TIME);
                if (STORED.contains(ext(name))) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(bytes.length);
                    e.setCompressedSize(bytes.length);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(bytes);
                z.closeEntry();
            }
        }
        return Files.size(out);
    }

    /** Site-relative paths of the regular files under {@code dir} whose path passes {@code keep}, sorted. */
    private static List<String> files(Path site, String dir, java.util.function.Predicate<String> keep)
            throws IOException {
        Path d = site.resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).map(p -> site.relativize(p).toString().replace('\\', '/'))
                    .filter(keep).sorted().toList();
        }
    }

    private static String ext(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

}
