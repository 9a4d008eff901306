package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.testing.Golden;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warroom serve: serves the site, injects the reload script, rebuilds when a template changes. */
class PreviewServerTest {
    @TempDir
    Path tmp;

    @Test
    void servesRebuildsOnChangeAndSignalsAReload() throws Exception {
        Path templates = copy(Golden.root().resolve("templates"), tmp.resolve("templates"));
        Path problems = Golden.root().resolve("problems");
        Path out = tmp.resolve("out");
        List<String> log = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        try (PreviewServer s = PreviewServer.start(0, out, List.of(templates), () ->
                SiteBuilder.publish(Bank.load(problems), SiteMedia.none(), templates, out, null, l -> { }), log::add)) {
            String base = "http://127.0.0.1:" + s.port();
            HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(index.body()).contains("/__warroom/reload.js").contains("connect-src 'self'");
            assertThat(Files.readString(out.resolve("index.html"))).doesNotContain("reload.js").contains("connect-src 'none'");
            assertThat(get(client, base + "/__warroom/version")).isEqualTo("1");
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/../../etc/passwd")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/nope.html")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("Page not found");

            Path footer = templates.resolve("partials/footer.mustache");
            Files.writeString(footer, Files.readString(footer).replace("warroom study kit", "warroom study kit EDITED"));
            for (int i = 0; i < 100 && s.version() < 2; i++) {
                Thread.sleep(100);
            }
            assertThat(s.version()).isEqualTo(2);
            assertThat(get(client, base + "/__warroom/version")).isEqualTo("2");
            assertThat(get(client, base + "/rubric.html")).contains("EDITED");
            assertThat(log).anyMatch(l -> l.startsWith("rebuilt in"));
        }
    }

    private static String get(HttpClient c, String url) throws IOException, InterruptedException {
        return c.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
