package dev.footfall.definitions;

import java.util.List;

/** A definitions file that cannot be applied, with every problem found, each naming its place. */
public final class DefinitionsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public DefinitionsException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
