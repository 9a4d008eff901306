package dev.warroom.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code warroom serve}: serves the published site on localhost, polls the watched folders
 * (problems, templates) and runs the injected build when a file changes; open pages poll a
 * version endpoint and reload after a successful rebuild. Only the preview injects that
 * script (and relaxes connect-src to 'self' for it): published pages make no request.
 */
public final class PreviewServer implements AutoCloseable {
    private static final String PREFIX = "/__warroom/";
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("mp4", "video/mp4"), Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("zip", "application/zip"));
    private static final String RELOAD_JS = """
            (function () {
              var seen = null;
              function poll() {
                fetch('/__warroom/version', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (v) {
                  if (seen !== null && v !== seen) { location.reload(); return; }
                  seen = v; setTimeout(poll, 700);
                }, function () { setTimeout(poll, 2000); });
              }
              poll();
            }());
            """;

    private final HttpServer http;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "warroom-watch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger version = new AtomicInteger();
    private final Path site;
    private final List<Path> watched;
    private final Callable<?> build;
    private final Consumer<String> log;
    private volatile long stamp;

    private PreviewServer(HttpServer http, Path site, List<Path> watched, Callable<?> build, Consumer<String> log) {
        this.http = http;
        this.site = site.toAbsolutePath().normalize();
        this.watched = List.copyOf(watched);
        this.build = build;
        this.log = log;
    }

    /**
     * Builds once, then serves {@code site} on 127.0.0.1:{@code port} (0: any free port) and
     * rebuilds with {@code build} whenever a file under {@code watched} changes.
     */
    public static PreviewServer start(int port, Path site, List<Path> watched, Callable<?> build,
                                      Consumer<String> log) throws Exception {
        build.call();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        PreviewServer s = new PreviewServer(http, site, watched, build, log);
        s.version.set(1);
        s.stamp = s.fingerprint();
        http.createContext("/", s::handle);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "warroom-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        s.watcher.scheduleWithFixedDelay(s::check, 400, 400, TimeUnit.MILLISECONDS);
        return s;
    }

    /** The port served. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** How many successful builds so far (the first one included). */
    public int version() {
        return version.get();
    }

    private void check() {
        try {
            long now = fingerprint();
            if (now == stamp) {
                return;
            }
            stamp = now;
            long t0 = System.nanoTime();
            build.call();
            version.incrementAndGet();
            log.accept(String.format(Locale.ROOT, "rebuilt in %.1f s; reloading open pages", (System.nanoTime() - t0) / 1e9));
        } catch (Exception e) {
            log.accept("build failed, still serving the previous site: " + e.getMessage());
        }
    }

    /** A cheap summary of the watched trees: paths, sizes and modification times. */
    private long fingerprint() throws IOException {
        long h = 17;
        for (Path root : watched) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted().toList()) {
                    h = h * 31 + p.toString().hashCode();
                    if (Files.isRegularFile(p)) {
                        h = h * 31 + Files.getLastModifiedTime(p).toMillis();
                        h = h * 31 + Files.size(p);
                    }
                }
            }
        }
        return h;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            if (path.equals(PREFIX + "version")) {
                send(ex, 200, "text/plain; charset=utf-8", String.valueOf(version.get()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals(PREFIX + "reload.js")) {
                send(ex, 200, TYPES.get("js"), RELOAD_JS.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = site.resolve(path.replaceFirst("^/+", "")).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            int status = 200;
            if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                status = 404;
                file = site.resolve("404.html");
                if (!Files.isRegularFile(file)) {
                    send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            byte[] body = Files.readAllBytes(file);
            if (ext.equals("html")) {
                body = inject(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            send(ex, status, TYPES.getOrDefault(ext, "application/octet-stream"), body);
        }
    }

    static String inject(String html) {
        return html.replace("connect-src 'none'", "connect-src 'self'")
                .replace("</body>", "<script src=\"" + PREFIX + "reload.js\"></script>\n</body>");
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        http.stop(0);
    }
}
