package dev.warroom.cli;

import dev.warroom.render.EncoderChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --encoder auto|ffmpeg|humble}, case-insensitive. */
final class EncoderConverter implements ITypeConverter<EncoderChoice> {
    @Override
    public EncoderChoice convert(String value) {
        try {
            return EncoderChoice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
