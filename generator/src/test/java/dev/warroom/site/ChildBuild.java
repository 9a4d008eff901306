package dev.warroom.site;

import dev.warroom.testing.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code warroom build} in a child JVM on the test class path: for builds under other JVM
 * defaults (locale, time zone, encoding) and for builds a test kills.
 */
final class ChildBuild {
    private ChildBuild() {
    }

    /** The command: {@code java <jvmArgs> -cp <test class path> dev.warroom.cli.Main build <args>}. */
    static List<String> command(List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.warroom.cli.Main", "build",
                "--templates", SiteFixture.templates().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts the build; its output goes to {@code log}. */
    static Process start(Path log, List<String> jvmArgs, String... args) throws IOException {
        return new ProcessBuilder(command(jvmArgs, args)).directory(Golden.root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Runs the build to its end (at most two minutes); returns the exit code. */
    static int run(Path log, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process p = start(log, jvmArgs, args);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the build did not end within two minutes; see " + log);
        }
        return p.exitValue();
    }
}
