package dev.spikeloop.runtime.loop;

/** A device could not do what was asked (link lost, configuration refused, ...); the message says what and where. */
public class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
