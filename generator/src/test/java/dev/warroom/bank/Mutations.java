package dev.warroom.bank;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutations of a real problem file, for the fuzz suite: each takes the file's bytes and a
 * seeded random source and returns the mutant's bytes. Text-level, so that they also make
 * what a tree-level edit cannot: broken syntax, bad bytes, truncations.
 */
final class Mutations {
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?[A-Za-z_][\\w.-]*:\\s+)(\\S.*)$");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(\\.\\d+)?(?![\\w:])");
    private static final Pattern DURATION = Pattern.compile("\\b\\d+(\\.\\d+)?(ms|s|m|h)\\b");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\\\]{3,}\"");
    private static final String[] VALUES = {"[1, 2]", "{a: 1}", "lots", "\"\"", "~", "none", "true", "-1", "0",
        "1e308", "-1e308", "99999999999999999999", ".nan", ".inf", "-0.0", "1.5", "0x10", "2147483648", "unbounded",
        "\"\\u0000\"", "!!binary AAAA", "*undefined", "&a", "'", "\"", "{", "[", "|", "? x", "@", "`", "%", "!"};
    private static final String[] NUMBERS = {"0", "-1", "-999999", "1000000", "1000000000", "1e7", "1e9",
        "99999999999999999999", "2147483647", "9223372036854775807", "0.0000001", "-0", "1e-300", "3.5"};
    private static final String[] DURATIONS = {"0ms", "0.5ms", "1ms", "24h", "25h", "86400001ms", "1e3s",
        "9223372036854775807ms", "99999999999999999999h", "0.0001s", "1.5ms", "-5s", "5 s", "5sec"};

    /** A named mutation. */
    record Kind(String name, BiFunction<byte[], SplittableRandom, byte[]> apply) {
    }

    static final List<Kind> KINDS = List.of(
            text("delete-line", (lines, r) -> lines.remove(r.nextInt(lines.size()))),
            text("delete-block", (lines, r) -> {
                int at = r.nextInt(lines.size());
                int n = 1 + r.nextInt(20);
                for (int i = 0; i < n && at < lines.size(); i++) {
                    lines.remove(at);
                }
            }),
            text("duplicate-line", (lines, r) -> {
                int at = r.nextInt(lines.size());
                lines.add(at, lines.get(at));
            }),
            text("swap-lines", (lines, r) -> {
                int a = r.nextInt(lines.size());
                int b = r.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }),
            text("swap-type", (lines, r) -> onMatchingLine(lines, r, KEY_VALUE,
                    m -> m.group(1) + VALUES[r.nextInt(VALUES.length)])),
            text("extreme-number", (lines, r) -> replaceToken(lines, r, NUMBER, NUMBERS)),
            text("extreme-duration", (lines, r) -> replaceToken(lines, r, DURATION, DURATIONS)),
            text("misspell-key", (lines, r) -> onMatchingLine(lines, r, KEY_VALUE, m -> {
                String k = m.group(1);
                int colon = k.lastIndexOf(':');
                return k.substring(0, colon) + "x" + k.substring(colon) + m.group(2);
            })),
            text("huge-string", (lines, r) -> onMatchingLine(lines, r, KEY_VALUE,
                    m -> m.group(1) + "\"" + "x".repeat(r.nextBoolean() ? 150_000 : 2_000) + "\"")),
            text("long-line-of-text", (lines, r) -> onMatchingLine(lines, r, QUOTED,
                    m -> m.group().substring(0, 1) + "<script>alert(1)</script>\u202e\ud83d\udd25 {{x}} ".repeat(200)
                            + m.group().substring(1))),
            text("anchor-alias", (lines, r) -> {
                int a = r.nextInt(lines.size());
                int b = r.nextInt(lines.size());
                Matcher ma = KEY_VALUE.matcher(lines.get(a));
                Matcher mb = KEY_VALUE.matcher(lines.get(b));
                if (ma.matches() && mb.matches()) {
                    lines.set(a, ma.group(1) + "&anc " + ma.group(2));
                    lines.set(b, mb.group(1) + "*anc");
                }
            }),
            text("alias-to-parent", (lines, r) -> {
                int at = firstIndex(lines, "services:");
                if (at >= 0) {
                    lines.set(at, "services: &svc");
                    lines.add(at + 1, "  loop: *svc");
                }
            }),
            text("alias-bomb", (lines, r) -> {
                int width = 2 + r.nextInt(12);
                int levels = 2 + r.nextInt(8);
                lines.add(0, "l0: &l0 [" + "x, ".repeat(width - 1) + "x]");
                for (int i = 1; i <= levels; i++) {
                    lines.add(i, "l" + i + ": &l" + i + " [" + ("*l" + (i - 1) + ", ").repeat(width - 1) + "*l" + (i - 1) + "]");
                }
            }),
            text("merge-key", (lines, r) -> onMatchingLine(lines, r, KEY_VALUE, m -> m.group(1) + "{<<: {a: 1}}")),
            text("deep-nesting", (lines, r) -> onMatchingLine(lines, r, KEY_VALUE, m -> {
                int d = 30 + r.nextInt(100);
                return m.group(1) + (r.nextBoolean() ? "[".repeat(d) + "]".repeat(d) : "{a: ".repeat(d) + "1" + "}".repeat(d));
            })),
            text("deep-metric", (lines, r) -> onLineContaining(lines, r, "check:", l -> {
                int d = 10 + r.nextInt(3000);
                return l.replaceFirst("check: \"", "check: \"" + "(".repeat(d)).replaceFirst("= ", ")".repeat(d) + " = ");
            })),
            text("call-cycle", (lines, r) -> {
                int services = firstIndex(lines, "services:");
                int firstSvc = services + 1;
                while (firstSvc < lines.size() && !lines.get(firstSvc).matches("  [a-z0-9-]+:\\s*(#.*)?")) {
                    firstSvc++;
                }
                List<Integer> callLines = new ArrayList<>();
                for (int i = firstSvc + 1; i < lines.size(); i++) {
                    if (lines.get(i).equals("    calls:")) {
                        callLines.add(i);
                    }
                }
                if (firstSvc < lines.size() && !callLines.isEmpty()) {
                    String id = lines.get(firstSvc).trim().replaceAll(":.*", "");
                    lines.add(callLines.get(r.nextInt(callLines.size())) + 1, "      " + id + ": {}");
                }
            }),
            text("tab-indent", (lines, r) -> onMatchingLine(lines, r, Pattern.compile("^( +)(\\S.*)$"),
                    m -> "\t" + m.group(2))),
            text("control-char", (lines, r) -> {
                int at = r.nextInt(lines.size());
                String l = lines.get(at);
                int c = r.nextInt(l.length() + 1);
                char[] odd = {'\u0000', '\u0007', '\u001b', '\u0085', '\u2028', '\ufeff', '\ufffe', '\r'};
                lines.set(at, l.substring(0, c) + odd[r.nextInt(odd.length)] + l.substring(c));
            }),
            text("many-documents", (lines, r) -> lines.add(r.nextInt(lines.size()), r.nextBoolean() ? "---" : "...")),
            text("empty-list-or-map", (lines, r) -> onMatchingLine(lines, r, Pattern.compile("^(\\s*[a-z_]+:)\\s*$"),
                    m -> m.group(1) + (r.nextBoolean() ? " []" : " {}"))),
            text("scalar-root", (lines, r) -> {
                lines.clear();
                lines.add(VALUES[r.nextInt(VALUES.length)]);
            }),
            bytes("truncate", (b, r) -> java.util.Arrays.copyOf(b, r.nextInt(b.length))),
            bytes("bad-byte", (b, r) -> {
                byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80}, {(byte) 0xe9}, {(byte) 0xc0, (byte) 0xaf}};
                return insert(b, r.nextInt(b.length + 1), bad[r.nextInt(bad.length)]);
            }),
            bytes("utf16", (b, r) -> new String(b, StandardCharsets.UTF_8).getBytes(r.nextBoolean()
                    ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16)),
            bytes("latin1", (b, r) -> new String(b, StandardCharsets.UTF_8).replace("-", "\u00e9")
                    .getBytes(StandardCharsets.ISO_8859_1)),
            bytes("empty", (b, r) -> r.nextBoolean() ? new byte[0] : "# only a comment\n".getBytes(StandardCharsets.UTF_8)),
            bytes("huge-file", (b, r) -> (new String(b, StandardCharsets.UTF_8) + "#" + "y".repeat(1_100_000))
                    .getBytes(StandardCharsets.UTF_8)));

    private Mutations() {
    }

    private static Kind text(String name, LineEdit edit) {
        return new Kind(name, (b, r) -> {
            List<String> lines = new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
            edit.apply(lines, r);
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        });
    }

    private static Kind bytes(String name, BiFunction<byte[], SplittableRandom, byte[]> f) {
        return new Kind(name, f);
    }

    @FunctionalInterface
    private interface LineEdit {
        void apply(List<String> lines, SplittableRandom r);
    }

    private static void onMatchingLine(List<String> lines, SplittableRandom r, Pattern p,
                                       java.util.function.Function<Matcher, String> edit) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                candidates.add(i);
            }
        }
        if (!candidates.isEmpty()) {
            int at = candidates.get(r.nextInt(candidates.size()));
            String line = lines.get(at);
            Matcher m = p.matcher(line);
            if (m.matches()) {
                lines.set(at, edit.apply(m));
            } else if (m.reset().find()) {
                lines.set(at, line.substring(0, m.start()) + edit.apply(m) + line.substring(m.end()));
            }
        }
    }

    private static void onLineContaining(List<String> lines, SplittableRandom r, String needle,
                                         java.util.function.UnaryOperator<String> edit) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                candidates.add(i);
            }
        }
        if (!candidates.isEmpty()) {
            int at = candidates.get(r.nextInt(candidates.size()));
            lines.set(at, edit.apply(lines.get(at)));
        }
    }

    private static void replaceToken(List<String> lines, SplittableRandom r, Pattern p, String[] with) {
        onMatchingLine(lines, r, p, m -> with[r.nextInt(with.length)]);
    }

    private static int firstIndex(List<String> lines, String line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(line)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }
}
