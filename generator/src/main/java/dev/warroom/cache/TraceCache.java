package dev.warroom.cache;

import dev.warroom.bank.Problem;
import dev.warroom.sim.Trace;
import dev.warroom.sim.TraceJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Traces kept on disk, {@code <dir>/<sha256>.json}, keyed by what a simulation is a pure
 * function of: the problem id, the variant, the seed, the variant's scenario (for a decision's
 * branch also where it leaves its parent, the parent's scenario and the baseline) and the
 * simulator's code. So the site module's build after the tests, and test classes of one
 * run, do not simulate the same variant again. A file appears only complete (written beside,
 * then moved in); an unreadable one counts as missing.
 */
public final class TraceCache {
    /** Bump when the trace's meaning changes in a way the code fingerprint would not catch. */
    private static final String FORMAT = "warroom-trace-1";

    private final Path dir;

    private TraceCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir} (created when first written). */
    public static TraceCache at(Path dir) {
        return new TraceCache(dir);
    }

    /** {@code .warroom-cache/traces} at the repository root. */
    public static TraceCache standard() {
        return at(CacheDirs.root().resolve("traces"));
    }

    public Path dir() {
        return dir;
    }

    /** The kept trace of this variant, or null. */
    public Trace get(Problem p, String variant) {
        Path f = dir.resolve(key(p, variant) + ".json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(f)) {
            return TraceJson.read(in);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged file is simulated again and replaced
        }
    }

    /** Keeps a trace; another process writing the same key at once is harmless. */
    public void put(Problem p, String variant, Trace t) {
        try {
            Files.createDirectories(dir);
            String key = key(p, variant);
            Path tmp = Files.createTempFile(dir, key.substring(0, 12), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    TraceJson.write(t, out);
                }
                try {
                    Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("keeping the trace of " + p.id() + "/" + variant + " in " + dir, e);
        }
    }

    /** The kept trace, or {@code simulate}'s, kept. */
    public Trace get(Problem p, String variant, Supplier<Trace> simulate) {
        Trace t = get(p, variant);
        if (t == null) {
            t = simulate.get();
            put(p, variant, t);
        }
        return t;
    }

    /** The key of a variant's trace. */
    static String key(Problem p, String variant) {
        MessageDigest d = CodeFingerprint.sha256();
        CodeFingerprint.feed(d, FORMAT);
        d.update(CodeFingerprint.of("dev.warroom.sim"));
        CodeFingerprint.feed(d, p.id());
        CodeFingerprint.feed(d, variant);
        CodeFingerprint.feed(d, Long.toString(p.seed()));
        // records all the way down: toString shows every field, deterministically
        CodeFingerprint.feed(d, p.scenario(variant).toString());
        Problem.Branch branch = Problem.BASELINE.equals(variant) ? null : p.variant(variant).branch();
        if (branch != null) {
            // a decision's branch continues its parent and is measured against the baseline
            CodeFingerprint.feed(d, branch.toString());
            CodeFingerprint.feed(d, p.scenario(branch.from()).toString());
            CodeFingerprint.feed(d, p.baseline().toString());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
