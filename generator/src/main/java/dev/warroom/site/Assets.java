package dev.warroom.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Copies files into the site under fingerprinted names ({@code style.3f2a9c1b.css}), so a
 * static host can cache them forever and a changed file gets a new name.
 */
final class Assets {
    private final Path site;
    /** site-relative path by logical name, e.g. {@code style_css -> assets/style.3f2a9c1b.css}. */
    private final Map<String, String> names = new TreeMap<>();

    Assets(Path site) {
        this.site = site;
    }

    /** Copies every file of {@code templates/assets}; returns the logical-name map for the templates. */
    Map<String, String> copyTemplateAssets(Path from) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = from.relativize(p).toString().replace('\\', '/');
                    names.put(rel.replace('.', '_').replace('/', '_').replace('-', '_'), copy(p, "assets/" + rel));
                }
            }
        }
        return Map.copyOf(names);
    }

    /** Copies a file to {@code wanted} with its hash inserted before the extension; returns the site path. */
    String copy(Path file, String wanted) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String hash = hash(bytes);
            int dot = wanted.lastIndexOf('.');
            int slash = wanted.lastIndexOf('/');
            String name = dot > slash ? wanted.substring(0, dot) + "." + hash + wanted.substring(dot)
                    : wanted + "." + hash;
            Path target = site.resolve(name);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.write(target, bytes);
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " into the site: " + e.getMessage(), e);
        }
    }

    /** Writes generated text as a fingerprinted file. */
    String write(String wanted, String text) {
        try {
            Path tmp = Files.createTempFile("warroom-asset", ".tmp");
            try {
                Files.writeString(tmp, text);
                return copy(tmp, wanted);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 10)
                    .toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
