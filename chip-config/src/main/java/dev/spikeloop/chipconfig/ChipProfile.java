package dev.spikeloop.chipconfig;

import java.util.List;
import java.util.Optional;

/**
 * The resource limits of one chip model. Immutable; every reader and the compiler check a
 * configuration against the profile it names. The figures and their sources (SynSense's Rockpool)
 * are tabled in docs/chip-config.md.
 *
 * <p>Fan-out of hidden neuron {@code j}: the non-zero entries of its {@code weights_rec} row, over
 * every target and every synapse (a target reached on both synapses counts twice), plus the
 * non-zero entries of its {@code weights_out} row. (Audio 3's 1024 = 992 hidden + 32 outputs and
 * IMU's 512 = 496 + 16 are exactly "every neuron once", which is why output targets count.) The
 * recurrent weight memory holds {@link #avgFanOut()} entries per hidden neuron of the chip and per
 * synapse, so the non-zero entries of each synapse of {@code weights_rec} together are at most
 * {@link #recurrentBudget()}.
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
 * @param maxFanOut         non-zero {@code weights_rec} entries (targets x synapses) plus non-zero
 *                          {@code weights_out} entries per hidden neuron
 * @param avgFanOut         recurrent weight memory per hidden neuron of the chip and per synapse
 * @param inputReach        input weights reach only hidden neurons {@code 0..inputReach-1}
 *                          ({@code maxHidden}: all of them)
 * @param outputReach       output weights come only from the last {@code outputReach} hidden neurons
 *                          of the configuration ({@code maxHidden}: all of them)
 * @param maxAliases        alias targets per hidden neuron
 */
public record ChipProfile(String name, int maxInputs, int maxHidden, int maxOutputs, int maxSynapses,
                          int weightMin, int weightMax, int maxWeightShift, int maxDash,
                          int stateMin, int stateMax,
                          int maxInputCount, int maxHiddenCount, int maxOutputCount,
                          int maxFanOut, int avgFanOut, int inputReach, int outputReach, int maxAliases) {

    /** Xylo Audio 2 (SYNS61201), the default profile. */
    public static final ChipProfile XYLO_AUDIO2 = new ChipProfile("xylo-audio2",
            16, 1000, 8, 2, -128, 127, 7, 15, -32768, 32767, 15, 31, 1,
            64, 32, 1000, 1000, 1);

    /** Xylo Audio 3 (SYNS65302). */
    public static final ChipProfile XYLO_AUDIO3 = new ChipProfile("xylo-audio3",
            16, 992, 32, 2, -128, 127, 7, 15, -32768, 32767, 15, 31, 1,
            1024, 32, 128, 128, 1);

    /** Xylo IMU (SYNS63300). */
    public static final ChipProfile XYLO_IMU = new ChipProfile("xylo-imu",
            16, 496, 16, 1, -128, 127, 7, 15, -32768, 32767, 15, 31, 1,
            512, 64, 128, 128, 1);

    /** The default profile's name. */
    public static final String DEFAULT = XYLO_AUDIO2.name();

    private static final List<ChipProfile> KNOWN = List.of(XYLO_AUDIO2, XYLO_AUDIO3, XYLO_IMU);

    /** Looks a profile up by name. */
    public static Optional<ChipProfile> byName(String name) {
        return KNOWN.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The profile a configuration names: an empty name (a configuration written before profiles
     * were recorded) means the default profile, {@code xylo-audio2}.
     */
    public static Optional<ChipProfile> ofConfig(String configProfile) {
        return byName(effectiveName(configProfile));
    }

    /** {@code configProfile}, or the default profile's name when it is empty. */
    public static String effectiveName(String configProfile) {
        return configProfile == null || configProfile.isEmpty() ? DEFAULT : configProfile;
    }

    /**
     * The profile of a name given by a user (a command-line option), or an error listing the known
     * names.
     */
    public static ChipProfile require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown chip profile '" + name + "'; known: " + String.join(", ", knownNames())));
    }

    /** Names of all known profiles, for error messages. */
    public static List<String> knownNames() {
        return KNOWN.stream().map(ChipProfile::name).toList();
    }

    /** All known profiles. */
    public static List<ChipProfile> all() {
        return KNOWN;
    }

    /** True when input weights reach only the first {@link #inputReach()} hidden neurons. */
    public boolean restrictsInput() {
        return inputReach < maxHidden;
    }

    /** True when output weights come only from the last {@link #outputReach()} hidden neurons. */
    public boolean restrictsOutput() {
        return outputReach < maxHidden;
    }

    /** Non-zero {@code weights_rec} entries one synapse may hold in total: {@code avgFanOut * maxHidden}. */
    public int recurrentBudget() {
        return avgFanOut * maxHidden;
    }
}
