package dev.spikeloop.driver.virtual;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;
import dev.spikeloop.chipconfig.validate.InvalidConfigException;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.protocol.BlobHeader;
import dev.spikeloop.driver.protocol.Busy;
import dev.spikeloop.driver.protocol.ConfigBegin;
import dev.spikeloop.driver.protocol.ConfigChunk;
import dev.spikeloop.driver.protocol.DigestReply;
import dev.spikeloop.driver.protocol.ErrorCode;
import dev.spikeloop.driver.protocol.ErrorReply;
import dev.spikeloop.driver.protocol.EventBlock;
import dev.spikeloop.driver.protocol.Frame;
import dev.spikeloop.driver.protocol.FrameEncoder;
import dev.spikeloop.driver.protocol.IdentifyReply;
import dev.spikeloop.driver.protocol.MalformedPayloadException;
import dev.spikeloop.driver.protocol.MessageType;
import dev.spikeloop.driver.protocol.PayloadReader;
import dev.spikeloop.driver.protocol.PayloadWriter;
import dev.spikeloop.driver.protocol.Protocol;
import dev.spikeloop.driver.protocol.ResultPage;
import dev.spikeloop.driver.protocol.RunRequest;
import dev.spikeloop.driver.protocol.RunResultImage;
import dev.spikeloop.driver.protocol.StateBlock;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.StepObserver;
import dev.spikeloop.emulator.xylo.XyloEmulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The board side of the protocol (docs/protocol.md), with {@link XyloEmulator} as the chip: what
 * a microcontroller's firmware does, frame in, frames out. Independent of any link, so the same
 * object serves TCP, a pseudo-terminal or a test calling it directly.
 *
 * <p>A request repeating the last request's sequence number, type and payload is a host retry:
 * it is answered from the reply cache and not executed again, so a retried RUN does not advance
 * the network twice. Thread-safe (one request is handled at a time), because a reconnecting host
 * may open a new connection before the board noticed that the old one died.
 */
public final class BoardFirmware {
    private static final byte[] NO_DIGEST = new byte[Protocol.DIGEST_BYTES];
    /** How often the run loop looks at the clock to send BUSY (steps). */
    private static final int BUSY_CHECK_STEPS = 8;

    private final BoardSettings settings;
    private final LinkStats stats;

    // Configuration.
    private int configState = DigestReply.NONE;
    /** A transfer whose link dropped: continued by a chunk or commit, else aborted (see linkDropped). */
    private boolean transferOrphaned;
    private byte[] transfer;
    private byte[] transferSha;
    private int received;
    private byte[] committedSha = NO_DIGEST;
    private int committedLength;
    private XyloEmulator chip;
    private int[][] lastState;

    // Result held for RESULT_PAGE.
    private byte[] heldBlob;

    // Reply cache: the last request and what was answered.
    private int lastSeq = -1;
    private int lastType = -1;
    private byte[] lastPayload;
    private List<Frame> lastReplies = List.of();

