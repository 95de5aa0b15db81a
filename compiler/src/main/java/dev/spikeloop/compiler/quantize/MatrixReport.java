package dev.spikeloop.compiler.quantize;

/**
 * Quantisation error of one float weight matrix (errors in float weight units).
 *
 * @param layer          the layer the matrix feeds
 * @param kind           {@code weights} (feed-forward) or {@code recurrent}
 * @param chipMatrix     the chip matrix that holds it
 * @param shift          that chip matrix's weight shift
 * @param entries        entries compared (a recurrent diagonal is not counted)
 * @param maxAbsWeight   largest |w| of the float matrix
 * @param maxAbsInt      largest |integer weight|
 * @param relRmsError    sqrt(sum (wq - w)^2 / sum w^2), 0 for an all-zero matrix
 * @param maxAbsError    largest |wq - w|
 * @param clipped        entries whose rounded value left the 8-bit range and were clipped
 * @param zeroed         non-zero float weights that became integer 0
 */
public record MatrixReport(String layer, String kind, ChipMatrix chipMatrix, int shift, int entries,
                           double maxAbsWeight, int maxAbsInt, double relRmsError, double maxAbsError,
                           int clipped, int zeroed) {

    /** e.g. {@code hidden.weights}. */
    public String name() {
        return layer + "." + kind;
    }
}
