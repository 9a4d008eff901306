package dev.warroom.site;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The glossary of {@code templates/data/glossary.yaml}: terms with a definition and real sources. */
final class Glossary {
    record Source(String title, String url) {
    }

    record Term(String id, String term, String definition, String plain, List<Source> sources) {
    }

    private Glossary() {
    }

    @SuppressWarnings("unchecked")
    static List<Term> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Term> terms = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (!(root instanceof List<?> list)) {
                throw new IOException(file + ": expected a list of terms");
            }
            for (Object o : list) {
                Map<String, Object> m = (Map<String, Object>) o;
                List<Source> sources = new ArrayList<>();
                for (Object s : (List<Object>) m.getOrDefault("sources", List.of())) {
                    Map<String, Object> sm = (Map<String, Object>) s;
                    sources.add(new Source(String.valueOf(sm.get("title")), String.valueOf(sm.get("url"))));
                }
                String def = String.valueOf(m.getOrDefault("definition", ""));
                String id = String.valueOf(m.get("id"));
                if (!id.matches("[a-z0-9-]+") || id.startsWith(HeadingIds.PREFIX)) {
                    throw new IOException(file + ": glossary id '" + id + "' must be lowercase letters, digits and '-'"
                            + ", not starting with '" + HeadingIds.PREFIX + "' (kept for headings' ids)");
                }
                terms.add(new Term(id, String.valueOf(m.get("term")), Markdown.NO_IMAGES.html(def),
                        def.replaceAll("[*_`]", "").replaceAll("\\s+", " ").strip(), List.copyOf(sources)));
            }
        }
        return List.copyOf(terms);
    }
}