    /** A board that counts cached replies in {@code stats}. */
    public BoardFirmware(BoardSettings settings, LinkStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    /** The board's settings. */
    public BoardSettings settings() {
        return settings;
    }

    /**
     * Handles one valid frame from the host; replies (and BUSY keep-alives of a long RUN) go to
     * {@code send}, in order.
     */
    public synchronized void handle(Frame request, Consumer<Frame> send) {
        if (request.version() != settings.protocolVersion()) {
            // Answered in this board's version: the header and ERROR layouts are the same in every version.
            send.accept(new Frame(settings.protocolVersion(), MessageType.ERROR.code(), request.seq(),
                    new ErrorReply(ErrorCode.UNSUPPORTED_VERSION, "board speaks protocol v" + settings.protocolVersion()
                            + ", request is v" + request.version()).toPayload()));
            return;
        }
        if (request.type() >= 0x80) {
            return; // replies are not requests; a host never sends them, so this is noise and is ignored
        }
        if (request.seq() == lastSeq && request.type() == lastType && Arrays.equals(request.payload(), lastPayload)) {
            stats.cachedReply();
            lastReplies.forEach(send);
            return;
        }
        List<Frame> replies = new ArrayList<>(1);
        Consumer<Frame> recording = f -> {
            if (f.type() != MessageType.BUSY.code()) {
                replies.add(f);
            }
            send.accept(f);
        };
        recording.accept(execute(request, recording));
        lastSeq = request.seq();
        lastType = request.type();
        lastPayload = request.payload();
        lastReplies = List.copyOf(replies);
    }

    private Frame execute(Frame request, Consumer<Frame> send) {
        int seq = request.seq();
        MessageType type = request.messageType().orElse(null);
        if (type == null || !type.isRequest()) {
            return error(seq, ErrorCode.UNKNOWN_MESSAGE, "message type 0x" + Integer.toHexString(request.type())
                    + " is not a request this board knows");
        }
        if (transferOrphaned) {
            transferOrphaned = false;
            if (type != MessageType.CONFIG_CHUNK && type != MessageType.CONFIG_COMMIT) {
                dropConfig(); // nobody continues the interrupted transfer
            }
        }
        try {
            return switch (type) {
                case IDENTIFY -> reply(type, seq, identify(request.payload()));
                case CONFIG_BEGIN -> configBegin(seq, ConfigBegin.parse(request.payload()));
                case CONFIG_CHUNK -> configChunk(seq, ConfigChunk.parse(request.payload()));
                case CONFIG_COMMIT -> configCommit(seq, request.payload());
                case READ_DIGEST -> reply(type, seq, digestReply(request.payload()));
                case RESET -> reset(seq, request.payload());
                case RUN -> run(seq, request.payload(), send);
                case RESULT_PAGE -> resultPage(seq, ResultPage.parse(request.payload()));
                case READ_STATE -> readState(seq, request.payload());
                default -> error(seq, ErrorCode.UNKNOWN_MESSAGE, type + " is not a request");
            };
        } catch (MalformedPayloadException e) {
            return error(seq, ErrorCode.MALFORMED_PAYLOAD, type + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return error(seq, ErrorCode.INTERNAL, type + " failed: " + e);
        }
    }

    /** Requests without a payload in docs/protocol.md must come without one: extra bytes are malformed. */
    private byte[] identify(byte[] payload) throws MalformedPayloadException {
        new PayloadReader(payload).end("IDENTIFY");
        return new IdentifyReply(settings.protocolVersion(), settings.boardId(), settings.profile().name(),
                settings.firmwareVersion(), settings.maxPayload(), settings.maxStepsPerRun(),
                IdentifyReply.CAP_STATES).toPayload();
    }

    private Frame configBegin(int seq, ConfigBegin begin) {
        // The committed configuration is dropped first: an interrupted transfer leaves no configuration,
        // never a half-written one that looks valid.
        dropConfig();
        // A Xylo Audio 2 configuration is well under 1 MiB; the limit keeps a damaged length from exhausting memory.
        if (begin.length() > 16 << 20) {
            return error(seq, ErrorCode.TOO_LARGE, "configuration of " + begin.length()
                    + " bytes exceeds the board's 16 MiB buffer");
        }
        transfer = new byte[begin.length()];
        transferSha = begin.sha256();
        received = 0;
        configState = DigestReply.RECEIVING;
        return reply(MessageType.CONFIG_BEGIN, seq, new byte[0]);
    }

    private Frame configChunk(int seq, ConfigChunk chunk) {
        if (configState != DigestReply.RECEIVING) {
            return error(seq, ErrorCode.NO_CONFIG_TRANSFER, "CONFIG_CHUNK without CONFIG_BEGIN");
        }
        long end = (long) chunk.offset() + chunk.data().length;
        if (chunk.offset() > received || end > transfer.length) {
            return error(seq, ErrorCode.CHUNK_OUT_OF_RANGE, "chunk [" + chunk.offset() + ", " + end
                    + ") does not continue the " + received + " bytes received of " + transfer.length);
        }
        System.arraycopy(chunk.data(), 0, transfer, chunk.offset(), chunk.data().length);
        received = (int) Math.max(received, end);
        return reply(MessageType.CONFIG_CHUNK, seq, new byte[0]);
    }

    private Frame configCommit(int seq, byte[] payload) throws MalformedPayloadException {
        new PayloadReader(payload).end("CONFIG_COMMIT");
        if (configState != DigestReply.RECEIVING) {
            return error(seq, ErrorCode.NO_CONFIG_TRANSFER, "CONFIG_COMMIT without CONFIG_BEGIN");
        }
        if (received < transfer.length) {
            return error(seq, ErrorCode.CONFIG_INCOMPLETE, received + " of " + transfer.length + " bytes received");
        }
        byte[] sha = sha256(transfer);
        if (!Arrays.equals(sha, transferSha)) {
            dropConfig();
            return error(seq, ErrorCode.DIGEST_MISMATCH, "received bytes do not hash to the announced SHA-256");
        }
        XyloEmulator emulator;
        try {
            ChipConfig config = ChipConfig.parseFrom(transfer);
            if (!dev.spikeloop.chipconfig.ChipProfile.effectiveName(config.getProfile()).equals(settings.profile().name())) {
                dropConfig();
                return error(seq, ErrorCode.CONFIG_INVALID, "configuration is for '"
                        + dev.spikeloop.chipconfig.ChipProfile.effectiveName(config.getProfile())
                        + "', this board has a '" + settings.profile().name() + "' chip");
            }
            ConfigValidator.validate(config, "flashed configuration");
            emulator = new XyloEmulator(config);
        } catch (InvalidProtocolBufferException | InvalidConfigException e) {
            dropConfig();
            return error(seq, ErrorCode.CONFIG_INVALID, e.getMessage());
        }
        chip = emulator;
        committedSha = sha;
        committedLength = transfer.length;
        configState = DigestReply.COMMITTED;
        transfer = null;
        lastState = null;
        return reply(MessageType.CONFIG_COMMIT, seq, digestReply().toPayload());
    }

    private DigestReply digestReply() {
        return configState == DigestReply.COMMITTED ? new DigestReply(DigestReply.COMMITTED, committedLength, committedSha)
                : new DigestReply(configState, 0, NO_DIGEST);
    }

    /**
     * The host's link went away during a transfer (a flash interrupted by Ctrl-C, a pulled cable). The
     * host's driver reconnects and resends the chunk it was sending, so the transfer may still go on;
     * but the first request on the new link that does not continue it (a new flash's IDENTIFY, a run,
     * a digest read) aborts it first, rather than the board staying "receiving" until the next flash.
     */
    public synchronized void linkDropped() {
        transferOrphaned = configState == DigestReply.RECEIVING;
    }

    private void dropConfig() {
        configState = DigestReply.NONE;
        chip = null;
        committedSha = NO_DIGEST;
        committedLength = 0;
        transfer = null;
        heldBlob = null;
        lastState = null;
    }

    private byte[] digestReply(byte[] payload) throws MalformedPayloadException {
        new PayloadReader(payload).end("READ_DIGEST");
        return digestReply().toPayload();
    }

    private Frame reset(int seq, byte[] payload) throws MalformedPayloadException {
        new PayloadReader(payload).end("RESET");
        if (chip == null) {
            return error(seq, ErrorCode.NO_CONFIG, "RESET needs a committed configuration");
        }
        chip.reset();
        lastState = null;
        return reply(MessageType.RESET, seq, new byte[0]);
    }

    private Frame run(int seq, byte[] payload, Consumer<Frame> send) throws MalformedPayloadException {
        if (chip == null) {
            return error(seq, ErrorCode.NO_CONFIG, "RUN needs a committed configuration");
        }
        // Parsed with wide limits, so that a well-formed request naming a channel the configuration lacks is told
        // apart (INPUT_INVALID) from a damaged one (MALFORMED_PAYLOAD).
        RunRequest request = RunRequest.parse(payload, 0xFFFF, 0xFF);
        EventBlock in = request.input();
        for (int k = 0; k < in.size(); k++) {
            if (in.neurons()[k] >= chip.numInputs()) {
                return error(seq, ErrorCode.INPUT_INVALID, "input event at step " + in.steps()[k] + " names channel "
                        + in.neurons()[k] + " but the configuration has channels 0.." + (chip.numInputs() - 1));
            }
        }
        if (request.steps() > settings.maxStepsPerRun()) {
            return error(seq, ErrorCode.TOO_LARGE, "RUN of " + request.steps() + " steps exceeds the board's "
                    + settings.maxStepsPerRun() + " steps per request");
        }
        boolean record = (request.flags() & RunRequest.FLAG_RECORD_STATES) != 0;
        long perStep = StateBlock.bytesPerStep(chip.numHidden(), chip.numSynapses(), chip.numOutputs());
        if (record && perStep * request.steps() > 64L << 20) {
            return error(seq, ErrorCode.TOO_LARGE, "recording states of " + request.steps() + " steps needs "
                    + perStep * request.steps() + " bytes, more than the board's 64 MiB");
        }
        RunObserver observer = new RunObserver(seq, request.steps(), record, send);
        EmulationResult result = chip.run(toRaster(request.input()), request.steps(), observer);
        lastState = observer.last;
        StateBlock states = record ? observer.states() : null;
        byte[] blob = new RunResultImage(request.steps(), toBlock(result.outputs()), toBlock(result.hidden()), states)
                .encode();
        return blobReply(MessageType.RUN, seq, blob);
    }

    private Frame readState(int seq, byte[] payload) throws MalformedPayloadException {
        new PayloadReader(payload).end("READ_STATE");
        if (chip == null) {
            return error(seq, ErrorCode.NO_CONFIG, "READ_STATE needs a committed configuration");
        }
        int h = chip.numHidden();
        int s = chip.numSynapses();
        int o = chip.numOutputs();
        int[][] st = lastState != null ? lastState : new int[][]{new int[h], new int[h * s], new int[o], new int[o]};
        PayloadWriter w = new PayloadWriter();
        new StateBlock(h, s, o, 1, st[0], st[1], st[2], st[3]).writeTo(w);
        return blobReply(MessageType.READ_STATE, seq, w.toByteArray());
    }

    private Frame blobReply(MessageType type, int seq, byte[] blob) {
        heldBlob = blob;
        int first = Math.min(blob.length, settings.maxPayload() - BlobHeader.OVERHEAD);
        return reply(type, seq, new BlobHeader(blob.length, FrameEncoder.crc32c(blob, 0, blob.length),
                Arrays.copyOf(blob, first)).toPayload());
    }

    private Frame resultPage(int seq, ResultPage request) {
        if (heldBlob == null) {
            return error(seq, ErrorCode.RESULT_UNAVAILABLE, "no result held (run first)");
        }
        if (request.offset() > heldBlob.length) {
            return error(seq, ErrorCode.RESULT_UNAVAILABLE, "offset " + request.offset() + " is past the result's "
                    + heldBlob.length + " bytes");
        }
        int n = Math.min(heldBlob.length - request.offset(), settings.maxPayload() - ResultPage.OVERHEAD);
        return reply(MessageType.RESULT_PAGE, seq, new ResultPage(request.offset(),
                Arrays.copyOfRange(heldBlob, request.offset(), request.offset() + n)).toPayload());
    }

    private Frame reply(MessageType request, int seq, byte[] payload) {
        return new Frame(settings.protocolVersion(), request.reply().code(), seq, payload);
    }

    private Frame error(int seq, ErrorCode code, String message) {
        return new Frame(settings.protocolVersion(), MessageType.ERROR.code(), seq,
                new ErrorReply(code, message).toPayload());
    }

    private static SpikeRaster toRaster(EventBlock block) {
        List<SpikeEvent> events = new ArrayList<>(block.size());
        for (int k = 0; k < block.size(); k++) {
            events.add(new SpikeEvent(block.steps()[k], block.neurons()[k], block.counts()[k]));
        }
        return SpikeRaster.of(events);
    }

    private static EventBlock toBlock(SpikeRaster raster) {
        int n = raster.size();
        int[] s = new int[n];
        int[] ne = new int[n];
        int[] c = new int[n];
        for (int k = 0; k < n; k++) {
            s[k] = raster.step(k);
            ne[k] = raster.neuron(k);
            c[k] = raster.count(k);
        }
        return new EventBlock(s, ne, c);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Sends BUSY while a run goes on, records states if asked, and keeps the states after the last step. */
    private final class RunObserver implements StepObserver {
        private final int seq;
        private final int steps;
        private final boolean record;
        private final Consumer<Frame> send;
        private final long started = System.nanoTime();
        private long lastBusy = started;
        private int[] mem;
        private int[] syn;
        private int[] memOut;
        private int[] synOut;
        int[][] last;

        RunObserver(int seq, int steps, boolean record, Consumer<Frame> send) {
            this.seq = seq;
            this.steps = steps;
            this.record = record;
            this.send = send;
            if (record) {
                mem = new int[steps * chip.numHidden()];
                syn = new int[steps * chip.numHidden() * chip.numSynapses()];
                memOut = new int[steps * chip.numOutputs()];
                synOut = new int[steps * chip.numOutputs()];
            }
        }

        @Override
        public void afterStep(int step, int[] membrane, int[] synaptic, int[] outputMembrane, int[] outputSynaptic) {
            if (record) {
                System.arraycopy(membrane, 0, mem, step * membrane.length, membrane.length);
                System.arraycopy(synaptic, 0, syn, step * synaptic.length, synaptic.length);
                System.arraycopy(outputMembrane, 0, memOut, step * outputMembrane.length, outputMembrane.length);
                System.arraycopy(outputSynaptic, 0, synOut, step * outputSynaptic.length, outputSynaptic.length);
            }
            if (step == steps - 1) {
                last = new int[][]{membrane.clone(), synaptic.clone(), outputMembrane.clone(), outputSynaptic.clone()};
            }
            if (step % BUSY_CHECK_STEPS == BUSY_CHECK_STEPS - 1) {
                long now = System.nanoTime();
                if (now - lastBusy >= Busy.INTERVAL_MS * 1_000_000L / 2) {
                    lastBusy = now;
                    send.accept(new Frame(settings.protocolVersion(), MessageType.BUSY.code(), seq,
                            new Busy(step + 1, steps).toPayload()));
                }
            }
        }

        StateBlock states() {
            return new StateBlock(chip.numHidden(), chip.numSynapses(), chip.numOutputs(), steps, mem, syn, memOut,
                    synOut);
        }
    }
}
