package dev.warroom.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Study;
import dev.warroom.bank.Units;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Publishes the study site: page models from the bank and the media, Mustache templates
 * from {@code templates/}, assets and media copied under fingerprinted names. The front
 * door of this package. The same bank and media give a byte-identical site.
 */
public final class SiteBuilder {
    private SiteBuilder() {
    }

    /** What was published. */
    public record Result(int pages, long bytes) {
    }

    /** Builds the site without videos, frames or computed answers. */
    public static Result publish(Bank bank, Path templates, Path out, Path zip, Consumer<String> progress)
            throws IOException {
        return publish(bank, SiteMedia.none(), templates, out, zip, progress);
    }

    /**
     * Builds the whole site into a new generation folder, then swaps it in for {@code out}
     * atomically ({@link Publisher}); zips it if asked.
     */
    public static Result publish(Bank bank, SiteMedia media, Path templates, Path out, Path zip,
                                 Consumer<String> progress) throws IOException {
        return publish(bank, media, templates, out, zip, null, progress);
    }

    /**
     * As above; with {@code baseUrl} (absolute, ending in {@code /}: where the site will be
     * hosted) the embed snippets carry absolute URLs.
     */
    public static Result publish(Bank bank, SiteMedia media, Path templates, Path out, Path zip, String baseUrl,
                                 Consumer<String> progress) throws IOException {
        if (!Files.isDirectory(templates)) {
            throw new IOException("no templates folder at " + templates);
        }
        try (Publisher publisher = Publisher.begin(out)) {
            int pages = render(bank, media, templates, publisher.staging(), baseUrl);
            progress.accept("rendered " + pages + " pages");
            long bytes = size(publisher.staging());
            publisher.publish();
            if (zip != null) {
                Publisher.zip(publisher.published(), zip);
                progress.accept("zipped to " + zip);
            }
            return new Result(pages, bytes);
        }
    }

