package dev.warroom.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The images a problem's Markdown may show: files of its own folder ({@code ![The
 * topology](topology.png)}, or a path below it), copied into the site under a fingerprinted
 * name. Anything else (another site, a data: URL, a path out of the folder, a file that is
 * not a picture) is refused, and the image's text stands in for it.
 */
final class ProblemImages implements Markdown.Images {
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Set<String> TYPES = Set.of("png", "jpg", "jpeg", "gif", "webp", "svg");

    private final Path dir;
    private final String folder;
    private final Assets assets;
    private final String root;

    /**
     * @param dir    the problem's folder
     * @param folder where its images go in the site, e.g. {@code media/<id>/files/}
     * @param root   the page's way back to the site root, e.g. {@code ../}
     */
    ProblemImages(Path dir, String folder, Assets assets, String root) {
        this.dir = dir;
        this.folder = folder;
        this.assets = assets;
        this.root = root;
    }

    @Override
    public String src(String destination) {
        if (dir == null || destination == null || !PATH.matcher(destination).matches()) {
            return null;
        }
        String ext = destination.substring(destination.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!TYPES.contains(ext)) {
            return null;
        }
        try {
            Path base = dir.toRealPath();
            Path file = base.resolve(destination);
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(base)) {
                return null;
            }
            return root + assets.copy(file, folder + destination);
        } catch (IOException e) {
            return null;
        }
    }
}
