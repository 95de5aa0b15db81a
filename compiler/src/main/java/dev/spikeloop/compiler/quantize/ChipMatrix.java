package dev.spikeloop.compiler.quantize;

/** The chip's three weight matrices, each with its own weight shift. */
public enum ChipMatrix {
    /** Input channels to hidden neurons ({@code weights_in}, {@code weight_shift_in}). */
    IN("weights_in"),
    /** Hidden to hidden neurons ({@code weights_rec}, {@code weight_shift_rec}). */
    REC("weights_rec"),
    /** Hidden to output neurons ({@code weights_out}, {@code weight_shift_out}). */
    OUT("weights_out");

    private final String field;

    ChipMatrix(String field) {
        this.field = field;
    }

    /** The protobuf field name. */
    public String field() {
        return field;
    }
}
