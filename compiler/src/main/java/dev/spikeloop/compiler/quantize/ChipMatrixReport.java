package dev.spikeloop.compiler.quantize;

/**
 * Quantisation error of one chip matrix in its own integer units.
 *
 * @param matrix       the chip matrix
 * @param shift        its weight shift
 * @param nonZero      non-zero integer weights
 * @param maxAbsInt    largest |integer weight|
 * @param relRmsError  sqrt(sum (w - x)^2 / sum x^2) with x the exact (unrounded) integer value
 * @param clipped      entries clipped to the 8-bit range
 */
public record ChipMatrixReport(ChipMatrix matrix, int shift, int nonZero, int maxAbsInt, double relRmsError,
                               int clipped) {
}
