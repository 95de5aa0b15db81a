package dev.spikeloop.compiler.nir;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The NIR node types the importer understands, by their {@code type} string in the file. */
public enum NirNodeType {
    /** Graph input: {@code shape}. */
    INPUT("Input"),
    /** Dense weights with bias: {@code weight} (out x in), {@code bias} (out); the bias must be 0. */
    AFFINE("Affine"),
    /** Dense weights: {@code weight} (out x in). */
    LINEAR("Linear"),
    /** Current-based LIF: {@code tau_syn, tau_mem, r, v_leak, v_threshold}, optional {@code w_in, v_reset}. */
    CUBA_LIF("CubaLIF"),
    /** LIF without a synaptic current: {@code tau, r, v_leak, v_threshold}, optional {@code v_reset}. */
    LIF("LIF"),
    /** Graph output: {@code shape}. */
    OUTPUT("Output");

    private final String nirName;

    NirNodeType(String nirName) {
        this.nirName = nirName;
    }

    /** The type string NIR writes. */
    public String nirName() {
        return nirName;
    }

    /** True for the weight nodes (Affine, Linear). */
    public boolean isWeights() {
        return this == AFFINE || this == LINEAR;
    }

    /** True for the neuron nodes (CubaLIF, LIF). */
    public boolean isNeurons() {
        return this == CUBA_LIF || this == LIF;
    }

    /** The type with this NIR name, if supported. */
    public static Optional<NirNodeType> byNirName(String name) {
        return Arrays.stream(values()).filter(t -> t.nirName.equals(name)).findFirst();
    }

    /** The supported NIR type names, for error messages. */
    public static List<String> supportedNames() {
        return Arrays.stream(values()).map(NirNodeType::nirName).toList();
    }
}
