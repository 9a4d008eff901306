package dev.warroom.cli;

import dev.warroom.bank.BankError;
import dev.warroom.bank.BankException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code warroom} command line. {@link #commandLine} wires the commands with the given
 * output streams, so tests call {@code execute(...)} and read what a user would see.
 */
@Command(name = "warroom", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Builds a study kit for incident response to cascading failures: "
                + "validates the problem bank, simulates each outage, renders it, publishes the site.",
        subcommands = {BuildCommand.class, ValidateCommand.class, SimulateCommand.class, RenderCommand.class,
            NewCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 invalid input (problem bank errors, bad arguments), 1 internal error."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(commandLine(out, err).execute(args));
    }

    /** The command line with every subcommand, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.INVALID);
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL);
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Bank errors are the user's to fix: list them, exit 2. Anything else: one line, exit 1. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--verbose"));
        if (e instanceof BankException b) {
            printErrors(err, b);
            return ExitCode.INVALID;
        }
        if (e instanceof UserError u) {
            err.println("error: " + u.getMessage());
            return ExitCode.INVALID;
        }
        err.println("internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    static void printErrors(PrintWriter err, BankException b) {
        for (BankError error : b.errors()) {
            err.println(error);
        }
        err.println(b.getMessage() + ".");
        err.flush();
    }
}
