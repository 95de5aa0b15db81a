package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a device's spike steps into float spike times, the convention of docs/finetune.md.
 *
 * <p>Inputs reach the chip at the nearest step ({@link dev.spikeloop.network.encode.SpikeEncoder#toSteps});
 * the chip state after step {@code s} stands for the float state at {@code (s + 1) dt}, so a spike
 * reported in step {@code s} crossed threshold somewhere in {@code (s dt, (s + 1) dt]}; layer {@code l}
 * lags the float network by {@code d = 3l/4} steps ({@link ChipLayout#delay}, which explains why), so its
 * times are moved back by {@code d dt}. A neuron that
 * fires {@code c} times in one step gets {@code c} times spread evenly inside that step:
 *
 * <pre>    t_k = (s - d + (k + 1) / (c + 1)) * dt,   k = 0 .. c-1</pre>
 *
 * so a single spike sits in the middle of its step. Times outside {@code [0, tEnd)} have no place
 * in the float model (which ends at {@code tEnd}) and are left out and counted.
 */
public final class DeviceSpikeTimes {
    private DeviceSpikeTimes() {
    }

    /**
     * The spike times of one run.
     *
     * @param times        {@code times[layer][neuron]}, ascending
     * @param outsideWindow spikes left out because their time falls outside {@code [0, tEnd)}
     */
    public record Times(double[][][] times, int outsideWindow) {
        /** The times as a spike record (for the FP engine, the losses and first-spike queries). */
        public SpikeRecord record() {
            return SpikeRecord.fromTimes(times);
        }
    }

    /** The float spike times of {@code run} for the network laid out as {@code layout}. */
    public static Times of(DeviceRun run, ChipLayout layout) {
        double[][][] times = new double[layout.layerCount()][][];
        int outside = 0;
        for (int l = 0; l < layout.layerCount(); l++) {
            SpikeRaster raster = layout.isOutput(l) ? run.outputs() : run.hidden();
            int offset = layout.offset(l);
            int size = layout.size(l);
            double delay = layout.delay(l);
            List<List<Double>> perNeuron = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                perNeuron.add(new ArrayList<>(2));
            }
            for (int e = 0; e < raster.size(); e++) {
                int i = raster.neuron(e) - offset;
                if (i < 0 || i >= size) {
                    continue;
                }
                int c = raster.count(e);
                for (int k = 0; k < c; k++) {
                    double t = time(raster.step(e), delay, k, c, layout.dt());
                    if (t >= 0 && t < layout.tEnd()) {
                        perNeuron.get(i).add(t);
                    } else {
                        outside++;
                    }
                }
            }
            times[l] = new double[size][];
            for (int i = 0; i < size; i++) {
                // Events come sorted by step, and times within a step ascend with k: already sorted.
                times[l][i] = perNeuron.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        return new Times(times, outside);
    }

    /** The float time of spike {@code k} of {@code count} in step {@code step} of a layer lagging {@code delay} steps. */
    public static double time(int step, double delay, int k, int count, double dt) {
        return (step - delay + (k + 1.0) / (count + 1.0)) * dt;
    }
}
