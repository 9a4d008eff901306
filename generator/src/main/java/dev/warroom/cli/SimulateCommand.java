package dev.warroom.cli;

import dev.warroom.Generator;
import dev.warroom.bank.Bank;
import dev.warroom.bank.Problem;
import dev.warroom.bank.Suggest;
import dev.warroom.sim.Evidence;
import dev.warroom.sim.Simulation;
import dev.warroom.sim.SimulationBench;
import dev.warroom.sim.Summary;
import dev.warroom.sim.Trace;
import dev.warroom.sim.TraceCsv;
import dev.warroom.sim.TraceJson;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom simulate <problem>}: run a problem's outage and write or summarise its trace. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Simulate a problem's outage. Without --out, print a summary: per service, health over "
                + "time at a glance, then the detected events. With --out, write the trace (JSON or CSV).",
            "--check prints every claim, numeric quiz answer and timeline expectation of the problem with the "
                + "simulated value, PASS or FAIL (exit 2 on any FAIL); --bench prints events per second."})
final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROBLEM", description = "The problem's id (its folder under --problems).")
    String problem;

    @Option(names = "--problems", defaultValue = "problems", paramLabel = "DIR",
            description = "The problem bank (default: ${DEFAULT-VALUE}).")
    Path problems;

    @Option(names = "--variant", defaultValue = Problem.BASELINE, paramLabel = "V",
            description = "The variant to run (default: ${DEFAULT-VALUE}); see --list-variants.")
    String variant;

    @Option(names = "--seed", paramLabel = "N", description = "RNG seed (default: the problem's seed).")
    Long seed;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FMT",
            description = "json or csv, for --out (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the trace here ('-' for standard output).")
    Path out;

    @Option(names = "--list-variants", description = "List the problem's variants and exit.")
    boolean listVariants;

    @Option(names = "--bench", description = "Run every variant (and a topology ten times as large) a few times; "
            + "print events, wall and CPU time, events per second.")
    boolean bench;

    @Option(names = "--check", description = "Check the problem's claims, numeric answers and timeline against the traces.")
    boolean check;

    @Mixin
    Common common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (!format.equals("json") && !format.equals("csv")) {
            throw new UserError("--format must be json or csv, got '" + format + "'");
        }
        Bank bank = Generator.validate(problems);
        List<String> ids = bank.problems().stream().map(Problem::id).toList();
        if (!ids.contains(problem)) {
            throw new UserError("no problem '" + problem + "' in " + problems + Suggest.didYouMean(problem, ids)
                    + "; problems: " + String.join(", ", ids));
        }
        Problem p = bank.problem(problem);
        if (listVariants) {
            w.printf(Locale.ROOT, "%-20s %-11s %s%n", Problem.BASELINE, "baseline", p.title());
            for (Problem.Variant v : p.variants().values()) {
                w.printf(Locale.ROOT, "%-20s %-11s %s%n", v.id(), v.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        v.title());
            }
            for (Problem.Decision d : p.decisions()) {
                for (Problem.Option o : d.options()) {
                    w.printf(Locale.ROOT, "%-20s %-11s from %s at %s: %s (%s)%n", o.id(), "action", d.from(),
                            d.clockLabel(), o.label(), o.rating().name().toLowerCase(Locale.ROOT));
                }
            }
            return ExitCode.OK;
        }
        if (!p.traceIds().contains(variant)) {
            throw new UserError("problem " + problem + " has no variant '" + variant + "'"
                    + Suggest.didYouMean(variant, p.traceIds()) + "; variants: " + String.join(", ", p.traceIds()));
        }
        long s = seed != null ? seed : p.seed();
        if (bench) {
            return bench(w, p, s);
        }
        if (check) {
            return check(w, p, s);
        }
        Trace t = Simulation.run(p, variant, s);
        if (out == null) {
            w.print(Summary.format(t));
            w.printf(Locale.ROOT, "%nsimulated in %,d ms (%,.1f M events/s)%n", t.stats().wallMs(),
                    t.stats().eventsProcessed() / 1000.0 / Math.max(1, t.stats().wallMs()));
            w.flush();
            return ExitCode.OK;
        }
        if (out.toString().equals("-")) {
            write(t, System.out);
            return ExitCode.OK;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            write(t, o);
        }
        w.printf(Locale.ROOT, "wrote %s (%s, %s, %,d events) in %,d ms%n", out, problem, variant,
                t.events().size(), t.stats().wallMs());
        return ExitCode.OK;
    }

    private void write(Trace t, OutputStream o) throws java.io.IOException {
        if (format.equals("csv")) {
            var writer = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            TraceCsv.write(t, writer);
            writer.flush();
        } else {
            TraceJson.write(t, o);
            o.flush();
        }
    }

    private int bench(PrintWriter w, Problem p, long s) {
        SimulationBench.run(w, p, s, 3);
        return ExitCode.OK;
    }

    private int check(PrintWriter w, Problem p, long s) {
        Evidence.Result r = Evidence.check(p, s);
        for (Evidence.Line line : r.lines()) {
            w.printf(Locale.ROOT, "%s  %-8s %s%n          %s%n", line.pass() ? "PASS" : "FAIL", line.kind(), line.subject(),
                    line.detail());
        }
        long failed = r.lines().stream().filter(l -> !l.pass()).count();
        w.printf(Locale.ROOT, "%n%d checked, %d failed%n", r.lines().size(), failed);
        w.flush();
        if (!r.ok()) {
            var err = spec.commandLine().getErr();
            r.errors().forEach(err::println);
            err.flush();
            return ExitCode.INVALID;
        }
        return ExitCode.OK;
    }
}
