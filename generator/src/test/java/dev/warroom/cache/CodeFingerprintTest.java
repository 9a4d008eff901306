package dev.warroom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The render cache's key covers every class of the packages that draw, with no list to keep up to date. */
class CodeFingerprintTest {
    @Test
    void everyClassFileOfThePackagesIsHashed() throws Exception {
        var classes = CodeFingerprint.classes(List.of("dev.warroom.story", "dev.warroom.render"));
        // Chrome and Text were missing from the hand-written list this replaces
        assertThat(classes).containsKeys("dev/warroom/render/Chrome.class", "dev/warroom/render/Text.class",
                "dev/warroom/render/Painter.class", "dev/warroom/story/LayeredLayout.class");
        Path dir = Path.of(dev.warroom.render.Renderer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir.resolve("dev/warroom/render"))) {
                List<String> onDisk = s.map(p -> "dev/warroom/render/" + p.getFileName()).filter(n -> n.endsWith(".class")).toList();
                assertThat(classes.keySet()).containsAll(onDisk);
                assertThat(onDisk).anyMatch(n -> n.contains("$")); // nested classes too
            }
        }
        assertThat(classes.keySet()).allMatch(n -> n.startsWith("dev/warroom/story/") || n.startsWith("dev/warroom/render/"));
    }

    @Test
    void differentPackagesHashApartAndTheSameAgainAlike() {
        assertThat(CodeFingerprint.of("dev.warroom.render")).isEqualTo(CodeFingerprint.of("dev.warroom.render"))
                .isNotEqualTo(CodeFingerprint.of("dev.warroom.story", "dev.warroom.render"));
    }
}
