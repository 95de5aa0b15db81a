package dev.spikeloop.chipconfig.rockpool;

import java.util.List;
import java.util.stream.Collectors;

/** A Rockpool specification that cannot be read into a chip configuration; lists every problem. */
public class InvalidRockpoolSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 30;
    private final transient List<String> problems;

    public InvalidRockpoolSpecException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in array order. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        int shown = Math.min(problems.size(), SHOWN);
        String list = problems.subList(0, shown).stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
        String more = problems.size() > shown ? "\n  ... and " + (problems.size() - shown) + " more" : "";
        return "invalid Rockpool specification " + source + ": " + problems.size() + " problem(s)\n" + list + more;
    }
}
