package dev.warroom.site;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Publishes a site so that the site folder always holds a whole site, even when the build is
 * killed at any moment. The site folder {@code out} is a symbolic link to a generation folder
 * in {@code .<name>.generations/} beside it. A build writes a new generation, makes a new link
 * to it under a temporary name and renames that link over {@code out}: one atomic rename, so a
 * reader sees the old site or the new one, never none or a mix. The generation it replaced stays
 * until the next build starts: a reader whose lookup began just before the rename (it read the
 * old link, then walks into the old folder) still finds its files. Whatever a killed build
 * leaves (a half-written generation, a temporary link, the {@code .<name>.staging-*} and
 * {@code .<name>.old-*} folders of earlier versions) is removed when the next build starts. A lock file keeps two builds of the same folder apart.
 *
 * <p>Where symbolic links cannot be made, the generation is swapped in by two renames, as
 * before: the folder is missing for a moment between them.
 */
final class Publisher implements AutoCloseable {
    /** Zip entries get this local time (no time zone involved), so the same site gives the same zip. */
    private static final java.time.LocalDateTime ENTRY_TIME = java.time.LocalDateTime.of(2026, 1, 1, 0, 0);
    /** Set to a step's name, a build stops there until killed: for the failure-safety tests only. */
    static final String PAUSE_PROPERTY = "warroom.test.pauseAt";

    private final Path out;
    private final Path generations;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Path staging;
    /** The published site's real folder, once published. */
    private Path site;

    private Publisher(Path out, Path generations, FileChannel lockFile, FileLock lock, Path staging) {
        this.out = out;
        this.generations = generations;
        this.lockFile = lockFile;
        this.lock = lock;
        this.staging = staging;
    }

    /**
     * Takes the folder's lock (waiting for another build of it to finish), removes what killed
     * builds left, and makes a fresh, empty generation folder to write the site into.
     */
    static Publisher begin(Path out) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        String name = abs.getFileName().toString();
        FileChannel ch = FileChannel.open(parent.resolve("." + name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.lock();
            Path generations = parent.resolve("." + name + ".generations");
            removeLeftovers(abs, generations);
            Files.createDirectories(generations);
            Path staging = Files.createTempDirectory(generations, "g-");
            return new Publisher(abs, generations, ch, lock, staging);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The folder to write the site into. */
    Path staging() {
        return staging;
    }

    /** Swaps the staged site in for {@code out}; the replaced generation stays until the next build. */
    void publish() throws IOException {
        pause("staged");
        Path link = out.resolveSibling("." + out.getFileName() + ".link-" + staging.getFileName());
        Path target = out.getParent().relativize(staging);
        boolean linked;
        try {
            Files.createSymbolicLink(link, target);
            linked = true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            linked = false;
        }
        if (linked) {
            pause("linked");
            if (Files.isDirectory(out) && !Files.isSymbolicLink(out)) {
                // a site published by an earlier version, a real folder: it becomes a generation
                Files.move(out, generations.resolve("g-earlier-" + System.nanoTime()), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(link, out, StandardCopyOption.ATOMIC_MOVE);
        } else {
            swapByRenames();
        }
        site = linked ? staging : out;
        pause("swapped");
    }

    /** The published site's real folder (for the zip: a walk does not enter a link). */
    Path published() {
        return site;
    }

    /** Drops an unpublished generation and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (site == null) {
                deleteTree(staging);
            }
        } finally {
            lock.release();
            lockFile.close();
        }
    }

    private void swapByRenames() throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            old = generations.resolve("g-old-" + System.nanoTime());
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, out, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
    }

    /** What killed builds leave beside {@code out}, and every generation {@code out} does not link to. */
    private static void removeLeftovers(Path out, Path generations) throws IOException {
        String name = out.getFileName().toString();
        try (Stream<Path> s = Files.list(out.getParent())) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + name + ".staging-") || n.startsWith("." + name + ".old-")
                        || n.startsWith("." + name + ".link-")) {
                    deleteTree(p);
                }
            }
        }
        Path current = null;
        if (Files.isSymbolicLink(out)) {
            current = out.getParent().resolve(Files.readSymbolicLink(out)).normalize();
        }
        removeOtherGenerations(generations, current);
    }

    private static void removeOtherGenerations(Path generations, Path keep) throws IOException {
        if (!Files.isDirectory(generations)) {
            return;
        }
        try (Stream<Path> s = Files.list(generations)) {
            for (Path p : s.sorted().toList()) {
                if (keep == null || !p.normalize().equals(keep.normalize())) {
                    deleteTree(p, true); // the failure-safety tests kill a build here
                }
            }
        }
    }

    /** Deletes a folder tree, or a link (never what it points to). */
    static void deleteTree(Path dir) throws IOException {
        deleteTree(dir, false);
    }

    private static void deleteTree(Path dir, boolean pauseAfterFirstFile) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir);
            return;
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            boolean first = pauseAfterFirstFile;
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
                if (first) {
                    first = false;
                    pause("cleaning");
                }
            }
        }
    }

    /** With {@link #PAUSE_PROPERTY} set to {@code step}, says so on stderr and waits to be killed. */
    private static void pause(String step) {
        if (step.equals(System.getProperty(PAUSE_PROPERTY))) {
            System.err.println("warroom: paused at " + step);
            System.err.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A deterministic zip of a folder: sorted entries, fixed times. Written beside, then moved. */
    static void zip(Path dir, Path zip) throws IOException {
        Path abs = zip.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        String prefix = "." + abs.getFileName();
        try (Stream<Path> s = Files.list(abs.getParent())) {
            // a killed build's half-written zip
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Path tmp = Files.createTempFile(abs.getParent(), prefix, ".tmp");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> dir.relativize(p).toString())).toList();
        }
        String root = "warroom-site/";
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(root + dir.relativize(f).toString().replace('\\', '/'));
                e.setTimeLocal(ENTRY_TIME);
                z.putNextEntry(e);
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
