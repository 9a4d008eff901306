package dev.warroom.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.warroom.testing.Golden;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The fuzz suite (issue 18.2): mutants of every problem of the real bank, seeded (so a
 * failure reproduces: {@code -Dfuzz.seed=N}), across {@link Mutations#KINDS}. For each, the
 * validator's promise: a valid load, or errors each located to a file and, where the file
 * parsed, to a line; never an exception or an internal error; within a CPU-time and heap bound.
 */
class FuzzTest {
    private static final int MUTANTS = Integer.getInteger("fuzz.mutants", 1200);
    private static final long SEED = Long.getLong("fuzz.seed", 18);
    /** Generous bounds: a mutant validates in milliseconds and a few MB; these catch hangs and blow-ups. */
    private static final long MAX_CPU_NS = 5_000_000_000L;
    private static final long MAX_ALLOCATED = 512L * 1024 * 1024;
    /** File-level errors, which have no line by nature. */
    private static final List<String> WHOLE_FILE = List.of("is empty", "is too large", "missing", "cannot read");

    @TempDir
    Path work;

    @Test
    void everyMutantGetsAValidLoadOrLocatedErrors() throws Exception {
        Path problems = Golden.root().resolve("problems");
        List<Path> folders;
        try (Stream<Path> s = Files.list(problems)) {
            folders = s.filter(p -> Files.isRegularFile(p.resolve(ProblemReader.PROBLEM_FILE))).sorted().toList();
        }
        assertThat(folders).isNotEmpty();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        threads.setThreadCpuTimeEnabled(true);

        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, int[]> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int located = 0;
        long totalCpu = 0;
        long worstCpu = 0;
        long worstHeap = 0;
        String worstCpuMutant = "";
        String worstHeapMutant = "";
        for (int i = 0; i < MUTANTS; i++) {
            Path source = folders.get(i % folders.size());
            Mutations.Kind kind = Mutations.KINDS.get(random.nextInt(Mutations.KINDS.size()));
            SplittableRandom r = random.split();
            String id = source.getFileName().toString();
            String name = "#" + i + " " + kind.name() + " of " + id;
            boolean walkthrough = kind.name().matches("truncate|bad-byte|empty|huge-file|latin1") && r.nextInt(5) == 0;
            String target = walkthrough ? ProblemReader.WALKTHROUGH_FILE : ProblemReader.PROBLEM_FILE;

            Path bank = work.resolve("m" + i);
            Path dir = Files.createDirectories(bank.resolve(id));
            byte[] mutant = kind.apply().apply(Files.readAllBytes(source.resolve(target)), r);
            for (String f : List.of(ProblemReader.PROBLEM_FILE, ProblemReader.WALKTHROUGH_FILE)) {
                Files.write(dir.resolve(f), f.equals(target) ? mutant : Files.readAllBytes(source.resolve(f)));
            }
            long[] cost = new long[2];
            Bank.Reader measured = (folder, display, errors) -> {
                long id0 = Thread.currentThread().getId();
                long cpu = threads.getCurrentThreadCpuTime();
                long heap = threads.getThreadAllocatedBytes(id0);
                try {
                    return ProblemReader.read(folder, display, errors);
                } finally {
                    cost[0] = threads.getCurrentThreadCpuTime() - cpu;
                    cost[1] = threads.getThreadAllocatedBytes(id0) - heap;
                }
            };
            List<BankError> errors;
            try {
                Bank.load(bank, measured, Duration.ofSeconds(20));
                errors = List.of();
                valid++;
            } catch (BankException e) {
                errors = e.errors();
                located++;
            } catch (RuntimeException | Error e) {
                failures.add(name + ": threw " + e);
                continue;
            } finally {
                deleteTree(bank);
            }
            byKind.computeIfAbsent(kind.name(), k -> new int[2])[errors.isEmpty() ? 0 : 1]++;
            boolean parsed = parses(walkthrough ? Files.readAllBytes(source.resolve(ProblemReader.PROBLEM_FILE)) : mutant);
            for (BankError e : errors) {
                String problem = check(e, id, parsed);
                if (problem != null) {
                    failures.add(name + ": " + problem + ": " + e);
                }
            }
            totalCpu += cost[0];
            if (cost[0] > worstCpu) {
                worstCpu = cost[0];
                worstCpuMutant = name;
            }
            if (cost[1] > worstHeap) {
                worstHeap = cost[1];
                worstHeapMutant = name;
            }
            if (cost[0] > MAX_CPU_NS || cost[1] > MAX_ALLOCATED) {
                failures.add(String.format(Locale.ROOT, "%s: %.2f s CPU, %d MB allocated", name, cost[0] / 1e9,
                        cost[1] >> 20));
            }
        }
        System.out.printf(Locale.ROOT, "fuzz (seed %d): %d mutants of %d problems, %d kinds: %d valid loads, %d with"
                        + " located errors; CPU %.1f s in all, worst %.0f ms (%s); worst allocation %d MB (%s)%n", SEED,
                MUTANTS, folders.size(), byKind.size(), valid, located, totalCpu / 1e9, worstCpu / 1e6, worstCpuMutant, worstHeap >> 20,
                worstHeapMutant);
        byKind.forEach((k, n) -> System.out.printf(Locale.ROOT, "  %-20s %4d valid, %4d refused%n", k, n[0], n[1]));
        assertThat(failures).as("mutants that broke the promise").isEmpty();
        assertThat(valid + located).isGreaterThanOrEqualTo(1000);
    }

    /** What is wrong with an error, or null. */
    private static String check(BankError e, String id, boolean parsed) {
        if (!e.file().endsWith(id + "/" + ProblemReader.PROBLEM_FILE) && !e.file().endsWith(id + "/" + ProblemReader.WALKTHROUGH_FILE)) {
            return "not located to the problem's files";
        }
        if (e.message().contains("internal error") || e.message().contains("Exception") || e.message().contains("\tat ")) {
            return "an internal error";
        }
        boolean wholeFile = WHOLE_FILE.stream().anyMatch(w -> e.message().startsWith(w))
                || e.file().endsWith(ProblemReader.WALKTHROUGH_FILE);
        if (e.line() <= 0 && !wholeFile && parsed) {
            return "no line, though the file parsed";
        }
        return null;
    }

    /** Whether the mutant is well-formed UTF-8 YAML within the limits (then every error must have a line). */
    private static boolean parses(byte[] yaml) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(yaml)).toString();
            Node root = new Yaml(YamlGuard.options()).compose(new StringReader(text));
            return root != null && YamlGuard.check(root, "") == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
