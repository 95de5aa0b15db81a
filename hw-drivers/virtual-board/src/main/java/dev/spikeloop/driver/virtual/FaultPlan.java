package dev.spikeloop.driver.virtual;

/**
 * What a {@link FaultRelay} does to the frames it passes, per direction and frame, drawn from a
 * seeded random sequence so that a failing test can be replayed. Probabilities are per frame
 * and are tried in the order listed; at most one fault hits a frame, injected blocks come in
 * addition.
 *
 * @param drop          frame silently lost
 * @param corrupt       one bit of the frame flipped (never creating or removing a delimiter, so
 *                      exactly one block arrives damaged)
 * @param truncate      one byte of the frame removed (a dropped byte on a UART)
 * @param duplicate     frame delivered twice
 * @param delay         frame held back {@code delayMillis} (and everything behind it)
 * @param delayMillis   how long a delayed frame is held
 * @param garbage       a block of 1..64 random non-zero bytes injected before the frame
 * @param oversize      a block longer than the maximum frame injected before the frame
 * @param stallAfter    after this many frames (both directions) nothing more is passed on; -1: never
 * @param cutAfter      after this many frames the connection is cut; -1: never
 * @param cuts          how many connections are cut that way (later ones are left alone)
 * @param refuseAfterCut whether new connections are refused after the last cut (the board is gone)
 * @param seed          random seed
 */
public record FaultPlan(double drop, double corrupt, double truncate, double duplicate, double delay, int delayMillis,
                        double garbage, double oversize, long stallAfter, long cutAfter, int cuts,
                        boolean refuseAfterCut, long seed) {

    /** A plan that passes everything unchanged. */
    public static FaultPlan clean() {
        return new FaultPlan(0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, false, 1);
    }

    public FaultPlan withDrop(double p) {
        return new FaultPlan(p, corrupt, truncate, duplicate, delay, delayMillis, garbage, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withCorrupt(double p) {
        return new FaultPlan(drop, p, truncate, duplicate, delay, delayMillis, garbage, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withTruncate(double p) {
        return new FaultPlan(drop, corrupt, p, duplicate, delay, delayMillis, garbage, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withDuplicate(double p) {
        return new FaultPlan(drop, corrupt, truncate, p, delay, delayMillis, garbage, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withDelay(double p, int millis) {
        return new FaultPlan(drop, corrupt, truncate, duplicate, p, millis, garbage, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withGarbage(double p) {
        return new FaultPlan(drop, corrupt, truncate, duplicate, delay, delayMillis, p, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withOversize(double p) {
        return new FaultPlan(drop, corrupt, truncate, duplicate, delay, delayMillis, garbage, p, stallAfter,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withStallAfter(long frames) {
        return new FaultPlan(drop, corrupt, truncate, duplicate, delay, delayMillis, garbage, oversize, frames,
                cutAfter, cuts, refuseAfterCut, seed);
    }

    public FaultPlan withCut(long afterFrames, int times, boolean refuseAfter) {
        return new FaultPlan(drop, corrupt, truncate, duplicate, delay, delayMillis, garbage, oversize, stallAfter,
                afterFrames, times, refuseAfter, seed);
    }

    public FaultPlan withSeed(long s) {
        return new FaultPlan(drop, corrupt, truncate, duplicate, delay, delayMillis, garbage, oversize, stallAfter,
                cutAfter, cuts, refuseAfterCut, s);
    }
}
