package dev.spikeloop.driver.board;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;
import dev.spikeloop.driver.link.Link;
import dev.spikeloop.driver.link.LinkOpener;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.link.Links;
import dev.spikeloop.driver.link.PortAddress;
import dev.spikeloop.driver.protocol.BlobHeader;
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
import dev.spikeloop.driver.protocol.Protocol;
import dev.spikeloop.driver.protocol.ResultPage;
import dev.spikeloop.driver.protocol.RunRequest;
import dev.spikeloop.driver.protocol.RunResultImage;
import dev.spikeloop.driver.protocol.StateBlock;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The host side of a board: identify it, flash a {@link ChipConfig}, reset, and run input spikes
 * to get output and hidden spikes back. Reached through a serial port or {@code tcp://host:port}.
 *
 * <p>Every call either returns the board's answer or throws a {@link BoardException} with a clear
 * message within {@code (retries + 1) * (timeout + reconnectTimeout)} of {@link LinkOptions}; a
 * board that goes on answering BUSY for a long run keeps the call alive. Corrupted frames are
 * never accepted (CRC-32C) and are retried; retries never execute a request twice on the board.
 * Methods are synchronized: one request is on the wire at a time.
 *
 * <pre>{@code
 * try (BoardClient board = BoardClient.open("/dev/ttyACM0", LinkOptions.defaults())) {
 *     board.flash(config, ProgressListener.NONE);
 *     board.reset();
 *     RunResult r = board.run(input, 1000);
 * }
 * }</pre>
 */
public final class BoardClient implements AutoCloseable {
    /** Largest result blob accepted (256 MiB): a bound on memory whatever the board announces. */
    private static final int MAX_BLOB = 1 << 28;
    private final String port;
    private final LinkStats stats = new LinkStats();
    private final RequestChannel channel;
    private BoardInfo info;

    private BoardClient(String port, LinkOpener opener, Link first, LinkOptions options) {
        this.port = port;
        this.channel = new RequestChannel(port, first, opener, options, stats);
    }

    /**
     * Opens the port (a serial device path or {@code tcp://host:port}) and identifies the board.
     *
     * @throws IllegalArgumentException   if {@code port} is not a valid address
     * @throws BoardException             if the port cannot be opened or the board does not answer
     * @throws ProtocolVersionException   if the board speaks another protocol version
     */
    public static BoardClient open(String port, LinkOptions options) {
        PortAddress address = PortAddress.parse(port);
        Link first;
        try {
            first = Links.open(address, options);
        } catch (IOException e) {
            throw new BoardException(e.getMessage(), e);
        }
        return connect(address.toString(), first, () -> Links.open(address, options), options);
    }

    /**
     * Uses an already open link (e.g. a decorated one in a benchmark); {@code reopen} reopens it
     * after it broke.
     */
    public static BoardClient connect(String name, Link link, LinkOpener reopen, LinkOptions options) {
        BoardClient client = new BoardClient(name, reopen, link, options);
        try {
            client.info = client.identify();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Asks the board who it is; fails if it speaks another protocol version. */
    public synchronized BoardInfo identify() {
        Frame reply = call(MessageType.IDENTIFY, new byte[0]);
        IdentifyReply r = parse(reply, MessageType.IDENTIFY_REPLY, IdentifyReply::parse);
        if (r.protocolVersion() != Protocol.VERSION) {
            throw new ProtocolVersionException("board on " + port + " reports Spikeloop protocol v" + r.protocolVersion()
                    + " but this host speaks v" + Protocol.VERSION + "; update the host software or the board "
                    + "firmware so that they match");
        }
        if (r.maxPayload() < 64 || r.maxStepsPerRun() < 1) {
            throw new BoardException("board on " + port + " reports unusable limits: max payload " + r.maxPayload()
                    + " bytes, " + r.maxStepsPerRun() + " steps per run");
        }
        BoardInfo b = new BoardInfo(port, r.protocolVersion(), r.boardId(), r.chipProfile(), r.firmwareVersion(),
                Math.min(r.maxPayload(), Protocol.MAX_PAYLOAD), r.maxStepsPerRun(),
                (r.capabilities() & IdentifyReply.CAP_STATES) != 0);
        info = b;
        return b;
    }

    /** What the board said when it was opened. */
    public synchronized BoardInfo info() {
        return info;
    }

    /**
     * Writes a configuration to the board and verifies it: the board commits it only when every
     * chunk arrived and the SHA-256 matches, and the host then reads the digest back.
     *
     * @throws dev.spikeloop.chipconfig.validate.InvalidConfigException if the configuration is invalid
     * @throws BoardException if the chip profile differs from the board's or the board rejects it
     * @throws FlashVerificationException if the digest read back is not the digest of what was sent
     */
    public synchronized void flash(ChipConfig config, ProgressListener progress) {
        ConfigValidator.validate(config, "configuration to flash");
        String profile = ChipProfile.effectiveName(config.getProfile());
        if (!profile.equals(info.chipProfile())) {
            throw new BoardException("configuration is for chip profile '" + profile + "' but the board on "
                    + port + " has a '" + info.chipProfile() + "' chip; compile or import it with --chip "
                    + info.chipProfile());
        }
        byte[] image = config.toByteArray();
        byte[] sha = sha256(image);
        expect(call(MessageType.CONFIG_BEGIN, new ConfigBegin(image.length, sha).toPayload()),
                MessageType.CONFIG_BEGIN_REPLY);
        int chunk = info.maxPayload() - ConfigChunk.OVERHEAD;
        progress.progress(0, image.length);
        for (int off = 0; off < image.length; off += chunk) {
            byte[] data = Arrays.copyOfRange(image, off, Math.min(image.length, off + chunk));
            expect(call(MessageType.CONFIG_CHUNK, new ConfigChunk(off, data).toPayload()), MessageType.CONFIG_CHUNK_REPLY);
            progress.progress(off + data.length, image.length);
        }
        DigestReply committed = parse(call(MessageType.CONFIG_COMMIT, new byte[0]), MessageType.CONFIG_COMMIT_REPLY,
                DigestReply::parse);
        ConfigStatus status = configStatus();
        if (committed.state() != DigestReply.COMMITTED || status.state() != ConfigStatus.State.COMMITTED
                || !Arrays.equals(status.digest(), sha) || status.length() != image.length) {
            throw new FlashVerificationException("flash verification failed on " + port + ": sent " + image.length
                    + " bytes with sha256 " + HexFormat.of().formatHex(sha) + " but the board holds " + status);
        }
    }

    /** The board's configuration state and digest. */
    public synchronized ConfigStatus configStatus() {
        DigestReply d = parse(call(MessageType.READ_DIGEST, new byte[0]), MessageType.READ_DIGEST_REPLY,
                DigestReply::parse);
        ConfigStatus.State state = switch (d.state()) {
            case DigestReply.COMMITTED -> ConfigStatus.State.COMMITTED;
            case DigestReply.RECEIVING -> ConfigStatus.State.RECEIVING;
            case DigestReply.NONE -> ConfigStatus.State.NONE;
            default -> throw new BoardException("board on " + port + " reports unknown configuration state " + d.state());
        };
        return new ConfigStatus(state, d.length(), d.digest());
    }

    /**
     * SHA-256 of the committed configuration's canonical binary encoding.
     *
     * @throws BoardException if the board has no committed configuration
     */
    public synchronized byte[] digest() {
        ConfigStatus s = configStatus();
        if (s.state() != ConfigStatus.State.COMMITTED) {
            throw new BoardException("board on " + port + " has no committed configuration (state: " + s
                    + "); flash one first");
        }
        return s.digest();
    }

    /** SHA-256 of a configuration as it would be flashed (its canonical binary protobuf encoding). */
    public static byte[] digestOf(ChipConfig config) {
        return sha256(config.toByteArray());
    }

    /** Sets every neuron state and spike buffer of the chip to 0. */
    public synchronized void reset() {
        expect(call(MessageType.RESET, new byte[0]), MessageType.RESET_REPLY);
    }

    /** Runs {@code steps} steps from the current state; see {@link #run(SpikeRaster, int, boolean)}. */
    public RunResult run(SpikeRaster input, int steps) {
        return run(input, steps, false);
    }

    /**
     * Runs {@code steps} steps from the chip's current state, feeding {@code input} (step,
     * channel, count; counts above the chip's input limit are clipped by the chip anyway), and
     * returns every output and hidden spike. Long runs are split into several requests.
     *
     * @param recordStates also return every neuron state of every step (debug; large)
     * @throws IllegalArgumentException if an input event lies at or after {@code steps} or names a
     *                                  channel the chip profile does not have
     */
    public synchronized RunResult run(SpikeRaster input, int steps, boolean recordStates) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (recordStates && !info.statesSupported()) {
            throw new BoardException("board on " + port + " cannot record states");
        }
        ChipProfile profile = ChipProfile.byName(info.chipProfile()).orElse(ChipProfile.XYLO_AUDIO2);
        for (int k = 0; k < input.size(); k++) {
            if (input.step(k) >= steps) {
                throw new IllegalArgumentException("input event at step " + input.step(k) + " (channel "
                        + input.neuron(k) + ") lies beyond the " + steps + " steps to run");
            }
            if (input.neuron(k) >= profile.maxInputs()) {
                throw new IllegalArgumentException("input event at step " + input.step(k) + " names channel "
                        + input.neuron(k) + " but the chip has channels 0.." + (profile.maxInputs() - 1));
            }
        }
        EventCollector outputs = new EventCollector();
        EventCollector hidden = new EventCollector();
        List<StateBlock> states = new ArrayList<>();
        int flags = recordStates ? RunRequest.FLAG_RECORD_STATES : 0;
        for (RunPlanner.Batch batch : RunPlanner.plan(input, steps, info.maxStepsPerRun(), info.maxPayload(),
                profile.maxInputCount())) {
            RunRequest request = new RunRequest(batch.steps(), flags, batch.input());
            Frame reply = call(MessageType.RUN, request.toPayload());
            byte[] blob = fetchBlob(reply, MessageType.RUN_REPLY);
            RunResultImage image = parseBlob(blob, RunResultImage::decode, "RUN result");
            if (image.steps() != batch.steps()) {
                throw new BoardException("board on " + port + " ran " + image.steps() + " steps, " + batch.steps()
                        + " were asked for");
            }
            outputs.add(image.outputs(), batch.start());
            hidden.add(image.hidden(), batch.start());
            if (recordStates) {
                if (image.states() == null) {
                    throw new BoardException("board on " + port + " returned no states although they were asked for");
                }
                states.add(image.states());
            }
        }
        return new RunResult(steps, outputs.raster(), hidden.raster(), recordStates ? concat(states) : null);
    }

    /** The neuron states after the last step run (debug read-out; one step in the block). */
    public synchronized StateBlock readState() {
        if (!info.statesSupported()) {
            throw new BoardException("board on " + port + " cannot read states");
        }
        byte[] blob = fetchBlob(call(MessageType.READ_STATE, new byte[0]), MessageType.READ_STATE_REPLY);
        return parseBlob(blob, bytes -> {
            PayloadReader r = new PayloadReader(bytes);
            StateBlock b = StateBlock.readFrom(r);
            r.end("state block");
            return b;
        }, "READ_STATE result");
    }

    /** Link counters: frames, bytes, rejected frames, retries, reconnects. */
    public LinkStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** The port this client talks to. */
    public String port() {
        return port;
    }

    @Override
    public synchronized void close() {
        channel.close();
    }

    // --- helpers -------------------------------------------------------------------------------

    private Frame call(MessageType type, byte[] payload) {
        return channel.request(type, payload, RequestChannel.BusyListener.NONE);
    }

    private byte[] fetchBlob(Frame reply, MessageType expected) {
        BlobHeader header = parse(reply, expected, BlobHeader::parse);
        if (header.length() > MAX_BLOB) {
            throw new BoardException("board on " + port + " announces a result of " + header.length()
                    + " bytes, more than this host accepts (" + MAX_BLOB + "); run fewer steps per call");
        }
        byte[] blob = new byte[header.length()];
        byte[] first = header.firstPage();
        System.arraycopy(first, 0, blob, 0, first.length);
        int offset = first.length;
        while (offset < blob.length) {
            ResultPage page = parse(call(MessageType.RESULT_PAGE, new ResultPage(offset, new byte[0]).toPayload()),
                    MessageType.RESULT_PAGE_REPLY, ResultPage::parse);
            if (page.offset() != offset || page.data().length == 0 || page.data().length > blob.length - offset) {
                throw new BoardException("board on " + port + " sent result page at offset " + page.offset() + " with "
                        + page.data().length + " bytes; expected offset " + offset + " of " + blob.length);
            }
            System.arraycopy(page.data(), 0, blob, offset, page.data().length);
            offset += page.data().length;
        }
        int crc = FrameEncoder.crc32c(blob, 0, blob.length);
        if (crc != header.crc()) {
            throw new BoardException("result from board on " + port + " fails its end-to-end CRC-32C check ("
                    + Integer.toHexString(crc) + " != " + Integer.toHexString(header.crc()) + ")");
        }
        return blob;
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] bytes) throws MalformedPayloadException;
    }

    private <T> T parseBlob(byte[] blob, Parser<T> parser, String what) {
        try {
            return parser.parse(blob);
        } catch (MalformedPayloadException e) {
            throw new BoardException("board on " + port + " sent a malformed " + what + ": " + e.getMessage());
        }
    }

    private <T> T parse(Frame reply, MessageType expected, Parser<T> parser) {
        expect(reply, expected);
        try {
            return parser.parse(reply.payload());
        } catch (MalformedPayloadException e) {
            throw new BoardException("board on " + port + " sent a malformed " + expected + ": " + e.getMessage());
        }
    }

    private void expect(Frame reply, MessageType expected) {
        if (reply.type() == MessageType.ERROR.code()) {
            ErrorReply error;
            try {
                error = ErrorReply.parse(reply.payload());
            } catch (MalformedPayloadException e) {
                throw new BoardException("board on " + port + " sent a malformed ERROR: " + e.getMessage());
            }
            String request = MessageType.byCode(expected.code() & 0x7F).map(Enum::name).orElse("request");
            if (error.code() == ErrorCode.UNSUPPORTED_VERSION.code()) {
                throw new ProtocolVersionException("board on " + port + " refused protocol v" + Protocol.VERSION + ": "
                        + error.message());
            }
            throw new BoardErrorException(error.code(), "board on " + port + " rejected " + request + ": "
                    + error.describe());
        }
        if (reply.type() != expected.code()) {
            throw new BoardException("board on " + port + " answered with " + reply + " instead of " + expected);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static StateBlock concat(List<StateBlock> blocks) {
        StateBlock first = blocks.get(0);
        int steps = blocks.stream().mapToInt(StateBlock::steps).sum();
        int h = first.hidden();
        int s = first.synapses();
        int o = first.outputs();
        int[] mem = new int[steps * h];
        int[] syn = new int[steps * h * s];
        int[] memOut = new int[steps * o];
        int[] synOut = new int[steps * o];
        int t = 0;
        for (StateBlock b : blocks) {
            System.arraycopy(b.membrane(), 0, mem, t * h, b.membrane().length);
            System.arraycopy(b.synaptic(), 0, syn, t * h * s, b.synaptic().length);
            System.arraycopy(b.outputMembrane(), 0, memOut, t * o, b.outputMembrane().length);
            System.arraycopy(b.outputSynaptic(), 0, synOut, t * o, b.outputSynaptic().length);
            t += b.steps();
        }
        return new StateBlock(h, s, o, steps, mem, syn, memOut, synOut);
    }

    /** Gathers events of several requests, shifted to run-relative steps. */
    private static final class EventCollector {
        private final List<SpikeEvent> events = new ArrayList<>();

        void add(EventBlock block, int offset) {
            for (int k = 0; k < block.size(); k++) {
                events.add(new SpikeEvent(block.steps()[k] + offset, block.neurons()[k], block.counts()[k]));
            }
        }

        SpikeRaster raster() {
            return SpikeRaster.of(events);
        }
    }
}
