package dev.spikeloop.runtime.loop;

import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.driver.link.LinkOptions;

/** Opens a device by the name a user gives on the command line. */
public final class Devices {
    /** The name of the in-process emulator. */
    public static final String EMULATOR = "emulator";

    private Devices() {
    }

    /**
     * {@code emulator} for the in-process emulator, anything else is a board port (a serial device
     * path or {@code tcp://host:port}); with a mismatch other than {@link Mismatch#NONE} the device
     * is wrapped in a {@link MismatchedDevice}.
     *
     * @throws DeviceException if the board cannot be reached
     */
    public static Device open(String spec, Mismatch mismatch, ProgressListener flashProgress) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("device: expected 'emulator' or a board port (e.g. /dev/ttyACM0 or "
                    + "tcp://127.0.0.1:4000)");
        }
        Device d = spec.trim().equalsIgnoreCase(EMULATOR) ? new EmulatorDevice()
                : BoardDevice.open(spec.trim(), LinkOptions.defaults(), flashProgress);
        return mismatch == null || mismatch.isNone() ? d : new MismatchedDevice(d, mismatch);
    }
}
