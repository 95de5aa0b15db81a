package dev.spikeloop.network.fsdd;

/**
 * The parts of FSDD. The published rule: takes 0-4 of every digit and speaker are the test part
 * (300 files), the rest (takes 5-49, 2,700 files) the training part. Validation is carved out of
 * the training part by take index ({@code --val-index}, default 5-9: 300 files, every digit and
 * speaker equally), so the official test part stays untouched.
 */
public enum FsddSplit {
    /** Training part minus the validation takes. */
    TRAIN,
    /** The validation takes of the training part. */
    VAL,
    /** The official test part (takes 0-4). */
    TEST,
    /** Every recording. */
    ALL;

    /** Highest take index of the official test part. */
    public static final int LAST_TEST_INDEX = 4;

    /** Inclusive range of take indices used for validation. */
    public record IndexRange(int first, int last) {
        /** The default validation takes, 5-9. */
        public static final IndexRange DEFAULT_VALIDATION = new IndexRange(5, 9);

        public IndexRange {
            if (first > last) {
                throw new IllegalArgumentException("index range: " + first + "-" + last + " is empty");
            }
            if (first <= LAST_TEST_INDEX) {
                throw new IllegalArgumentException("validation takes " + first + "-" + last + " overlap the official "
                        + "test part (takes 0-" + LAST_TEST_INDEX + "); choose takes from 5 up");
            }
        }

        /** Parses {@code A-B} or {@code A}. */
        public static IndexRange parse(String text) {
            String[] p = text.trim().split("-", -1);
            try {
                if (p.length == 1) {
                    int a = Integer.parseInt(p[0].trim());
                    return new IndexRange(a, a);
                }
                if (p.length == 2) {
                    return new IndexRange(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("expected a take index range like 5-9, got '" + text + "'");
        }

        /** True when {@code index} lies in the range. */
        public boolean contains(int index) {
            return index >= first && index <= last;
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    /** True when {@code r} belongs to this part. */
    public boolean includes(FsddRecording r, IndexRange validation) {
        boolean test = r.index() <= LAST_TEST_INDEX;
        return switch (this) {
            case TEST -> test;
            case VAL -> !test && validation.contains(r.index());
            case TRAIN -> !test && !validation.contains(r.index());
            case ALL -> true;
        };
    }
}
