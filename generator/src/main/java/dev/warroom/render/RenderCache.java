package dev.warroom.render;

import dev.warroom.sim.Trace;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * options that change pixels, and the bytes of the classes that draw. A folder is only
 * there once complete: renders go to a temporary folder that is then moved in.
 */
final class RenderCache {
    private static final String STATS = ".stats";

    /** Classes whose code decides the pictures. */
    private static final List<Class<?>> CODE = List.of(Painter.class, Palette.class, SvgFrames.class, Yuv.class,
            HumbleEncoder.class, FfmpegEncoder.class, VideoEncoder.class, Chrome.class, Text.class, FramePipeline.class, Captions.class, Renderer.class, RenderCache.class, Storyboard.class,
            SceneSpec.class, dev.warroom.story.Keyframe.class, dev.warroom.story.NodeState.class,
            dev.warroom.story.EdgeState.class, dev.warroom.story.Ease.class, dev.warroom.story.Cue.class,
            dev.warroom.story.Frame.class);
    private static final String[] PACKAGE_PRIVATE = {"dev.warroom.story.Sampler", "dev.warroom.story.LayeredLayout"};

    private static volatile byte[] codeHash;
    private static volatile byte[] allCodeHash;

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
                + " svg " + o.svg() + " video " + o.video() + (o.video() ? " encoder " + o.encoder().resolve() : "");
    }

    private static byte[] allCode() throws IOException {
        byte[] h = allCodeHash;
        if (h != null) {
            return h;
        }
        MessageDigest d = sha256();
        java.util.TreeMap<String, byte[]> classes = new java.util.TreeMap<>();
        try {
            Path src = Path.of(RenderCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String[] packages = {"dev/warroom/bank/", "dev/warroom/sim/", "dev/warroom/story/", "dev/warroom/render/"};
            if (Files.isDirectory(src)) {
                for (String pkg : packages) {
                    Path dir = src.resolve(pkg);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> s = Files.list(dir)) {
                            for (Path p : (Iterable<Path>) s::iterator) {
                                classes.put(pkg + p.getFileName(), Files.readAllBytes(p));
                            }
                        }
                    }
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(src.toFile())) {
                    for (var e : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
                        for (String pkg : packages) {
                            if (e.getName().startsWith(pkg) && e.getName().endsWith(".class")) {
                                try (InputStream in = jar.getInputStream(e)) {
                                    classes.put(e.getName(), in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            classes.clear();
        }
        if (classes.isEmpty()) {
            d.update(code());
        }
        for (var e : classes.entrySet()) {
            feed(d, e.getKey());
            d.update(e.getValue());
        }
        h = d.digest();
        allCodeHash = h;
        return h;
    }

    private static byte[] code() {
        byte[] h = codeHash;
        if (h == null) {
            MessageDigest d = sha256();
            try {
                for (Class<?> c : CODE) {
                    feedClass(d, c.getName(), c.getClassLoader());
                }
                for (String name : PACKAGE_PRIVATE) {
                    feedClass(d, name, RenderCache.class.getClassLoader());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            h = d.digest();
            codeHash = h;
        }
        return h;
    }

    private static void feedClass(MessageDigest d, String name, ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in != null) {
                d.update(in.readAllBytes());
            }
        }
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
