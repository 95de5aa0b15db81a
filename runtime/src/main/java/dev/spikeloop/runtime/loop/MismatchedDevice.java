package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.List;

/**
 * A device whose chip is not the one the compiler assumed: every configuration written to it is
 * bent by a {@link Mismatch} on the way in, as silicon would bend it. The host side (and
 * {@link #config()}) still sees the configuration it wrote; only the spikes tell the difference.
 */
public final class MismatchedDevice implements Device {
    private final Device inner;
    private final Mismatch mismatch;
    private ChipConfig written;

    public MismatchedDevice(Device inner, Mismatch mismatch) {
        this.inner = inner;
        this.mismatch = mismatch;
    }

    /** The mismatch this device applies. */
    public Mismatch mismatch() {
        return mismatch;
    }

    @Override
    public String name() {
        return inner.name() + " with mismatch " + mismatch;
    }

    @Override
    public void apply(ChipConfig config) {
        inner.apply(mismatch.applyTo(config));
        written = config;
    }

    @Override
    public ChipConfig config() {
        return written;
    }

    @Override
    public List<DeviceRun> run(List<SpikeRaster> inputs, int steps) {
        return inner.run(inputs, steps);
    }

    @Override
    public List<DeviceRun> run(List<SpikeRaster> inputs, int steps, boolean membranes) {
        return inner.run(inputs, steps, membranes);
    }

    @Override
    public void close() {
        inner.close();
    }
}
