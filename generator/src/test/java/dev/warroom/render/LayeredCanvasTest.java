package dev.warroom.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.cache.TraceCache;
import dev.warroom.sim.Simulation;
import dev.warroom.story.SceneSpec;
import dev.warroom.story.Storyboard;
import dev.warroom.testing.Golden;
import dev.warroom.testing.TraceFixture;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The video's layered paint (backdrop once, then what moves) gives exactly the full paint's
 * pixels: every problem's baseline with its real trace, a comparison, both image types of the
 * encoders, and 1920x1080; one canvas goes from storyboard to storyboard as a worker's does.
 */
class LayeredCanvasTest {

    @Test
    void layeredPaintIsTheFullPaintPixelForPixel() throws Exception {
        Bank bank = Bank.load(Golden.root().resolve("problems"));
        List<Storyboard> boards = new ArrayList<>();
        for (Problem p : bank.problems()) {
            var trace = TraceCache.standard().get(p, Problem.BASELINE, () -> Simulation.run(p, Problem.BASELINE));
            boards.add(Storyboard.of(SceneSpec.of(p, Problem.BASELINE), trace, Storyboard.Options.DEFAULT));
        }
        Problem one = bank.problem("bank-api-slow");
        boards.add(Storyboard.comparison(SceneSpec.of(one, "baseline"), TraceFixture.trace(),
                SceneSpec.of(one, "timeout-breaker"), TraceFixture.trace("timeout-breaker", true), Storyboard.Options.DEFAULT));
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB}) {
            compare(boards, 1280, 720, type, 23);
        }
        compare(boards.subList(boards.size() - 2, boards.size()), 1920, 1080, BufferedImage.TYPE_3BYTE_BGR, 97);
    }

    private static void compare(List<Storyboard> boards, int w, int h, int type, int step) {
        LayeredCanvas layered = new LayeredCanvas(w, h, type);
        BufferedImage full = new BufferedImage(w, h, type);
        Graphics2D g = full.createGraphics();
        for (Storyboard sb : boards) {
            List<Integer> frames = new ArrayList<>();
            for (int n = 0; n < sb.frames(); n += step) {
                frames.add(n);
            }
            frames.add(sb.frames() - 1);
            for (int n : frames) {
                Painter.paint(g, sb, sb.frame(n), w, h);
                BufferedImage got = layered.paint(sb, sb.frame(n));
                assertThat(differing(full, got)).as("%s frame %d at %dx%d, type %d: pixels that differ", sb.title(), n, w, h, type)
                        .isZero();
            }
        }
    }

    private static int differing(BufferedImage a, BufferedImage b) {
        if (a.getRaster().getDataBuffer() instanceof DataBufferInt ia) {
            int[] x = ia.getData();
            int[] y = ((DataBufferInt) b.getRaster().getDataBuffer()).getData();
            return Arrays.equals(x, y) ? 0 : count(x.length, i -> x[i] != y[i]);
        }
        byte[] x = ((DataBufferByte) a.getRaster().getDataBuffer()).getData();
        byte[] y = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
        return Arrays.equals(x, y) ? 0 : count(x.length, i -> x[i] != y[i]);
    }

    private static int count(int n, java.util.function.IntPredicate differs) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (differs.test(i)) {
                c++;
            }
        }
        return c;
    }
}
