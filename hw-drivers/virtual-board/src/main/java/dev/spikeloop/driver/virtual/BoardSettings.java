package dev.spikeloop.driver.virtual;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.driver.protocol.Protocol;

/**
 * What a virtual board says about itself and the limits it enforces.
 *
 * @param boardId         board id reported by IDENTIFY
 * @param firmwareVersion firmware version string
 * @param protocolVersion protocol version the board speaks (another value than {@link Protocol#VERSION}
 *                        makes a board the host must refuse; used by the version-mismatch tests)
 * @param profile         the chip behind the board
 * @param maxPayload      largest frame payload accepted and sent (64..{@link Protocol#MAX_PAYLOAD})
 * @param maxStepsPerRun  most steps per RUN request
 * @param txBytesPerSecond pace of the board's transmitter, to act as a UART of that speed (a pseudo-terminal
 *                        ignores baud rates); 0 sends as fast as the link takes it
 */
public record BoardSettings(String boardId, String firmwareVersion, int protocolVersion, ChipProfile profile,
                            int maxPayload, int maxStepsPerRun, double txBytesPerSecond) {
    public BoardSettings {
        if (maxPayload < 64 || maxPayload > Protocol.MAX_PAYLOAD) {
            throw new IllegalArgumentException("max payload " + maxPayload + " outside 64.." + Protocol.MAX_PAYLOAD);
        }
        if (maxStepsPerRun < 1) {
            throw new IllegalArgumentException("max steps per run must be >= 1, got " + maxStepsPerRun);
        }
        if (!(txBytesPerSecond >= 0) || Double.isInfinite(txBytesPerSecond)) {
            throw new IllegalArgumentException("transmit pace must be finite and >= 0, got " + txBytesPerSecond);
        }
        if (protocolVersion < 0 || protocolVersion > 255) {
            throw new IllegalArgumentException("protocol version " + protocolVersion + " outside 0..255");
        }
    }

    /** A Xylo Audio 2 board speaking this host's protocol, full-size frames, 100 000 steps per RUN. */
    public static BoardSettings defaults() {
        return new BoardSettings("virtual-0001", "spikeloop-virtual 0.1.0", Protocol.VERSION, ChipProfile.XYLO_AUDIO2,
                Protocol.MAX_PAYLOAD, 100_000, 0);
    }

    /** The same board with another chip behind it. */
    public BoardSettings withProfile(ChipProfile p) {
        return new BoardSettings(boardId, firmwareVersion, protocolVersion, p, maxPayload, maxStepsPerRun, txBytesPerSecond);
    }

    public BoardSettings withProtocolVersion(int v) {
        return new BoardSettings(boardId, firmwareVersion, v, profile, maxPayload, maxStepsPerRun, txBytesPerSecond);
    }

    public BoardSettings withMaxPayload(int p) {
        return new BoardSettings(boardId, firmwareVersion, protocolVersion, profile, p, maxStepsPerRun, txBytesPerSecond);
    }

    public BoardSettings withMaxStepsPerRun(int s) {
        return new BoardSettings(boardId, firmwareVersion, protocolVersion, profile, maxPayload, s, txBytesPerSecond);
    }

    public BoardSettings withTxPace(double bytesPerSecond) {
        return new BoardSettings(boardId, firmwareVersion, protocolVersion, profile, maxPayload, maxStepsPerRun,
                bytesPerSecond);
    }
}
