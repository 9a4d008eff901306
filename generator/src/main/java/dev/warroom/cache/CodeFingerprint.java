package dev.warroom.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 over the bytes of every class file of some packages (nested classes and
 * package-private helpers included), read from the folder or jar the generator was loaded
 * from: so a cache keyed by it notices any change of the code that made an output, with no
 * hand-written list of classes to keep up to date.
 */
public final class CodeFingerprint {
    private static final Map<List<String>, byte[]> KNOWN = new ConcurrentHashMap<>();

    private CodeFingerprint() {
    }

    /** The fingerprint of the given packages (e.g. {@code dev.warroom.sim}), computed once per process. */
    public static byte[] of(String... packages) {
        return KNOWN.computeIfAbsent(List.of(packages), CodeFingerprint::compute).clone();
    }

    private static byte[] compute(List<String> packages) {
        TreeMap<String, byte[]> classes = classes(packages);
        MessageDigest d = sha256();
        for (var e : classes.entrySet()) {
            feed(d, e.getKey());
            d.update(e.getValue());
        }
        return d.digest();
    }

    /** The class files of the packages, by path ({@code dev/warroom/render/Chrome.class}). */
    static TreeMap<String, byte[]> classes(List<String> packages) {
        TreeMap<String, byte[]> classes = new TreeMap<>();
        List<String> dirs = packages.stream().map(p -> p.replace('.', '/') + "/").toList();
        try {
            Path src = Path.of(CodeFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(src)) {
                for (String dir : dirs) {
                    Path d = src.resolve(dir);
                    if (Files.isDirectory(d)) {
                        try (Stream<Path> s = Files.list(d)) {
                            for (Path p : (Iterable<Path>) s::iterator) {
                                if (p.getFileName().toString().endsWith(".class")) {
                                    classes.put(dir + p.getFileName(), Files.readAllBytes(p));
                                }
                            }
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(src.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        String name = e.getName();
                        int slash = name.lastIndexOf('/');
                        if (name.endsWith(".class") && dirs.contains(name.substring(0, slash + 1))) {
                            try (InputStream in = jar.getInputStream(e)) {
                                classes.put(name, in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the generator's classes to fingerprint them", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the generator's code location is not a path", e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes found for " + packages + " beside " + CodeFingerprint.class);
        }
        return classes;
    }

    /** A SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds {@code s} length-prefixed, so that ("ab", "c") and ("a", "bc") hash apart. */
    public static void feed(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) ':');
        d.update(b);
    }
}
