package dev.warroom.site;

import dev.warroom.bank.Bank;
import dev.warroom.bank.BankException;
import dev.warroom.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A site built from the real bank with small real media: a 2-second MP4 and a poster made by
 * ffmpeg (when installed), WebVTT captions and chapters, four SVG frames listed by a
 * render manifest, and the numeric answers the simulation would compute.
 */
final class SiteFixture {
    /** What the simulation computes for problem one (the stated numbers of problem.yaml). */
    static final Map<String, Double> ANSWERS = Map.of("minutes-to-exhaustion", 5.2, "active-before", 1980.3,
            "payment-throughput", 6.66, "capacity-drop", 99.667);

    private SiteFixture() {
    }

    static Bank bank() throws BankException {
        return Bank.load(Golden.root().resolve("problems"));
    }

    static Path templates() {
        return Golden.root().resolve("templates");
    }

    /** Writes the media files under {@code dir} and returns the contract object. */
    static SiteMedia media(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path mp4 = dir.resolve("baseline.mp4");
        Path poster = dir.resolve("baseline.png");
        boolean video = ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-t", "2", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-movflags", "+faststart", mp4.toString())
                && ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x180", "-frames:v", "1", poster.toString());
        Path captions = dir.resolve("baseline.vtt");
        Files.writeString(captions, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n14:00 Bank API slows to 30 s\n\n"
                + "00:00:01.000 --> 00:00:02.000\n14:05 Order pool exhausted\n", StandardCharsets.UTF_8);
        Path chapters = dir.resolve("baseline-chapters.vtt");
        Files.writeString(chapters, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nTrigger\n\n"
                + "00:00:01.000 --> 00:00:02.000\nCascade\n", StandardCharsets.UTF_8);
        int[] clocks = {14 * 3600, 14 * 3600 + 300, 14 * 3600 + 420, 14 * 3600 + 600};
        String[] captionsText = {"Bank API latency rises to 30 s", "Order: pool exhausted, 503s",
                "Cart: 504s", "Frontend: blank page"};
        StringBuilder manifest = new StringBuilder("[");
        for (int i = 0; i < clocks.length; i++) {
            String name = String.format(Locale.ROOT, "frame-%04d.svg", i + 1);
            Files.writeString(dir.resolve(name), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\">"
                    + "<rect width=\"320\" height=\"180\" fill=\"#223\"/><text x=\"20\" y=\"90\" fill=\"#fff\">frame "
                    + (i + 1) + "</text></svg>", StandardCharsets.UTF_8);
            manifest.append(i == 0 ? "" : ",").append("{\"file\":\"").append(name).append("\",\"clock_seconds\":")
                    .append(clocks[i]).append(",\"caption\":\"").append(captionsText[i]).append("\"}");
        }
        Files.writeString(dir.resolve("manifest.json"), manifest.append("]").toString(), StandardCharsets.UTF_8);
        List<SiteMedia.Frame> frames = SiteMedia.framesFromManifest(dir.resolve("manifest.json"));
        SiteMedia.Video v = video ? new SiteMedia.Video(mp4, poster, captions, chapters, 14 * 3600, 300.0) : null;
        Map<String, SiteMedia.VariantMedia> variants = new LinkedHashMap<>();
        variants.put("baseline", new SiteMedia.VariantMedia("The incident as it happened", v, null, frames));
        variants.put("timeout-breaker", new SiteMedia.VariantMedia("Timeout and circuit breaker", v, v, List.of()));
        return new SiteMedia(Map.of("bank-api-slow", new SiteMedia.ProblemMedia(variants, ANSWERS)));
    }

    static boolean ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false;
        }
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Builds the site with media into {@code dir/site}; returns the site folder. */
    static Path build(Path dir) throws Exception {
        Path site = dir.resolve("site");
        SiteBuilder.publish(bank(), media(dir.resolve("media")), templates(), site, dir.resolve("site.zip"), l -> { });
        return site;
    }
}
