package dev.warroom.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class Common {
    @Option(names = "--verbose", description = "Print stack traces and more detail on errors.")
    boolean verbose;
}
