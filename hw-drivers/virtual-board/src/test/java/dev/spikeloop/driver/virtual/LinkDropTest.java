package dev.spikeloop.driver.virtual;

import dev.spikeloop.driver.board.BoardClient;
import dev.spikeloop.driver.board.ConfigStatus;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.TcpLink;
import dev.spikeloop.driver.protocol.ConfigBegin;
import dev.spikeloop.driver.protocol.ErrorCode;
import dev.spikeloop.driver.protocol.ErrorReply;
import dev.spikeloop.driver.protocol.Frame;
import dev.spikeloop.driver.protocol.FrameEncoder;
import dev.spikeloop.driver.protocol.MalformedPayloadException;
import dev.spikeloop.driver.protocol.MessageType;
import dev.spikeloop.driver.protocol.PayloadReader;
import dev.spikeloop.driver.link.LinkStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 18: an interrupted flash, payloads on empty requests, varint values. */
class LinkDropTest {
    @Test
    void aTransferCutOffByTheLinkIsAbortedOnTheBoard() throws Exception {
        try (VirtualBoard board = VirtualBoard.startTcp(0)) {
            try (TcpLink host = TcpLink.connect("127.0.0.1", board.port(), 2000)) {
                host.write(FrameEncoder.encode(Frame.of(MessageType.CONFIG_BEGIN, 1,
                        new ConfigBegin(1000, new byte[32]).toPayload())));
                byte[] buf = new byte[256];
                long until = System.nanoTime() + 2_000_000_000L;
                while (host.read(buf, 50) == 0 && System.nanoTime() < until) {
                    // wait for the reply: the board is now receiving
                }
            } // the host goes away mid-transfer (Ctrl-C on flash)
            long until = System.nanoTime() + 5_000_000_000L;
            ConfigStatus.State state;
            do {
                try (BoardClient client = BoardClient.open(board.address(), LinkOptions.defaults())) {
                    state = client.configStatus().state();
                }
            } while (state != ConfigStatus.State.NONE && System.nanoTime() < until);
            assertEquals(ConfigStatus.State.NONE, state, "the board must not stay 'receiving'");
        }
    }

    @Test
    void requestsWithoutPayloadRejectExtraBytes() throws Exception {
        BoardFirmware fw = new BoardFirmware(BoardSettings.defaults(), new LinkStats());
        for (MessageType type : new MessageType[] {MessageType.RESET, MessageType.IDENTIFY, MessageType.READ_DIGEST,
                MessageType.READ_STATE}) {
            List<Frame> out = new ArrayList<>();
            fw.handle(Frame.of(type, 7, new byte[] {1, 2}), out::add);
            assertEquals(MessageType.ERROR.code(), out.get(0).type(), type + " with a payload");
            assertEquals(ErrorCode.MALFORMED_PAYLOAD.code(), ErrorReply.parse(out.get(0).payload()).code(), type.toString());
        }
    }

    @Test
    void aVarintOverTheLimitReportsItsWholeValue() throws Exception {
        // 0xFF 0x01 is 255; the old reader stopped after the first byte and reported 127
        MalformedPayloadException e = assertThrows(MalformedPayloadException.class,
                () -> new PayloadReader(new byte[] {(byte) 0xFF, 0x01}).varint("steps", 100));
        assertEquals("field 'steps' = 255 exceeds the limit 100", e.getMessage());
        assertEquals(300, assertDoesNotThrowInt(() -> new PayloadReader(new byte[] {(byte) 0xAC, 0x02}).varint("n", 300)));
        assertThrows(MalformedPayloadException.class, () -> new PayloadReader(
                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}).varint("n", 10));
    }

    private interface IntCall {
        int call() throws Exception;
    }

    private static int assertDoesNotThrowInt(IntCall c) throws Exception {
        return c.call();
    }
}