    private static int render(Bank bank, SiteMedia media, Path templates, Path site, String baseUrl)
            throws IOException {
        Assets assets = new Assets(site);
        Map<String, String> a = assets.copyTemplateAssets(templates.resolve("assets"));
        Templates t = new Templates(templates, a, baseUrl);
        List<Glossary.Term> glossary = Glossary.load(templates.resolve("data/glossary.yaml"));
        List<Pages.Card> cards = new ArrayList<>();
        List<Map<String, Object>> search = new ArrayList<>();
        int pages = 0;
        List<ScormPackages.Sco> scos = new ArrayList<>();
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (Problem p : bank.problems()) {
            String files = "media/" + p.id() + "/files/";
            Markdown onPage = new Markdown(new ProblemImages(p.dir(), files, assets, "../"));
            List<Pages.VariantRef> all = copyMedia(p, media.of(p.id()), assets, onPage);
            List<Pages.VariantRef> refs = all.stream().filter(v -> !p.branches().containsKey(v.id())).toList();
            List<Pages.VariantRef> branches = all.stream().filter(v -> p.branches().containsKey(v.id())).toList();
            Quiz.Model quiz = Quiz.of(p, media.of(p.id()), onPage);
            cards.add(Pages.card(p, poster(refs), new Markdown(new ProblemImages(p.dir(), files, assets, ""))));
            Map<String, Object> model = Pages.problem(p, refs, branches, quiz, media.of(p.id()), onPage);
            model.put("forInstructors", ScormPackages.links(p.id()));
            List<String> js = List.of("items.js", "grading.js", "scorm.js", "quiz.js", "drill.js");
            write(site, "problems/" + p.id() + ".html", t.page("problem", p.title(), model, "../", "problems", js));
            scos.add(new ScormPackages.Sco(p.id(), p.title(),
                    t.page("problem", p.title(), ScormPackages.launchModel(model), "../", "sco", js)));
            sessions.add(Instructors.session(p, new Markdown(new ProblemImages(p.dir(), files, assets, ""))));
            pages++;
            writeExports(site, p, media.of(p.id()).answers());
            for (Pages.VariantRef v : refs) {
                for (Pages.VideoRef video : new Pages.VideoRef[] {v.video(), v.comparison()}) {
                    if (video != null) {
                        Map<String, Object> em = new LinkedHashMap<>();
                        em.put("video", video);
                        em.put("problem", p.title());
                        em.put("problemHref", "../problems/" + p.id() + ".html");
                        write(site, video.embed(), t.page("embed", video.label(), em, "../", "embed", List.of()));
                        pages++;
                    }
                }
            }
            search.add(entry(p.title(), "problems/" + p.id() + ".html", "Problem",
                    plain(p.summary()), p.summary() + " " + p.walkthrough() + " " + String.join(" ", p.topics())));
            for (var ph : p.study().phases()) {
                search.add(entry(ph.title() + " — " + p.title(), "problems/" + p.id() + ".html#phase-" + ph.id(),
                        "Phase", plain(ph.brief()), ph.brief() + " " + String.join(" ", ph.questions()) + " "
                                + ph.discussion()));
            }
        }
        for (Study.Dimension r : bank.rubric()) {
            search.add(entry(r.title(), "rubric.html#dim-" + r.id(), "Rubric", r.expert(),
                    r.novice() + " " + r.intermediate() + " " + r.expert()));
        }
        for (Glossary.Term g : glossary) {
            search.add(entry(g.term(), "glossary.html#" + g.id(), "Glossary", g.plain(), g.plain()));
        }
        write(site, "index.html", t.page("index", "Problems", Pages.index(cards, Json.of(search), bank.rubric()), "", "index",
                List.of("search.js")));
        Map<String, Object> rubric = new LinkedHashMap<>();
        rubric.put("rubric", bank.rubric());
        write(site, "rubric.html", t.page("rubric", "Rubric", rubric, "", "rubric", List.of()));
        write(site, "glossary.html", t.page("glossary", "Glossary and resources", Map.of("terms", glossary), "",
                "glossary", List.of()));
        write(site, "how-to-use.html", t.page("howto", "How to use the kit", Map.of(), "", "howto", List.of()));
        write(site, "404.html", t.page("404", "Page not found", Map.of(), "", "404", List.of()));
        write(site, "instructors.html", t.page("instructors", "For instructors", Instructors.page(sessions), "",
                "instructors", List.of()));
        ScormPackages.write(site, scos, "warroom: incident response drills");
        return pages + 6;
    }

    private static Map<String, Object> entry(String title, String url, String kind, String snippet, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", title);
        m.put("u", url);
        m.put("k", kind);
        m.put("s", snippet.length() > 180 ? snippet.substring(0, 177).strip() + "…" : snippet);
        TreeSet<String> words = new TreeSet<>();
        for (String w : plain(title + " " + text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1) {
                words.add(w);
            }
        }
        m.put("w", String.join(" ", words));
        return m;
    }

    private static String plain(String markdown) {
        return markdown == null ? "" : markdown.replaceAll("[*_`#>|]", "").replaceAll("\\s+", " ").strip();
    }

    private static List<Pages.VariantRef> copyMedia(Problem p, SiteMedia.ProblemMedia pm, Assets assets,
                                                     Markdown md) {
        List<Pages.VariantRef> refs = new ArrayList<>();
        String dir = "media/" + p.id() + "/";
        pm.variants().forEach((id, vm) -> {
            Problem.Variant v = p.variants().containsKey(id) ? p.variants().get(id) : p.branches().get(id);
            String kind = v == null ? "failure" : Pages.name(v.kind());
            String summary = v == null ? "" : md.html(v.summary());
            Pages.VideoRef video = video(vm.video(), assets, dir + id, "embed/" + p.id() + "--" + id + ".html",
                    vm.title());
            Pages.VideoRef cmp = video(vm.comparison(), assets, dir + id + "-comparison",
                    "embed/" + p.id() + "--" + id + "--comparison.html", vm.title() + " (side by side)");
            List<Pages.FrameRef> frames = new ArrayList<>();
            int i = 0;
            for (SiteMedia.Frame f : vm.frames()) {
                i++;
                String src = assets.copy(f.svg(), String.format(Locale.ROOT, "%s%s/frame-%04d.svg", dir, id, i));
                frames.add(new Pages.FrameRef(src, f.clockSeconds(), Units.formatClock(f.clockSeconds()), f.caption()));
            }
            refs.add(new Pages.VariantRef(id, vm.title(), kind, summary, video, cmp, List.copyOf(frames)));
        });
        return refs;
    }

