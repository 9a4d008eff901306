package dev.warroom.bank;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads a problem's text file: UTF-8 and at most {@link Limits#MAX_FILE_CHARS}, or a located error. */
final class TextFile {
    private TextFile() {
    }

    /** The text, or null with one error added (missing, unreadable, too large, not UTF-8). */
    static String read(Path path, String file, String missing, List<BankError> errors) {
        byte[] bytes;
        try {
            // a UTF-8 character takes at most 4 bytes: anything larger is over the limit for sure
            if (Files.size(path) > 4L * Limits.MAX_FILE_CHARS) {
                errors.add(new BankError(file, 0, 0, "", tooLarge(Files.size(path) + " bytes")));
                return null;
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            errors.add(new BankError(file, 0, 0, "", Files.exists(path) ? "cannot read: " + e.getMessage() : missing));
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            errors.add(new BankError(file, line, offset - lineStart + 1, "", String.format(Locale.ROOT,
                    "the file must be UTF-8: byte 0x%02X at byte offset %d is not valid UTF-8 (save the file as UTF-8)",
                    bytes[offset] & 0xff, offset)));
            return null;
        }
        decoder.flush(out);
        out.flip();
        if (out.length() > Limits.MAX_FILE_CHARS) {
            errors.add(new BankError(file, 0, 0, "", tooLarge(out.length() + " characters")));
            return null;
        }
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String tooLarge(String size) {
        return String.format(Locale.ROOT, "is too large (%s); the limit is %,d characters", size, Limits.MAX_FILE_CHARS);
    }
}
