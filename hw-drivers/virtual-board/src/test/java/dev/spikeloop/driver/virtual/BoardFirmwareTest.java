package dev.spikeloop.driver.virtual;

import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.protocol.ConfigBegin;
import dev.spikeloop.driver.protocol.ConfigChunk;
import dev.spikeloop.driver.protocol.DigestReply;
import dev.spikeloop.driver.protocol.ErrorCode;
import dev.spikeloop.driver.protocol.ErrorReply;
import dev.spikeloop.driver.protocol.EventBlock;
import dev.spikeloop.driver.protocol.Frame;
import dev.spikeloop.driver.protocol.MessageType;
import dev.spikeloop.driver.protocol.Protocol;
import dev.spikeloop.driver.protocol.RunRequest;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BoardFirmwareTest {
    private final LinkStats stats = new LinkStats();
    private final BoardFirmware fw = new BoardFirmware(BoardSettings.defaults(), stats);
    private int seq;

    private Frame call(MessageType type, byte[] payload) {
        return callSeq(seq++, type, payload);
    }

    private Frame callSeq(int s, MessageType type, byte[] payload) {
        List<Frame> out = new ArrayList<>();
        fw.handle(Frame.of(type, s, payload), out::add);
        assertEquals(1, out.size(), "one reply per request");
        assertEquals(s, out.get(0).seq());
        return out.get(0);
    }

    private static int errorCode(Frame f) throws Exception {
        assertEquals(MessageType.ERROR.code(), f.type(), "expected an ERROR, got " + f);
        return ErrorReply.parse(f.payload()).code();
    }

    private DigestReply digest() throws Exception {
        Frame f = call(MessageType.READ_DIGEST, new byte[0]);
        return DigestReply.parse(f.payload());
    }

    private static byte[] image() {
        return new SyntheticNetwork(16, 20, 2, 2, 0.2, 3).build().toByteArray();
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void partialTransferNeverLooksValid() throws Exception {
        byte[] img = image();
        assertEquals(DigestReply.NONE, digest().state());
        call(MessageType.CONFIG_BEGIN, new ConfigBegin(img.length, sha(img)).toPayload());
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(0, Arrays.copyOf(img, 100)).toPayload());
        DigestReply d = digest();
        assertEquals(DigestReply.RECEIVING, d.state());
        assertEquals(0, d.length());
        assertEquals(ErrorCode.CONFIG_INCOMPLETE.code(), errorCode(call(MessageType.CONFIG_COMMIT, new byte[0])));
        assertEquals(ErrorCode.NO_CONFIG.code(), errorCode(call(MessageType.RUN,
                new RunRequest(1, 0, EventBlock.empty()).toPayload())));
        assertEquals(ErrorCode.CHUNK_OUT_OF_RANGE.code(), errorCode(call(MessageType.CONFIG_CHUNK,
                new ConfigChunk(200, new byte[10]).toPayload())));
    }

    @Test
    void wrongDigestIsRefusedAndDropsTheConfig() throws Exception {
        byte[] img = image();
        call(MessageType.CONFIG_BEGIN, new ConfigBegin(img.length, sha(img)).toPayload());
        byte[] damaged = img.clone();
        damaged[10] ^= 1;
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(0, damaged).toPayload());
        assertEquals(ErrorCode.DIGEST_MISMATCH.code(), errorCode(call(MessageType.CONFIG_COMMIT, new byte[0])));
        assertEquals(DigestReply.NONE, digest().state());
    }

    @Test
    void goodTransferCommitsAndReportsItsDigest() throws Exception {
        byte[] img = image();
        call(MessageType.CONFIG_BEGIN, new ConfigBegin(img.length, sha(img)).toPayload());
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(0, Arrays.copyOf(img, 50)).toPayload());
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(0, Arrays.copyOf(img, 50)).toPayload()); // repeated: harmless
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(50, Arrays.copyOfRange(img, 50, img.length)).toPayload());
        Frame commit = call(MessageType.CONFIG_COMMIT, new byte[0]);
        assertEquals(MessageType.CONFIG_COMMIT_REPLY.code(), commit.type());
        DigestReply d = digest();
        assertEquals(DigestReply.COMMITTED, d.state());
        assertEquals(img.length, d.length());
        assertEquals(Arrays.toString(sha(img)), Arrays.toString(d.digest()));
        // A new transfer drops the committed configuration at once.
        call(MessageType.CONFIG_BEGIN, new ConfigBegin(img.length, sha(img)).toPayload());
        assertEquals(DigestReply.RECEIVING, digest().state());
    }

    @Test
    void invalidImageIsRefused() throws Exception {
        byte[] img = "not a protobuf at all, \u00ff\u00ff".getBytes();
        call(MessageType.CONFIG_BEGIN, new ConfigBegin(img.length, sha(img)).toPayload());
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(0, img).toPayload());
        assertEquals(ErrorCode.CONFIG_INVALID.code(), errorCode(call(MessageType.CONFIG_COMMIT, new byte[0])));
        assertEquals(DigestReply.NONE, digest().state());
    }

    @Test
    void unknownTypesMalformedPayloadsAndOtherVersions() throws Exception {
        assertEquals(ErrorCode.UNKNOWN_MESSAGE.code(), errorCode(call0x40()));
        assertEquals(ErrorCode.MALFORMED_PAYLOAD.code(), errorCode(call(MessageType.CONFIG_BEGIN, new byte[3])));
        List<Frame> out = new ArrayList<>();
        fw.handle(new Frame(Protocol.VERSION + 1, MessageType.IDENTIFY.code(), 77, new byte[0]), out::add);
        assertEquals(ErrorCode.UNSUPPORTED_VERSION.code(), errorCode(out.get(0)));
        assertEquals(Protocol.VERSION, out.get(0).version(), "answered in the board's own version");
    }

    private Frame call0x40() {
        List<Frame> out = new ArrayList<>();
        fw.handle(new Frame(Protocol.VERSION, 0x40, 9, new byte[0]), out::add);
        return out.get(0);
    }

    @Test
    void repeatedRequestIsAnsweredFromCacheNotExecutedAgain() throws Exception {
        byte[] img = image();
        call(MessageType.CONFIG_BEGIN, new ConfigBegin(img.length, sha(img)).toPayload());
        call(MessageType.CONFIG_CHUNK, new ConfigChunk(0, img).toPayload());
        call(MessageType.CONFIG_COMMIT, new byte[0]);
        EventBlock in = new EventBlock(new int[]{0, 1, 2}, new int[]{0, 3, 5}, new int[]{15, 15, 15});
        byte[] run = new RunRequest(50, 0, in).toPayload();
        Frame first = callSeq(1000, MessageType.RUN, run);
        Frame retry = callSeq(1000, MessageType.RUN, run);
        assertEquals(first, retry);
        assertEquals(1, stats.snapshot().cachedReplies());
        Frame next = callSeq(1001, MessageType.RUN, run);
        assertEquals(MessageType.RUN_REPLY.code(), next.type());
        EventBlock badChannel = new EventBlock(new int[]{0}, new int[]{16}, new int[]{1});
        assertEquals(ErrorCode.INPUT_INVALID.code(), errorCode(call(MessageType.RUN,
                new RunRequest(5, 0, badChannel).toPayload())));
    }
}
