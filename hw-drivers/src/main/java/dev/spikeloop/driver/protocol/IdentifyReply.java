package dev.spikeloop.driver.protocol;

/**
 * IDENTIFY_REPLY: who the board is and what it can take.
 *
 * @param protocolVersion protocol version the board speaks
 * @param boardId         serial number or name of the board
 * @param chipProfile     chip profile name, as in {@code ChipConfig.profile}
 * @param firmwareVersion firmware version string
 * @param maxPayload      largest frame payload the board accepts (at most {@link Protocol#MAX_PAYLOAD})
 * @param maxStepsPerRun  most steps one RUN request may ask for (the board buffers that many steps' events)
 * @param capabilities    bit 0: state recording (RUN flag and READ_STATE) supported
 */
public record IdentifyReply(int protocolVersion, String boardId, String chipProfile, String firmwareVersion,
                            int maxPayload, int maxStepsPerRun, int capabilities) {
    /** Capability bit: RUN can record states and READ_STATE works. */
    public static final int CAP_STATES = 1;

    public byte[] toPayload() {
        return new PayloadWriter().u8(protocolVersion).string8(boardId).string8(chipProfile).string8(firmwareVersion)
                .u16(maxPayload).u32(maxStepsPerRun).u32(capabilities).toByteArray();
    }

    public static IdentifyReply parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        IdentifyReply reply = new IdentifyReply(r.u8("protocol version"), r.string8("board id"),
                r.string8("chip profile"), r.string8("firmware version"), r.u16("max payload"),
                r.u32Max("max steps per run", Integer.MAX_VALUE), (int) r.u32("capabilities"));
        // Later protocol versions may append fields; a reply of this version has none.
        return reply;
    }
}
