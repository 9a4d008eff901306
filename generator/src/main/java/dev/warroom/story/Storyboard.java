package dev.warroom.story;

import dev.warroom.bank.Units;
import dev.warroom.sim.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plan of an animation: one pane (a variant) or two side by side on the same clock,
 * keyframes at a fixed simulated step, the time compression that fits the scenario into
 * the target length, captions and chapters from the detections, and the timeline markers.
 * A video frame is a pure function of its number ({@link #frame}); a still of a simulated
 * time ({@link #still}).
 *
 * @param title      the problem's title
 * @param subtitle   what is shown: the variant, or the two compared
 * @param panes      one or two panes
 * @param startClock wall clock at t = 0, seconds since midnight
 * @param durationMs simulated length
 * @param stepMs     keyframe step, simulated ms
 * @param fps        video frames per second
 * @param speed      simulated seconds per video second
 * @param frames     video frame count (including the closing hold)
 * @param cues       caption cues in video time, not overlapping
 * @param chapters   chapters in video time, contiguous from 0 to the end
 * @param markers    the problem's timeline
 */
public record Storyboard(
        String title, String subtitle, List<Pane> panes, int startClock, long durationMs, long stepMs, int fps,
        double speed, int frames, List<Cue> cues, List<Cue> chapters, List<SceneSpec.Marker> markers) {

    public Storyboard {
        panes = List.copyOf(panes);
        cues = List.copyOf(cues);
        chapters = List.copyOf(chapters);
        markers = List.copyOf(markers);
        if (panes.isEmpty() || panes.size() > 2) {
            throw new IllegalArgumentException("panes: one or two, got " + panes.size());
        }
    }

    /**
     * A variant's scene and its keyframes.
     *
     * @param variant   variant id
     * @param label     shown above the pane
     * @param scene     the scene
     * @param keyframes at {@code stepMs} from 0 to the end
     */
    public record Pane(String variant, String label, SceneSpec scene, List<Keyframe> keyframes) {
        public Pane {
            keyframes = List.copyOf(keyframes);
        }
    }

    /**
     * How to plan.
     *
     * @param stepMs        keyframe step in simulated ms (also the SVG frames' step)
     * @param fps           video frames per second
     * @param targetSeconds wanted video length of the whole scenario
     * @param minSeconds    shortest acceptable length when rounding the speed
     * @param maxSeconds    longest acceptable length when rounding the speed
     * @param holdSeconds   the last picture held this long at the end
     */
    public record Options(long stepMs, int fps, double targetSeconds, double minSeconds, double maxSeconds,
                          double holdSeconds) {
        public static final Options DEFAULT = new Options(10_000, 30, 50, 45, 60, 2);

        public Options {
            if (stepMs <= 0) {
                throw new IllegalArgumentException("stepMs: must be positive, got " + stepMs);
            }
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("fps: must be 1..120, got " + fps);
            }
            if (targetSeconds <= 0 || minSeconds > targetSeconds || maxSeconds < targetSeconds) {
                throw new IllegalArgumentException("targetSeconds: must be positive and within [minSeconds, maxSeconds], got "
                        + targetSeconds);
            }
        }

        public Options withFps(int f) {
            return new Options(stepMs, f, targetSeconds, minSeconds, maxSeconds, holdSeconds);
        }
    }

    /** The storyboard of one variant. */
    public static Storyboard of(SceneSpec scene, Trace trace, Options o) {
        Pane pane = new Pane(scene.variant(), scene.variantTitle(), scene, Sampler.keyframes(scene, trace, o.stepMs()));
        return plan(scene.title(), scene.variantTitle(), List.of(pane), List.of(trace), scene, o, false);
    }

    /** Two variants side by side on the same clock: {@code left} (the failure) and {@code right} (the mitigation). */
    public static Storyboard comparison(SceneSpec left, Trace leftTrace, SceneSpec right, Trace rightTrace, Options o) {
        if (left.startClock() != right.startClock()) {
            throw new IllegalArgumentException("right: starts at " + Units.formatClock(right.startClock())
                    + ", not on the left's clock " + Units.formatClock(left.startClock()));
        }
        long duration = Math.min(left.durationMs(), right.durationMs());
        SceneSpec l = trim(left, duration);
        SceneSpec r = trim(right, duration);
        List<Pane> panes = List.of(
                new Pane(l.variant(), l.variantTitle(), l, Sampler.keyframes(l, leftTrace, o.stepMs())),
                new Pane(r.variant(), r.variantTitle(), r, Sampler.keyframes(r, rightTrace, o.stepMs())));
        return plan(l.title(), l.variantTitle() + "  vs  " + r.variantTitle(), panes, List.of(leftTrace, rightTrace), l, o, true);
    }

    private static SceneSpec trim(SceneSpec s, long duration) {
        return new SceneSpec(s.problemId(), s.variant(), s.title(), s.variantTitle(), s.startClock(), duration, s.layers(),
                s.nodes(), s.edges(), s.markers(), s.captions());
    }

    private static Storyboard plan(String title, String subtitle, List<Pane> panes, List<Trace> traces, SceneSpec scene,
                                   Options o, boolean prefix) {
        double simSeconds = scene.durationMs() / 1000.0;
        double speed = Math.max(1, Math.round(simSeconds / o.targetSeconds()));
        double length = simSeconds / speed;
        if (length < o.minSeconds() || length > o.maxSeconds()) {
            speed = simSeconds / o.targetSeconds();
        }
        int moving = (int) Math.ceil(simSeconds / speed * o.fps()) + 1;
        int frames = moving + (int) Math.round(o.holdSeconds() * o.fps());
        long endMs = Math.round(frames * 1000.0 / o.fps());
        List<Cue> cues = cues(panes, traces, speed, endMs, prefix);
        List<Cue> chapters = chapters(panes.get(0), traces.get(0), speed, endMs, scene.startClock());
        return new Storyboard(title, subtitle, panes, scene.startClock(), scene.durationMs(), o.stepMs(), o.fps(), speed,
                frames, cues, chapters, scene.markers());
    }

    /** Cues shorter than this are merged into the one before. */
    static final long MIN_CUE_MS = 1_500;
    /** A caption stays at most this long. */
    static final long MAX_CUE_MS = 8_000;

    private record Ev(long tMs, String clock, String service, String kind, String text) {
    }

    private static List<Ev> events(List<Pane> panes, List<Trace> traces, boolean prefix) {
        List<Ev> evs = new ArrayList<>();
        for (int i = 0; i < panes.size(); i++) {
            Pane p = panes.get(i);
            for (Trace.TraceEvent e : traces.get(i).events()) {
                if (e.tMs() > p.scene().durationMs()) {
                    continue;
                }
                String text = p.scene().caption(e.service(), e.kind(), e.text());
                evs.add(new Ev(e.tMs(), e.clock(), e.service(), e.kind(), prefix ? p.variant() + ": " + text : text));
            }
        }
        evs.sort(Comparator.comparingLong(Ev::tMs));
        return evs;
    }

    private static List<Cue> cues(List<Pane> panes, List<Trace> traces, double speed, long endMs, boolean prefix) {
        List<Ev> evs = events(panes, traces, prefix);
        List<long[]> starts = new ArrayList<>();
        List<List<Ev>> groups = new ArrayList<>();
        for (Ev e : evs) {
            long start = Math.round(e.tMs() / speed);
            if (!groups.isEmpty() && start < starts.get(starts.size() - 1)[0] + MIN_CUE_MS) {
                groups.get(groups.size() - 1).add(e);
            } else {
                starts.add(new long[] {start});
                groups.add(new ArrayList<>(List.of(e)));
            }
        }
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            long start = starts.get(i)[0];
            long next = i + 1 < groups.size() ? starts.get(i + 1)[0] : endMs;
            long end = Math.min(next, start + MAX_CUE_MS);
            if (end <= start) {
                continue;
            }
            List<Ev> g = groups.get(i);
            Set<String> texts = new LinkedHashSet<>();
            for (Ev e : g) {
                texts.add(e.text());
            }
            Ev first = g.get(0);
            cues.add(new Cue(start, end, first.tMs(), first.clock(), first.service(), first.kind(), String.join(" · ", texts)));
        }
        return cues;
    }

    private static List<Cue> chapters(Pane pane, Trace trace, double speed, long endMs, int startClock) {
        List<Cue> firsts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Trace.TraceEvent e : trace.events()) {
            if (e.tMs() > pane.scene().durationMs() || !seen.add(e.service() + "/" + e.kind())) {
                continue;
            }
            long start = Math.round(e.tMs() / speed);
            if (!firsts.isEmpty() && start < firsts.get(firsts.size() - 1).startMs() + 2 * MIN_CUE_MS) {
                continue;
            }
            String text = e.clock().substring(0, 5) + " " + pane.scene().caption(e.service(), e.kind(), e.text());
            firsts.add(new Cue(start, start + 1, e.tMs(), e.clock(), e.service(), e.kind(), text));
        }
        List<Cue> out = new ArrayList<>();
        long open = 0;
        String title = Units.formatClock(startClock).substring(0, 5) + " Before the incident";
        long openSim = 0;
        String service = "";
        String kind = "start";
        for (Cue c : firsts) {
            if (c.startMs() > open) {
                out.add(new Cue(open, c.startMs(), openSim, Units.formatClock(startClock + openSim / 1000), service, kind, title));
            }
            open = Math.max(open, c.startMs());
            title = c.text();
            openSim = c.simMs();
            service = c.service();
            kind = c.kind();
        }
        if (endMs > open) {
            out.add(new Cue(open, endMs, openSim, Units.formatClock(startClock + openSim / 1000), service, kind, title));
        }
        return out;
    }

    /** Video length in ms. */
    public long videoMs() {
        return Math.round(frames * 1000.0 / fps);
    }

    /** Simulated time shown by video frame {@code n}. */
    public long simMsAt(int n) {
        return Math.min(durationMs, Math.round(n * 1000.0 * speed / fps));
    }

    /** The video frame that first shows simulated time {@code simMs}. */
    public int frameOf(long simMs) {
        return (int) Math.ceil(simMs * fps / (1000.0 * speed));
    }

    /** Keyframe (and SVG frame) times, from 0 to the end. */
    public List<Long> keyframeTimes() {
        List<Long> t = new ArrayList<>();
        for (Keyframe k : panes.get(0).keyframes()) {
            t.add(k.tMs());
        }
        return t;
    }

    /** Video frame {@code n}: keyframes tweened with easing at the frame's simulated time. */
    public Frame frame(int n) {
        if (n < 0 || n >= frames) {
            throw new IllegalArgumentException("n: frame must be in [0, " + frames + "), got " + n);
        }
        long videoMs = Math.round(n * 1000.0 / fps);
        return at(n, simMsAt(n), videoMs, videoMs / 1000.0);
    }

    /** A still at simulated time {@code simMs} (an SVG frame): the keyframe values there, no tweening across. */
    public Frame still(long simMs) {
        long videoMs = Math.round(simMs / speed);
        return at(-1, Math.max(0, Math.min(durationMs, simMs)), videoMs, videoMs / 1000.0);
    }

    private Frame at(int number, long simMs, long videoMs, double animationSec) {
        List<Frame.PaneFrame> pfs = new ArrayList<>();
        for (Pane p : panes) {
            List<Keyframe> ks = p.keyframes();
            int i = (int) Math.min(ks.size() - 1, simMs / stepMs);
            Keyframe a = ks.get(i);
            Keyframe b = i + 1 < ks.size() ? ks.get(i + 1) : a;
            double t = b == a ? 0 : (double) (simMs - a.tMs()) / (b.tMs() - a.tMs());
            List<NodeState> nodes = new ArrayList<>();
            for (int k = 0; k < a.nodes().size(); k++) {
                nodes.add(t == 0 ? a.nodes().get(k) : NodeState.between(a.nodes().get(k), b.nodes().get(k), t));
            }
            List<EdgeState> edges = new ArrayList<>();
            for (int k = 0; k < a.edges().size(); k++) {
                edges.add(t == 0 ? a.edges().get(k) : EdgeState.between(a.edges().get(k), b.edges().get(k), t));
            }
            pfs.add(new Frame.PaneFrame(p, nodes, edges));
        }
        Cue caption = null;
        if (number >= 0) {
            for (Cue c : cues) {
                if (c.covers(videoMs)) {
                    caption = c;
                }
            }
        } else {
            for (Cue c : cues) {
                if (c.simMs() <= simMs) {
                    caption = c;
                }
            }
        }
        return new Frame(number, videoMs, simMs, Units.formatClock(startClock + simMs / 1000), animationSec, pfs, caption);
    }

    /** e.g. {@code ×24}: how much faster than real time the video runs. */
    public String speedLabel() {
        return speed == Math.rint(speed) ? String.format(Locale.ROOT, "x%d", (long) speed)
                : String.format(Locale.ROOT, "x%.1f", speed);
    }
}
