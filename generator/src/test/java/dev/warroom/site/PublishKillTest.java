package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.Generator;
import dev.warroom.bank.Bank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failure safety of publishing: a build killed with SIGKILL at each step of publishing (the
 * generation before the previous one half deleted, the new generation written, its link made,
 * the link swapped in) or while rendering leaves a whole site (the previous one before the
 * swap, the new one after it) and a usable render cache; the next build succeeds and leaves
 * nothing behind but the previous generation; and a reader never finds the site folder or a
 * file in it missing while builds publish.
 */
class PublishKillTest {
    @TempDir
    Path tmp;
    Path bank;
    Path out;
    int builds;

    @BeforeEach
    void bank() throws IOException {
        bank = tmp.resolve("bank");
        Generator.newProblem(bank, "demo");
        out = tmp.resolve("pub/site");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cleaning", "staged", "linked", "swapped"})
    void aBuildKilledAtEachStepLeavesAWholeSiteAndTheNextBuildCleansUp(String step) throws Exception {
        retitle("Earlier edition"); // its generation is the one the next build's start deletes
        assertThat(build()).isZero();
        retitle("First edition");
        assertThat(build()).isZero();
        Map<String, String> first = snapshot(out);

        retitle("Second edition");
        Process p = pausedAt(step, "--media", "none");
        Map<String, String> during = snapshot(out);
        p.destroyForcibly().waitFor();
        Map<String, String> after = snapshot(out);
        assertThat(after).as("the site after the kill is the one a reader saw while the build was paused")
                .isEqualTo(during);
        if (step.equals("swapped")) {
            assertThat(page()).contains("Second edition");
        } else {
            assertThat(after).as("killed before the swap: the previous site, untouched").isEqualTo(first);
        }
        assertWhole();

        retitle("Third edition");
        assertThat(build()).isZero();
        assertThat(page()).contains("Third edition");
        assertWhole();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void whatEarlierVersionsAndKilledBuildsLeftIsRemovedAndARealSiteFolderIsTakenOver() throws Exception {
        Path parent = Files.createDirectories(out.getParent());
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "a site published by an earlier version");
        for (String dir : List.of(".site.staging-123", ".site.old-456", ".site.generations/g-killed")) {
            Files.createDirectories(parent.resolve(dir));
            Files.writeString(parent.resolve(dir).resolve("index.html"), "half written");
        }
        Files.createSymbolicLink(parent.resolve(".site.link-g-789"), Path.of(".site.generations/gone"));
        Files.writeString(parent.resolve(".site.zip12345.tmp"), "half a zip");
        assertThat(build("--zip", parent.resolve("site.zip").toString())).isZero();
        assertThat(Files.isSymbolicLink(out)).isTrue();
        assertThat(page()).contains("Demo");
        assertWhole();
        assertThat(leftovers()).isEmpty();
        assertThat(parent.resolve("site.zip")).isRegularFile();
    }

    @Test
    void theSiteFolderNeverGoesMissingWhileABuildPublishes() throws Exception {
        Bank b = Bank.load(bank);
        SiteBuilder.publish(b, SiteFixture.templates(), out, null, l -> { });
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong looks = new AtomicLong();
        AtomicInteger published = new AtomicInteger();
        List<String> missing = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                looks.incrementAndGet();
                if (!Files.isRegularFile(out.resolve("index.html"))) {
                    synchronized (missing) {
                        missing.add("no index.html at look " + looks.get());
                    }
                }
                // a lookup split in two, as the kernel's is: the link read, then the walk into its
                // target; the target may go only once a later build has swapped in after it
                try {
                    int before = published.get();
                    Path generation = out.resolveSibling(Files.readSymbolicLink(out));
                    Thread.yield();
                    if (!Files.isRegularFile(generation.resolve("index.html")) && published.get() == before) {
                        synchronized (missing) {
                            missing.add("the generation read at look " + looks.get() + " went away during one build");
                        }
                    }
                } catch (IOException e) {
                    synchronized (missing) {
                        missing.add("no link at look " + looks.get() + ": " + e);
                    }
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 15; i++) {
                SiteBuilder.publish(b, SiteFixture.templates(), out, null, l -> { });
                published.incrementAndGet();
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat(looks.get()).isGreaterThan(100);
        assertThat(missing).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBuildKilledWhileRenderingLeavesTheSiteAndTheRenderCacheUsable() throws Exception {
        Path cache = tmp.resolve("cache");
        assertThat(build("--media", "frames", "--cache", cache.toString())).isZero();
        Map<String, String> first = snapshot(out);
        retitle("Rendered again"); // the title is in every picture: every render is new
        Path log = tmp.resolve("killed.log");
        Process p = ChildBuild.start(log, List.of(), "--problems", bank.toString(), "--out", out.toString(),
                "--media", "frames", "--cache", cache.toString());
        waitFor(p, log, "render ");
        p.destroyForcibly().waitFor();
        assertThat(snapshot(out)).isEqualTo(first);

        assertThat(build("--media", "frames", "--cache", cache.toString())).isZero();
        Map<String, String> cached = snapshot(out);
        Path clean = tmp.resolve("clean/site");
        int code = ChildBuild.run(tmp.resolve("clean.log"), List.of(), "--problems", bank.toString(), "--out",
                clean.toString(), "--media", "frames", "--no-cache");
        assertThat(code).isZero();
        assertThat(cached).as("a build on the killed build's cache equals one without a cache")
                .isEqualTo(snapshot(clean)).isNotEqualTo(first);
        assertThat(leftovers()).isEmpty();
    }

    private void retitle(String title) throws IOException {
        TempBank.edit(bank.resolve("demo/problem.yaml"), y -> y.replaceFirst("(?m)^title: .*$", "title: \"" + title + "\""));
    }

    private int build(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("--problems", bank.toString(), "--out", out.toString()));
        a.addAll(List.of(args));
        if (!a.contains("--media")) {
            a.addAll(List.of("--media", "none"));
        }
        Path log = tmp.resolve("build-" + (++builds) + ".log");
        int code = ChildBuild.run(log, List.of(), a.toArray(String[]::new));
        if (code != 0) {
            System.err.println(Files.readString(log));
        }
        return code;
    }

    /** Starts a build that stops at {@code step} of publishing; returns once it is there. */
    private Process pausedAt(String step, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("--problems", bank.toString(), "--out", out.toString()));
        a.addAll(List.of(args));
        Path log = tmp.resolve("paused-" + step + ".log");
        Process p = ChildBuild.start(log, List.of("-D" + Publisher.PAUSE_PROPERTY + "=" + step), a.toArray(String[]::new));
        waitFor(p, log, "warroom: paused at " + step);
        return p;
    }

    private static void waitFor(Process p, Path log, String line) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the build ended (exit " + p.exitValue() + ") before '" + line + "':\n"
                        + Files.readString(log));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("no '" + line + "' within two minutes:\n" + Files.readString(log));
    }

    private String page() throws IOException {
        return Files.readString(out.resolve("problems/demo.html"));
    }

    /** Every page links only to files that are there, and the main pages are. */
    private void assertWhole() throws IOException {
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(out.resolve("problems/demo.html")).isRegularFile();
        List<String> broken = new ArrayList<>();
        assertThat(LinkCheckTest.check(out, broken)).isPositive();
        assertThat(broken).isEmpty();
    }

    /**
     * Anything beside the site, its generations folder and the lock, and any generation but the
     * linked one and one whole previous site (kept for readers that were mid-lookup at the swap).
     */
    private List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        Path parent = out.getParent();
        Path current = parent.resolve(Files.readSymbolicLink(out)).normalize();
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (!List.of("site", ".site.generations", ".site.lock", "site.zip").contains(n)) {
                    found.add(n);
                }
            }
        }
        List<Path> others;
        try (Stream<Path> s = Files.list(parent.resolve(".site.generations"))) {
            others = s.filter(g -> !g.normalize().equals(current)).sorted().toList();
        }
        boolean onePrevious = others.size() == 1 && Files.isRegularFile(others.get(0).resolve("index.html"));
        if (!onePrevious) {
            others.forEach(g -> found.add(".site.generations/" + g.getFileName()));
        }
        return found;
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString().replace('\\', '/'), Assets.hash(Files.readAllBytes(p)));
            }
        }
        return m;
    }
}
