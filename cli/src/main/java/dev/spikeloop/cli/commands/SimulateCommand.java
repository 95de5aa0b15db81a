package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.io.InputSpikesCsv;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecordCsv;
import dev.spikeloop.runtime.sim.SpikeRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spikeloop simulate --model NET.json --input IN.csv --out SPIKES.csv}: exact float simulation. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Exact event-driven simulation of a float network (no time step).",
                "Writes every spike as CSV 'layer,neuron,time' (layer 0 = first layer after the inputs)."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NET.json", description = "Float network (spikeloop-network/1).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "Input spikes, CSV 'time,channel'.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "SPIKES.csv", description = "Output spikes, CSV 'layer,neuron,time'.")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        try (OutputSet outputs = new OutputSet()) {
            Path file = outputs.file("--out", out);
            simulate(file);
            outputs.commit();
        }
        return 0;
    }

    /** Input spikes after the network's {@code tEnd} cannot act: say how many there were (also for grad). */
    static void printIgnored(InputSpikes in, FloatNetwork net) {
        int late = in.countAfter(net.tEnd());
        if (late > 0) {
            System.out.println("note: " + late + " input spike(s) after the network's tEnd = " + net.tEnd()
                    + " s are ignored");
        }
    }

    private void simulate(Path file) {
        FloatNetwork net = NetworkJson.read(model);
        InputSpikes in = InputSpikesCsv.read(input, net.inputs());
        SpikeRecord spikes = new EventSimulator().simulate(net, in);
        printIgnored(in, net);
        SpikeRecordCsv.write(spikes, file);
        StringBuilder perLayer = new StringBuilder();
        for (int p = 0; p < spikes.layers(); p++) {
            perLayer.append(p == 0 ? "" : ", ").append(net.layer(p).name()).append(' ').append(spikes.count(p));
        }
        System.out.println("wrote " + out + ": " + spikes.count() + " spikes (" + perLayer + ") up to tEnd="
                + net.tEnd() + " s");
    }
}
