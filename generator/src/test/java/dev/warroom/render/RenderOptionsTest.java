package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Options change one setting at a time and keep the others; bad values name the field. */
class RenderOptionsTest {
    @Test
    void aWitherOrTheBuilderChangesOnlyWhatItNames() {
        RenderOptions d = RenderOptions.defaults();
        RenderOptions o = d.toBuilder().crf(30).encoder(EncoderChoice.HUMBLE).out(Path.of("x")).build();
        assertThat(o.crf()).isEqualTo(30);
        assertThat(o.encoder()).isEqualTo(EncoderChoice.HUMBLE);
        assertThat(o.out()).isEqualTo(Path.of("x"));
        assertThat(o.toString()).isEqualTo(d.toString().replace("crf 23", "crf 30").replace("encoder AUTO", "encoder HUMBLE"));
        assertThat(o.width()).isEqualTo(d.width());
        assertThat(o.preset()).isEqualTo(d.preset());
        assertThat(o.x264Params()).isEqualTo(d.x264Params());
        assertThat(o.encoderThreads()).isEqualTo(d.encoderThreads());
        assertThat(o.cacheDir()).isEqualTo(d.cacheDir());
        RenderOptions f = o.withFps(60);
        assertThat(f.story().fps()).isEqualTo(60);
        assertThat(f.crf()).isEqualTo(30);
        assertThat(d.withEncoder(EncoderChoice.FFMPEG).encoder()).isEqualTo(EncoderChoice.FFMPEG);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        RenderOptions d = RenderOptions.defaults();
        assertThatThrownBy(() -> d.withSize(321, 180)).hasMessageStartingWith("size:");
        assertThatThrownBy(() -> d.toBuilder().crf(52).build()).hasMessage("crf: must be 0..51, got 52");
        assertThatThrownBy(() -> d.withThreads(0, 1)).hasMessage("threads: must be at least 1");
        assertThatThrownBy(() -> EncoderChoice.parse("x265")).hasMessage("expected auto, ffmpeg or humble, got 'x265'");
        assertThat(EncoderChoice.parse("FFmpeg")).isEqualTo(EncoderChoice.FFMPEG);
    }
}
