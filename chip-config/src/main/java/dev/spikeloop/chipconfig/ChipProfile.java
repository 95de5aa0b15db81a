package dev.spikeloop.chipconfig;

import java.util.List;
import java.util.Optional;

/**
 * The resource limits of one chip model. Immutable; every reader and the compiler check a
 * configuration against the profile it names.
 *
 * @param name              profile name as stored in {@code ChipConfig.profile}
 * @param maxInputs         input channels
 * @param maxHidden         hidden neurons
 * @param maxOutputs        output (readout) neurons
 * @param maxSynapses       synaptic currents per hidden neuron
 * @param weightMin         smallest weight
 * @param weightMax         largest weight
 * @param maxWeightShift    largest left shift of a weight matrix
 * @param maxDash           largest decay shift ({@code dash_syn}, {@code dash_mem})
 * @param stateMin          smallest 16-bit state / threshold / bias value
 * @param stateMax          largest 16-bit state / threshold / bias value
 * @param maxInputCount     input spikes per channel per step (larger counts are clipped)
 * @param maxHiddenCount    spikes per hidden neuron per step
 * @param maxOutputCount    spikes per output neuron per step
 */
public record ChipProfile(String name, int maxInputs, int maxHidden, int maxOutputs, int maxSynapses,
                          int weightMin, int weightMax, int maxWeightShift, int maxDash,
                          int stateMin, int stateMax,
                          int maxInputCount, int maxHiddenCount, int maxOutputCount) {

    /** Xylo Audio 2 (SYNS61201), the default profile. */
    public static final ChipProfile XYLO_AUDIO2 = new ChipProfile("xylo-audio2",
            16, 1000, 8, 2, -128, 127, 7, 15, -32768, 32767, 15, 31, 1);

    /** The default profile's name. */
    public static final String DEFAULT = XYLO_AUDIO2.name();

    private static final List<ChipProfile> KNOWN = List.of(XYLO_AUDIO2);

    /** Looks a profile up by name. */
    public static Optional<ChipProfile> byName(String name) {
        return KNOWN.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Names of all known profiles, for error messages. */
    public static List<String> knownNames() {
        return KNOWN.stream().map(ChipProfile::name).toList();
    }
}
