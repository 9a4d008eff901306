package dev.warroom.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build does not depend on the JVM's defaults: under a Turkish locale (where "I" lower-cases
 * to a dotless "ı"), another time zone and another default encoding it publishes the same
 * bytes as under en-US and UTC.
 */
@org.junit.jupiter.api.Tag("slow")
class LocaleTest {
    /** The bank's quickest problem to simulate (about 12 million events, its decision branches included). */
    private static final String ID = "infinite-default-timeout";

    @TempDir
    Path tmp;

    @Test
    void aTurkishBuildIsByteIdenticalToTheDefaultOne() throws Exception {
        Path bank = TempBank.copy(tmp.resolve("bank"), ID);
        // every case of the Turkish i, in a heading whose id is made from it
        TempBank.edit(bank.resolve(ID + "/walkthrough.md"), w -> w
                + "\n## INCIDENT Içinde İstanbul: ıi Iİ\n\nThe title of an Incident, 1,234.5 ms.\n");
        Path en = build(bank, "en", List.of("-Duser.language=en", "-Duser.country=US", "-Duser.timezone=UTC",
                "-Dfile.encoding=UTF-8"));
        Path tr = build(bank, "tr", List.of("-Duser.language=tr", "-Duser.country=TR",
                "-Duser.timezone=Pacific/Chatham", "-Dfile.encoding=ISO-8859-9"));
        Map<String, String> a = snapshot(en);
        assertThat(a).containsKey("problems/" + ID + ".html").containsKey("index.html")
                .anySatisfy((file, hash) -> assertThat(file).endsWith(".svg"));
        Map<String, String> b = snapshot(tr);
        java.util.TreeSet<String> differ = new java.util.TreeSet<>(a.keySet());
        differ.addAll(b.keySet());
        differ.removeIf(f -> java.util.Objects.equals(a.get(f), b.get(f)));
        assertThat(differ).as("files that differ between the en-US and the tr-TR build").isEmpty();
        assertThat(Files.readString(en.resolve("problems/" + ID + ".html")))
                .contains("id=\"md-incident-içinde-istanbul-ıi-ii\"");
    }

    private Path build(Path bank, String name, List<String> jvm) throws IOException, InterruptedException {
        Path out = tmp.resolve(name + "/site");
        Path log = tmp.resolve(name + ".log");
        int code = ChildBuild.run(log, jvm, "--problems", bank.toString(), "--out", out.toString(), "--media",
                "frames", "--no-cache");
        assertThat(code).as("exit code of the %s build; its output:%n%s", name, Files.readString(log)).isZero();
        return out;
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString().replace('\\', '/'), Assets.hash(Files.readAllBytes(p)));
            }
        }
        return m;
    }
}
