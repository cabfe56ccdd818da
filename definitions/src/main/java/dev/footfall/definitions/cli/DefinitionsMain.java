package dev.footfall.definitions.cli;

import picocli.CommandLine;

/** {@code java dev.footfall.definitions.cli.DefinitionsMain apply FILE}: the command without the local launcher. */
public final class DefinitionsMain {

    private DefinitionsMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DefinitionsCommand()).execute(args));
    }
}
