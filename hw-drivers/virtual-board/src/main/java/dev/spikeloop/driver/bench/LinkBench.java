package dev.spikeloop.driver.bench;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.board.BoardClient;
import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.driver.board.RunResult;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.protocol.Frame;
import dev.spikeloop.driver.protocol.MessageType;
import dev.spikeloop.driver.virtual.BoardFirmware;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.SocatPty;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.emulator.bench.SyntheticInput;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Throughput (spike events per second through {@code run}) and round-trip latency of the board
 * link: a virtual board over TCP, over a pseudo-terminal, and over a pseudo-terminal paced like a
 * UART at the serial line rate, against the in-process emulator (no link) measured in the same
 * run. Events are input, output and hidden (step, neuron, count) triples.
 */
public final class LinkBench {
    private LinkBench() {
    }

    /**
     * @param steps         steps per timed run on the unpaced links and the baseline
     * @param pacedSteps    steps per timed run on the paced serial link (it is slow by design)
     * @param repeats       timed runs per unpaced link; the fastest counts
     * @param latencyRounds IDENTIFY round trips per link for the latency figure
     * @param inputRateHz   Poisson input rate per channel
     * @param baud          serial line rate of the paced link (8N1)
     * @param seed          network and input seed
     */
    public record Settings(int steps, int pacedSteps, int repeats, int latencyRounds, double inputRateHz, int baud,
                           long seed) {
        public static Settings defaults() {
            return new Settings(3000, 1000, 5, 300, 200, LinkOptions.DEFAULT_BAUD, 1);
        }
    }

    /**
     * One link's figures.
     *
     * @param link               what was measured
     * @param steps              steps of the timed run
     * @param events             input + output + hidden events moved by it
     * @param seconds            wall time of the run call
     * @param bytesToHost        wire bytes the host received during it
     * @param lineBytesPerSecond capacity of the line in the board-to-host direction, 0 when unlimited
     * @param latencyMicros      median IDENTIFY round trip
     */
    public record LinkResult(String link, int steps, long events, double seconds, long bytesToHost,
                             double lineBytesPerSecond, double latencyMicros) {
        public double eventsPerSecond() {
            return events / seconds;
        }

        public double bytesPerSecond() {
            return bytesToHost / seconds;
        }

        /** Fraction of the line rate used for the results, or NaN for a link without one. */
        public double lineFraction() {
            return lineBytesPerSecond > 0 ? bytesPerSecond() / lineBytesPerSecond : Double.NaN;
        }
    }

    /**
     * @param network              the network run
     * @param baselineEventsPerSec events per second of the in-process emulator over the same run
     * @param baselineLatencyMicros median IDENTIFY handled in-process by the board firmware (no link)
     * @param links                the links measured
     * @param ptySkipped           why the pty links are missing, or null
     */
    public record Result(SyntheticNetwork network, double baselineEventsPerSec, double baselineLatencyMicros,
                         List<LinkResult> links, String ptySkipped) {
    }

