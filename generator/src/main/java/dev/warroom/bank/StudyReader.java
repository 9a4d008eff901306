package dev.warroom.bank;

import dev.warroom.bank.Study.ActionItem;
import dev.warroom.bank.Study.Claim;
import dev.warroom.bank.Study.Dimension;
import dev.warroom.bank.Study.Phase;
import dev.warroom.bank.Study.Postmortem;
import dev.warroom.bank.Study.Probe;
import dev.warroom.bank.Study.Resource;
import java.util.List;

/**
 * Reads the study material of a problem file: phases, probes, quiz, postmortem, resources, claims;
 * the rubric is the bank's ({@link Rubric}).
 */
final class StudyReader {
    private StudyReader() {
    }

    static Study read(Fields top, List<Dimension> rubric) {
        List<Phase> phases = top.objects("phases", true, f -> new Phase(f.id("id"), f.string("title"),
                f.id("dimension"), f.clock("at", false), f.string("brief", ""), f.strings("questions", true),
                f.string("discussion", "")));
        List<Probe> probes = top.objects("probes", false, f -> {
            Probe p = new Probe(f.id("id"), f.id("phase"), f.string("symptom"), f.strings("hints", true),
                    f.string("answer"));
            if (p.hints().isEmpty() && f.has("hints")) {
                f.ctx.errorAt(f.join("hints"), "needs at least one hint");
            }
            return p;
        });
        List<Question> quiz = top.objects("quiz", false, QuestionReader::read);
        if (top.value("rubric") != null) {
            top.ctx.errorAt("rubric", "the rubric is the bank's: it lives in " + Rubric.FILE
                    + " beside the problem folders, once for every problem; remove this block");
        }
        Postmortem postmortem = null;
        Fields pm = top.object("postmortem", false);
        if (pm != null) {
            postmortem = new Postmortem(pm.string("summary"), pm.string("impact"), pm.string("root_cause"),
                    pm.string("trigger"), pm.strings("went_well", false), pm.strings("went_wrong", false),
                    pm.objects("action_items", true, a -> new ActionItem(a.string("action"),
                            a.string("type", "prevent"), a.string("owner"), a.string("priority", "P2"))));
            pm.end();
        }
        List<Resource> resources = top.objects("resources", false, f -> new Resource(f.string("title"),
                url(f), f.string("kind", "article"), f.strings("dimensions", false), f.string("note", "")));
        List<Claim> claims = top.objects("claims", false, f -> {
            String text = f.string("text");
            String variant = f.string("variant", Problem.BASELINE);
            String source = f.string("check");
            try {
                return new Claim(text, variant, Metric.Check.parse(source));
            } catch (Metric.SyntaxException e) {
                f.ctx.errorAt(f.join("check"), e.getMessage());
                return null;
            }
        });
        return new Study(phases, probes, quiz, rubric, postmortem, resources, claims);
    }

    private static String url(Fields f) {
        String url = f.string("url");
        if (!url.isEmpty() && !url.matches("https?://\\S+")) {
            f.ctx.errorAt(f.join("url"), "expected an http(s) address, got '" + url + "'");
        }
        return url;
    }
}
