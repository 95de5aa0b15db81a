package dev.spikeloop.driver.board;

/**
 * What a board said about itself (IDENTIFY).
 *
 * @param port            the port it was reached on
 * @param protocolVersion protocol version it speaks
 * @param boardId         its serial number or name
 * @param chipProfile     chip profile name ({@code ChipConfig.profile} must match to flash)
 * @param firmwareVersion firmware version string
 * @param maxPayload      largest frame payload it accepts
 * @param maxStepsPerRun  most steps per RUN request (longer runs are split by the host)
 * @param statesSupported whether it can record neuron states (debug)
 */
public record BoardInfo(String port, int protocolVersion, String boardId, String chipProfile, String firmwareVersion,
                        int maxPayload, int maxStepsPerRun, boolean statesSupported) {
    @Override
    public String toString() {
        return "board " + boardId + " on " + port + ": chip " + chipProfile + ", firmware " + firmwareVersion
                + ", protocol v" + protocolVersion;
    }
}
