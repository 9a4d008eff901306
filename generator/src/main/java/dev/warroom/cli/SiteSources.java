package dev.warroom.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What a site is built from: the problem bank and the templates ({@code build} and {@code serve}). */
final class SiteSources {
    @Option(names = "--problems", defaultValue = "problems", paramLabel = "DIR",
            description = "The problem bank (default: ${DEFAULT-VALUE}).")
    Path problems;

    @Option(names = "--templates", defaultValue = "templates", paramLabel = "DIR",
            description = "Mustache templates, CSS and JS of the site (default: ${DEFAULT-VALUE}).")
    Path templates;

    /** Fails early, before any simulation or rendering, when the templates folder is missing. */
    void requireTemplates() {
        if (!Files.isDirectory(templates)) {
            throw new UserError("no templates folder at " + templates + " (set it with --templates)");
        }
    }
}