    /** The first video's poster; without videos, the first variant's frame two thirds of the way through. */
    private static String poster(List<Pages.VariantRef> refs) {
        for (Pages.VariantRef v : refs) {
            if (v.video() != null && v.video().poster() != null) {
                return v.video().poster();
            }
        }
        for (Pages.VariantRef v : refs) {
            if (v.hasFrames()) {
                return v.frames().get(v.frames().size() * 2 / 3).src();
            }
        }
        return null;
    }

    private static Pages.VideoRef video(SiteMedia.Video v, Assets assets, String base, String embed, String label) {
        if (v == null) {
            return null;
        }
        return new Pages.VideoRef(assets.copy(v.mp4(), base + ".mp4"),
                v.poster() == null ? null : assets.copy(v.poster(), base + "-poster" + ext(v.poster(), ".png")),
                v.captionsVtt() == null ? null : assets.copy(v.captionsVtt(), base + "-captions.vtt"),
                v.chaptersVtt() == null ? null : assets.copy(v.chaptersVtt(), base + "-chapters.vtt"),
                dataUrl(v.captionsVtt()), dataUrl(v.chaptersVtt()), v.clockStartSecondsOfDay(), v.simSecondsPerVideoSecond(), embed, label);
    }

    private static String dataUrl(Path vtt) {
        if (vtt == null) {
            return null;
        }
        try {
            return "data:text/vtt;base64," + java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(vtt));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + vtt, e);
        }
    }

    private static String ext(Path p, String dflt) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? dflt : n.substring(dot).toLowerCase(Locale.ROOT);
    }

    /**
     * The problem's auto-gradable items for an LMS question bank, as Moodle XML and GIFT
     * ({@code exports/<id>.moodle.xml}, {@code exports/<id>.gift.txt}); images are left out,
     * their paths would not resolve inside the LMS.
     */
    private static void writeExports(Path site, Problem p, Map<String, Double> answers) throws IOException {
        List<QuizExport.Item> items = QuizExport.of(p, answers, Markdown.NO_IMAGES);
        Path dir = Files.createDirectories(site.resolve("exports"));
        Files.writeString(dir.resolve(p.id() + ".moodle.xml"), MoodleXml.of(p.title(), items), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(p.id() + ".gift.txt"), Gift.of(p.title(), items), StandardCharsets.UTF_8);
    }

    private static void write(Path site, String rel, String html) throws IOException {
        Path file = site.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, HeadingIds.uniqueOnPage(html), StandardCharsets.UTF_8);
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
        private final Map<String, String> assets;
        private final String baseUrl;

        Templates(Path dir, Map<String, String> assets, String baseUrl) {
            this.factory = new DefaultMustacheFactory(dir.toFile());
            this.assets = assets;
            this.baseUrl = baseUrl;
        }

        String page(String name, String title, Map<String, Object> model, String root, String section,
                    List<String> scripts) {
            Map<String, Object> body = new LinkedHashMap<>(model);
            body.put("root", root);
            body.put("a", assets);
            if (baseUrl != null) {
                body.put("baseUrl", baseUrl);
            }
            Map<String, Object> layout = new LinkedHashMap<>();
            layout.put("title", title);
            layout.put("root", root);
            layout.put("a", assets);
            layout.put("body", render(name + ".mustache", body));
            layout.put("embed", "embed".equals(section));
            layout.put("is_" + section, true);
            List<String> js = new ArrayList<>();
            js.add(root + assets.getOrDefault("site_js", "assets/site.js"));
            for (String s : scripts) {
                String key = s.replace('.', '_').replace('-', '_');
                if (assets.containsKey(key)) {
                    js.add(root + assets.get(key));
                }
            }
            layout.put("scripts", js);
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
