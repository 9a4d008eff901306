package dev.warroom.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Publishes the study site: page models from the bank, Mustache templates from
 * {@code templates/}, static assets copied alongside. The front door of this package.
 */
public final class SiteBuilder {
    private SiteBuilder() {
    }

    /** What was published. */
    public record Result(int pages, long bytes) {
    }

    /** Builds the whole site into a staging folder, then swaps it in for {@code out}. */
    public static Result publish(Bank bank, Path templates, Path out, Path zip, Consumer<String> progress)
            throws IOException {
        if (!Files.isDirectory(templates)) {
            throw new IOException("no templates folder at " + templates);
        }
        Path staging = Publisher.stage(out);
        try {
            Templates t = new Templates(templates);
            int pages = 0;
            List<Pages.Card> cards = bank.problems().stream().map(Pages::card).toList();
            write(staging.resolve("index.html"), t.page("index", "Problems", Map.of("problems", cards), ""));
            pages++;
            for (Problem p : bank.problems()) {
                write(staging.resolve("problems/" + p.id() + ".html"),
                        t.page("problem", p.title(), Pages.problem(p), "../"));
                pages++;
            }
            copyAssets(templates.resolve("assets"), staging.resolve("assets"));
            progress.accept("rendered " + pages + " pages");
            long bytes = size(staging);
            Publisher.swap(staging, out);
            if (zip != null) {
                Publisher.zip(out, zip);
                progress.accept("zipped to " + zip);
            }
            return new Result(pages, bytes);
        } catch (IOException | RuntimeException e) {
            Publisher.deleteTree(staging);
            throw e;
        }
    }

    private static void write(Path file, String html) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void copyAssets(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** The templates folder: page bodies rendered, then wrapped in the layout. */
    private static final class Templates {
        private final MustacheFactory factory;

        Templates(Path dir) {
            this.factory = new DefaultMustacheFactory(dir.toFile());
        }

        String page(String name, String title, Object model, String root) {
            String body = render(name + ".mustache", model);
            Map<String, Object> layout = new HashMap<>();
            layout.put("title", title);
            layout.put("root", root);
            layout.put("body", body);
            return render("layout.mustache", layout);
        }

        private String render(String template, Object model) {
            Mustache m = factory.compile(template);
            StringWriter w = new StringWriter();
            m.execute(w, model);
            return w.toString();
        }
    }
}
