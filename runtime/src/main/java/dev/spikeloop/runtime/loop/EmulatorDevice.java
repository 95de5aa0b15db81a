package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.InvalidConfigException;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The device as the in-process, bit-accurate emulator. Applying a configuration builds a new
 * emulator; each sample runs from a reset, exactly as {@link BoardDevice} does on a board.
 */
public final class EmulatorDevice implements Device {
    private ChipConfig config;
    private XyloEmulator emulator;
    private boolean closed;

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public void apply(ChipConfig config) {
        requireOpen();
        try {
            emulator = new XyloEmulator(config);
        } catch (InvalidConfigException e) {
            throw new DeviceException("the emulator refuses the configuration: " + e.getMessage(), e);
        }
        this.config = config;
    }

    @Override
    public ChipConfig config() {
        return config;
    }

    @Override
    public List<DeviceRun> run(List<SpikeRaster> inputs, int steps) {
        return run(inputs, steps, false);
    }

    /** With {@code membranes}, the emulator records its states and returns the output membranes of every step. */
    @Override
    public List<DeviceRun> run(List<SpikeRaster> inputs, int steps, boolean membranes) {
        requireOpen();
        if (emulator == null) {
            throw new IllegalStateException("emulator device: no configuration applied yet");
        }
        List<DeviceRun> out = new ArrayList<>(inputs.size());
        for (SpikeRaster input : inputs) {
            emulator.reset();
            EmulationResult r = emulator.run(input, steps, membranes);
            out.add(new DeviceRun(r.outputs(), r.hidden(), membranes ? outputMembranes(r.states()) : null));
        }
        return out;
    }

    /** {@code [step][output]} from a state trace. */
    static int[][] outputMembranes(dev.spikeloop.chipconfig.spikes.StateTrace t) {
        int[][] m = new int[t.steps()][];
        for (int s = 0; s < m.length; s++) {
            m[s] = t.outputMembrane(s);
        }
        return m;
    }

    @Override
    public void close() {
        closed = true;
        emulator = null;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("emulator device is closed");
        }
    }
}