    public static Result run(Settings s, Consumer<String> progress) throws IOException {
        SyntheticNetwork net = SyntheticNetwork.fullSize(s.seed());
        ChipConfig config = net.build();
        SpikeRaster input = SyntheticInput.poisson(net.inputs(), s.steps(), s.inputRateHz(), 1e-3, s.seed() + 1);
        SpikeRaster pacedInput = input.window(0, s.pacedSteps());

        progress.accept("baseline: in-process emulator, " + s.steps() + " steps");
        EmulationResult reference = null;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < s.repeats(); r++) {
            XyloEmulator emulator = new XyloEmulator(config);
            long t0 = System.nanoTime();
            reference = emulator.run(input, s.steps(), false);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        long events = input.size() + reference.outputs().size() + reference.hidden().size();
        double baselineRate = events / best;
        double baselineLatency = firmwareLatency(s.latencyRounds());
        EmulationResult pacedReference = new XyloEmulator(config).run(pacedInput, s.pacedSteps(), false);

        List<LinkResult> links = new ArrayList<>();
        LinkOptions options = LinkOptions.defaults().withBaud(s.baud()).withTimeout(java.time.Duration.ofSeconds(5));
        try (VirtualBoard board = VirtualBoard.startTcp(0)) {
            progress.accept("tcp: " + board.address());
            links.add(measure("TCP (loopback)", board.address(), options, config, input, s.steps(), reference,
                    s.repeats(), 0, s.latencyRounds()));
        }
        String skipped = null;
        if (!SocatPty.available()) {
            skipped = "socat not installed";
        } else {
            Path dir = Files.createTempDirectory("spikeloop-linkbench");
            try {
                try (SocatPty pty = SocatPty.start(dir.resolve("host"), dir.resolve("board"));
                     VirtualBoard board = VirtualBoard.startSerial(pty.boardDevice(), options, BoardSettings.defaults())) {
                    progress.accept("pty: host " + pty.hostDevice() + ", board " + board.address());
                    links.add(measure("pty (unpaced)", pty.hostDevice(), options, config, input, s.steps(), reference,
                            s.repeats(), 0, s.latencyRounds()));
                }
                double line = options.lineBytesPerSecond();
                try (SocatPty pty = SocatPty.start(dir.resolve("host2"), dir.resolve("board2"));
                     VirtualBoard board = VirtualBoard.startSerial(pty.boardDevice(), options,
                             BoardSettings.defaults().withTxPace(line))) {
                    progress.accept("pty paced at " + options.describeSerial() + ": host " + pty.hostDevice() + ", board "
                            + board.address());
                    links.add(measure("pty paced " + options.describeSerial(), pty.hostDevice(), options, config,
                            pacedInput, s.pacedSteps(), pacedReference, 1, line, Math.min(50, s.latencyRounds())));
                }
            } finally {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.deleteIfExists(dir);
            }
        }
        return new Result(net, baselineRate, baselineLatency, List.copyOf(links), skipped);
    }

    private static LinkResult measure(String name, String port, LinkOptions options, ChipConfig config,
                                      SpikeRaster input, int steps, EmulationResult reference, int repeats,
                                      double line, int latencyRounds) {
        try (BoardClient client = BoardClient.open(port, options)) {
            client.flash(config, ProgressListener.NONE);
            double best = Double.MAX_VALUE;
            long bytes = 0;
            for (int r = 0; r < repeats; r++) {
                client.reset();
                LinkStats.Snapshot before = client.stats();
                long t0 = System.nanoTime();
                RunResult result = client.run(input, steps);
                double sec = (System.nanoTime() - t0) / 1e9;
                LinkStats.Snapshot after = client.stats();
                if (!result.hidden().equals(reference.hidden()) || !result.outputs().equals(reference.outputs())) {
                    throw new IllegalStateException(name + ": board result differs from the emulator's");
                }
                if (sec < best) {
                    best = sec;
                    bytes = after.bytesReceived() - before.bytesReceived();
                }
            }
            long events = input.size() + reference.outputs().size() + reference.hidden().size();
            long[] rtt = new long[latencyRounds];
            for (int i = 0; i < latencyRounds; i++) {
                long t0 = System.nanoTime();
                client.identify();
                rtt[i] = System.nanoTime() - t0;
            }
            return new LinkResult(name, steps, events, best, bytes, line, median(rtt) / 1e3);
        }
    }

    /** IDENTIFY handled by the firmware directly: the protocol's cost without any link. */
    private static double firmwareLatency(int rounds) {
        BoardFirmware fw = new BoardFirmware(BoardSettings.defaults(), new LinkStats());
        long[] t = new long[rounds];
        Frame[] sink = new Frame[1];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            fw.handle(Frame.of(MessageType.IDENTIFY, i & 0xFFFF, new byte[0]), f -> sink[0] = f);
            t[i] = System.nanoTime() - t0;
        }
        return median(t) / 1e3;
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? Double.NaN : c[c.length / 2];
    }
}
