package dev.warroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code generator/src/test/resources/golden}: the test compares its
 * output with the file; run with {@code -Dgolden.update=true} to rewrite them all.
 */
public final class Golden {
    private Golden() {
    }

    /** The repository's top folder (tests run from generator/). */
    public static Path root() {
        return Path.of(System.getProperty("warroom.root", "..")).toAbsolutePath().normalize();
    }

    public static void assertMatches(String name, String actual) throws IOException {
        Path file = root().resolve("generator/src/test/resources/golden").resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file) && Boolean.getBoolean("golden.create")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (create or refresh with -Dgolden.update=true)", file).exists();
        assertThat(actual).as("output vs golden %s (refresh with -Dgolden.update=true)", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
