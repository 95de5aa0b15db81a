package dev.spikeloop.chipconfig.validate;

import java.util.List;
import java.util.stream.Collectors;

/** A chip configuration that the chip cannot hold; lists every problem found. */
public class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(String source, List<ConfigProblem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in field order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(String source, List<ConfigProblem> problems) {
        int shown = Math.min(problems.size(), 20);
        String list = problems.subList(0, shown).stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
        String more = problems.size() > shown ? "\n  ... and " + (problems.size() - shown) + " more" : "";
        return "invalid chip configuration" + (source == null ? "" : " " + source) + ": "
                + problems.size() + " problem(s)\n" + list + more;
    }
}
