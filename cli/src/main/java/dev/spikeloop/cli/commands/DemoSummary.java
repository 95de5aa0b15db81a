package dev.spikeloop.cli.commands;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The parts of a demo's closing summary that every task prints the same way. */
final class DemoSummary {
    private DemoSummary() {
    }

    /** A timing row: the stage's name and the seconds since {@code startNanos}. */
    static String[] stage(String name, long startNanos) {
        return new String[] {name, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9)};
    }

    /** The three-row accuracy table: float, compiled on the device, fine-tuned on the device. */
    static void accuracies(PrintStream console, double floatAcc, double compiledAcc, double tunedAcc) {
        console.println("  +--------------------------+----------+");
        console.println("  | model                    | accuracy |");
        console.println("  +--------------------------+----------+");
        console.printf(Locale.ROOT, "  | float (simulated)        | %7.2f%% |%n", 100 * floatAcc);
        console.printf(Locale.ROOT, "  | compiled (on the device) | %7.2f%% |%n", 100 * compiledAcc);
        console.printf(Locale.ROOT, "  | fine-tuned (on device)   | %7.2f%% |%n", 100 * tunedAcc);
        console.println("  +--------------------------+----------+");
    }

    /** The time each stage took, the total since {@code startNanos}, and the plots written. */
    static void timingsAndPlots(PrintStream console, List<String[]> timings, long startNanos, List<Path> plots) {
        int width = 58; // the Yin-Yang demo's column; longer stage names widen it
        for (String[] row : timings) {
            width = Math.max(width, row[0].length());
        }
        String rowFormat = "  %-" + width + "s %s%n";
        console.println("Time taken:");
        for (String[] row : timings) {
            console.printf(Locale.ROOT, rowFormat, row[0], row[1]);
        }
        console.printf(Locale.ROOT, rowFormat, "total", String.format(Locale.ROOT, "%.1f s",
                (System.nanoTime() - startNanos) / 1e9));
        console.println("Plots:");
        for (Path p : plots) {
            console.println("  " + p);
        }
    }
}
