package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.board.BoardClient;
import dev.spikeloop.driver.board.BoardException;
import dev.spikeloop.driver.board.BoardInfo;
import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.driver.board.RunResult;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.ArrayList;
import java.util.List;

/**
 * The device as a board behind the driver: a serial port, {@code tcp://host:port}, or the virtual
 * board. {@link #apply} flashes the whole configuration (the driver verifies the digest), each
 * sample is a reset followed by one run, exactly as {@link EmulatorDevice} does in process.
 */
public final class BoardDevice implements Device {
    private final BoardClient client;
    private final BoardInfo info;
    private final ProgressListener flashProgress;
    private ChipConfig config;
    private int flashes;

    private BoardDevice(BoardClient client, BoardInfo info, ProgressListener flashProgress) {
        this.client = client;
        this.info = info;
        this.flashProgress = flashProgress;
    }

    /**
     * Opens the board at {@code port} (a device path or {@code tcp://host:port}) and asks it who it is.
     *
     * @throws DeviceException if the board cannot be reached or does not answer as a board
     */
    public static BoardDevice open(String port, LinkOptions options, ProgressListener flashProgress) {
        BoardClient client;
        try {
            client = BoardClient.open(port, options);
        } catch (BoardException e) {
            throw new DeviceException("cannot open board at " + port + ": " + e.getMessage(), e);
        }
        try {
            return new BoardDevice(client, client.identify(), flashProgress);
        } catch (RuntimeException e) {
            client.close();
            throw new DeviceException("board at " + port + " did not identify itself: " + e.getMessage(), e);
        }
    }

    /** What the board said about itself. */
    public BoardInfo info() {
        return info;
    }

    /** Configurations flashed so far through this device. */
    public int flashes() {
        return flashes;
    }

    @Override
    public String name() {
        return "board " + info.boardId() + " at " + info.port();
    }

    @Override
    public void apply(ChipConfig config) {
        try {
            client.flash(config, flashProgress);
        } catch (BoardException e) {
            throw new DeviceException("flashing " + name() + " failed: " + e.getMessage(), e);
        }
        this.config = config;
        flashes++;
    }

    @Override
    public ChipConfig config() {
        return config;
    }

    @Override
    public List<DeviceRun> run(List<SpikeRaster> inputs, int steps) {
        return run(inputs, steps, false);
    }

    /**
     * With {@code membranes}, each RUN asks the board to record states (protocol flag bit 0, docs/protocol.md)
     * and the output membranes of every step are taken from the returned state block; a board whose
     * IDENTIFY does not announce the states capability is refused by name.
     */
    @Override
    public List<DeviceRun> run(List<SpikeRaster> inputs, int steps, boolean membranes) {
        if (membranes && !info.statesSupported()) {
            throw new DeviceException(name() + " cannot record states, so it cannot return the output membranes a "
                    + "membrane readout is decided from");
        }
        if (config == null) {
            throw new IllegalStateException(name() + ": no configuration flashed yet");
        }
        List<DeviceRun> out = new ArrayList<>(inputs.size());
        try {
            for (SpikeRaster input : inputs) {
                client.reset();
                RunResult r = client.run(input, steps, membranes);
                out.add(new DeviceRun(r.outputs(), r.hidden(), membranes ? outputMembranes(r.states()) : null));
            }
        } catch (BoardException e) {
            throw new DeviceException(name() + " failed during a run: " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code [step][output]} from a state block. */
    private static int[][] outputMembranes(dev.spikeloop.driver.protocol.StateBlock b) {
        int[][] m = new int[b.steps()][];
        for (int s = 0; s < m.length; s++) {
            m[s] = java.util.Arrays.copyOfRange(b.outputMembrane(), s * b.outputs(), (s + 1) * b.outputs());
        }
        return m;
    }

    @Override
    public void close() {
        client.close();
    }
}
