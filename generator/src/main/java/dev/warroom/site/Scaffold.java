package dev.warroom.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code warroom new}: a problem folder from a template that validates at once. */
public final class Scaffold {
    private static final String[] FILES = {"problem.yaml", "walkthrough.md"};

    private Scaffold() {
    }

    /** Creates {@code problems/<id>/}; refuses a bad id or an existing folder. */
    public static Path create(Path problems, String id) throws IOException {
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a problem id is lowercase letters, digits and '-', got '" + id + "'");
        }
        Path dir = problems.resolve(id);
        if (Files.exists(dir)) {
            throw new FileAlreadyExistsException(dir + " already exists");
        }
        Files.createDirectories(dir);
        String title = Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('-', ' ');
        for (String f : FILES) {
            try (InputStream in = Scaffold.class.getResourceAsStream("scaffold/" + f)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("__ID__", id).replace("__TITLE__", title);
                Files.writeString(dir.resolve(f), text, StandardCharsets.UTF_8);
            }
        }
        return dir;
    }
}
