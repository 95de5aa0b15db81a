package dev.spikeloop.compiler.quantize;

import java.util.List;

/**
 * Every scale a compilation chose: one {@link LayerScale} per layer (the last is the output layer)
 * and one weight shift per chip matrix. Re-quantising with the same scales
 * ({@link NetworkCompiler#requantize}) keeps integer weights comparable between steps.
 *
 * @param layers    per-layer scales, in layer order
 * @param shiftIn   {@code weight_shift_in}
 * @param shiftRec  {@code weight_shift_rec}
 * @param shiftOut  {@code weight_shift_out}
 */
public record QuantizationScales(List<LayerScale> layers, int shiftIn, int shiftRec, int shiftOut) {

    public QuantizationScales {
        layers = List.copyOf(layers);
    }

    /** The weight shift of a chip matrix. */
    public int shift(ChipMatrix matrix) {
        return switch (matrix) {
            case IN -> shiftIn;
            case REC -> shiftRec;
            case OUT -> shiftOut;
        };
    }

    /** The scale of one layer. */
    public LayerScale layer(int index) {
        return layers.get(index);
    }
}
