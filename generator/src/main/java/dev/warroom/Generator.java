package dev.warroom;

import dev.warroom.bank.Bank;
import dev.warroom.bank.BankException;
import dev.warroom.site.SiteBuilder;
import dev.warroom.site.Scaffold;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The front door the command line calls: the whole pipeline, stage by stage —
 * bank → simulation → pictures → pages.
 */
public final class Generator {
    private Generator() {
    }

    /** Loads and validates the bank; throws with every error found. */
    public static Bank validate(Path problems) throws BankException {
        return Bank.load(problems);
    }

    /**
     * Validates the bank and publishes the site to {@code options.out()}: built in a
     * temporary folder beside it, then swapped in, so a failed build leaves the previous
     * site untouched.
     */
    public static BuildResult build(BuildOptions options) throws BankException, IOException {
        long start = System.nanoTime();
        Bank bank = Bank.load(options.problems());
        options.progress().accept("validated " + bank.problems().size() + " problem(s)");
        SiteBuilder.Result site = SiteBuilder.publish(bank, options.templates(), options.out(), options.zip(),
                options.progress());
        return new BuildResult(bank, site.pages(), site.bytes(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Scaffolds a problem folder that validates at once; returns it. */
    public static Path newProblem(Path problems, String id) throws IOException {
        return Scaffold.create(problems, id);
    }

    /**
     * What {@link #build} needs.
     *
     * @param problems  the bank folder
     * @param templates the templates folder
     * @param out       where the site is published
     * @param zip       where the zip of the site goes, or null for none
     * @param progress  receives one line per step
     */
    public record BuildOptions(Path problems, Path templates, Path out, Path zip,
                               java.util.function.Consumer<String> progress) {
    }

    /** What {@link #build} did. */
    public record BuildResult(Bank bank, int pages, long bytes, long wallMs) {
    }
}
