package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.List;

/**
 * Something that runs a chip configuration: the in-process emulator, or a board behind the driver
 * (a serial port, {@code tcp://host:port}, or the virtual board). Every implementation behaves the
 * same way, so fine-tuning and evaluation never need to know which one they talk to:
 * <ul>
 *   <li>{@link #apply} puts a configuration on the device (on a board: flash and verify the digest);</li>
 *   <li>{@link #run} runs each sample from a freshly reset network state for the same number of steps
 *       and returns its output and hidden spike rasters, in the order of the inputs.</li>
 * </ul>
 * A device is used by one thread at a time.
 */
public interface Device extends AutoCloseable {

    /** A short description for logs and reports, e.g. {@code emulator} or {@code board tcp://127.0.0.1:4000}. */
    String name();

    /**
     * Puts {@code config} on the device, replacing what it held. Implementations do the whole write
     * every time: deciding whether a write is needed is the caller's job (see {@link FineTuner}).
     *
     * @throws DeviceException if the device refuses the configuration or cannot be reached
     */
    void apply(ChipConfig config);

    /** The configuration last given to {@link #apply}, or {@code null} before the first one. */
    ChipConfig config();

    /**
     * Runs every input raster for {@code steps} steps, each from a reset network state.
     *
     * @throws IllegalStateException if no configuration has been applied yet
     * @throws DeviceException       if the device fails during the run
     */
    List<DeviceRun> run(List<SpikeRaster> inputs, int steps);

    /**
     * {@link #run(List, int)}, and with {@code membranes} also every output neuron's membrane at the end of
     * every step ({@link DeviceRun#outputMembranes()}), as a membrane readout is decided from them.
     *
     * @throws DeviceException if the device cannot return membranes (the default)
     */
    default List<DeviceRun> run(List<SpikeRaster> inputs, int steps, boolean membranes) {
        if (membranes) {
            throw new DeviceException(name() + " cannot return output membranes");
        }
        return run(inputs, steps);
    }

    /** Releases the device (closes the link); further calls fail. */
    @Override
    void close();
}
