package dev.spikeloop.compiler.drc;

import java.util.List;
import java.util.stream.Collectors;

/** A network the chip cannot hold; lists every problem the design-rule check found. */
public class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How many problems the message lists before summarising the rest. */
    static final int SHOWN = 30;
    private final transient List<DrcProblem> problems;

    public CompilationException(String source, List<DrcProblem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in network order. */
    public List<DrcProblem> problems() {
        return problems;
    }

    private static String message(String source, List<DrcProblem> problems) {
        int shown = Math.min(problems.size(), SHOWN);
        String list = problems.subList(0, shown).stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
        String more = problems.size() > shown ? "\n  ... and " + (problems.size() - shown) + " more" : "";
        return "the chip cannot hold " + (source == null ? "this network" : source) + ": "
                + problems.size() + " problem(s)\n" + list + more;
    }
}
