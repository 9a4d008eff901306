package dev.warroom.cache;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the caches live. */
public final class CacheDirs {
    private CacheDirs() {
    }

    /**
     * {@code .warroom-cache} at the repository root: the nearest folder up from the working
     * directory that holds {@code .git} (a folder, or a file in a worktree), else the working
     * directory. So a build started from a module folder shares the root's caches, and
     * {@code mvn clean} keeps them.
     */
    public static Path root() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p.resolve(".warroom-cache");
            }
        }
        return cwd.resolve(".warroom-cache");
    }
}
