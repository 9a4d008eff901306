package dev.warroom.site;

import dev.warroom.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A copy of some of the real bank's problems in a temporary folder, for tests that edit them. */
final class TempBank {
    private TempBank() {
    }

    /** Copies the bank's rubric and the named problems of {@code problems/} into {@code dir}; returns {@code dir}. */
    static Path copy(Path dir, String... ids) throws IOException {
        Files.createDirectories(dir);
        Files.copy(Golden.root().resolve("problems/rubric.yaml"), dir.resolve("rubric.yaml"));
        for (String id : ids) {
            Path from = Golden.root().resolve("problems").resolve(id);
            Path to = dir.resolve(id);
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    /** Rewrites a text file in place. */
    static void edit(Path file, UnaryOperator<String> change) throws IOException {
        Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
