package dev.warroom.render;

import dev.warroom.cache.CodeFingerprint;
import dev.warroom.sim.Trace;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The content-hash cache: a render's folder is {@code <root>/<sha256>/}, the hash taken over
 * everything the pictures depend on — the scenes, the traces (minus their wall time), the
 * options that change pixels, and the bytes of every class of the story and render packages
 * ({@link CodeFingerprint}). A folder is only
 * there once complete: renders go to a temporary folder that is then moved in.
 */
final class RenderCache {
    private static final String STATS = ".stats";

    private RenderCache() {
    }

    static String key(String format, List<SceneSpec> scenes, List<Trace> traces, RenderOptions o, Storyboard sb) {
        MessageDigest d = sha256();
        feed(d, format);
        d.update(code());
        feed(d, outputSettings(o));
        for (SceneSpec s : scenes) {
            feed(d, s.toString());
        }
        for (Trace t : traces) {
            feed(d, t.problem() + "|" + t.variant() + "|" + t.seed() + "|" + t.bucketMs() + "|" + t.startClock() + "|" + t.durationMs());
            for (var e : t.services().entrySet()) {
                feed(d, e.getKey());
                feed(d, e.getValue().toString());
            }
            for (var e : t.edges().entrySet()) {
                feed(d, e.getKey());
                feed(d, e.getValue().toString());
            }
            feed(d, t.events().toString());
        }
        feed(d, sb.title() + "|" + sb.subtitle() + "|" + sb.frames());
        return HexFormat.of().formatHex(d.digest());
    }

    /**
     * The key of a render from its inputs alone, before any simulation: the problem file, the
     * variants, the options, and every class of the pipeline (bank, sim, story, render), so a
     * change of simulator or painter code renders again.
     */
    static String inputKey(String format, dev.warroom.bank.Problem problem, List<String> variants, RenderOptions o)
            throws IOException {
        MessageDigest d = sha256();
        feed(d, "inputs|" + format);
        d.update(allCode());
        feed(d, outputSettings(o));
        feed(d, problem.id() + "|" + problem.seed() + "|" + String.join(",", variants));
        Path yaml = problem.dir().resolve("problem.yaml");
        d.update(Files.exists(yaml) ? Files.readAllBytes(yaml) : problem.toString().getBytes(StandardCharsets.UTF_8));
        return "in-" + HexFormat.of().formatHex(d.digest());
    }

    /** What the options change in the output (not where it goes, nor how many threads make it). */
    private static String outputSettings(RenderOptions o) {
        // the encoder that will actually run: two encoders give two (equivalent, not identical) files
        return o.width() + "x" + o.height() + " crf " + o.crf() + " " + o.preset() + " " + o.x264Params() + " " + o.story()
                + " svg " + o.svg() + " from " + o.stillsFromMs() + " video " + o.video() + (o.video() ? " encoder " + o.encoder().resolve() : "");
    }

    /** Every class of the packages that draw: a change in any of them (Chrome, Text, ...) renders again. */
    private static byte[] code() {
        return CodeFingerprint.of("dev.warroom.story", "dev.warroom.render");
    }

    /** Every class of the pipeline up to the pictures, simulator included (the traces are not part of an input key). */
    private static byte[] allCode() {
        return CodeFingerprint.of("dev.warroom.bank", "dev.warroom.sim", "dev.warroom.story", "dev.warroom.render");
    }

    private static void feed(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) ':');
        d.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(STATS)) && Files.isRegularFile(dir.resolve("manifest.json"));
    }

    static void writeStats(Path dir, RenderResult.Stats s) throws IOException {
        Properties p = new Properties();
        p.setProperty("wallMs", Long.toString(s.wallMs()));
        p.setProperty("videoFrames", Integer.toString(s.videoFrames()));
        p.setProperty("svgFrames", Integer.toString(s.svgFrames()));
        p.setProperty("svgBytes", Long.toString(s.svgBytes()));
        p.setProperty("paintMs", Long.toString(s.paintMs()));
        p.setProperty("encodeMs", Long.toString(s.encodeMs()));
        p.setProperty("painted", Integer.toString(s.painted()));
        p.setProperty("encoderCpuMs", Long.toString(s.encoderCpuMs()));
        try (var w = Files.newBufferedWriter(dir.resolve(STATS), StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    static RenderResult.Stats readStats(Path dir) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve(STATS), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new RenderResult.Stats(Long.parseLong(p.getProperty("wallMs", "0")),
                Integer.parseInt(p.getProperty("videoFrames", "0")), Integer.parseInt(p.getProperty("svgFrames", "0")),
                Long.parseLong(p.getProperty("svgBytes", "0")), Long.parseLong(p.getProperty("paintMs", "0")),
                Long.parseLong(p.getProperty("encodeMs", "0")), Integer.parseInt(p.getProperty("painted", "0")),
                Long.parseLong(p.getProperty("encoderCpuMs", "0")));
    }

    /** Moves the finished {@code work} folder to {@code target}; if another render got there first, keeps that one. */
    static Path commit(Path work, Path target) throws IOException {
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(work);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(work, target);
        }
        return target;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
