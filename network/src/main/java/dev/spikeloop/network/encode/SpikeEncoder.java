package dev.spikeloop.network.encode;

import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a feature vector into input spikes: latency coding with a reference spike.
 *
 * <p>Feature {@code c} (a value in [0, 1]) becomes one spike on input channel {@code c} at
 * {@code tEarly + value * (tLate - tEarly)}: low values fire early, high values late. One more
 * channel, the bias channel with index {@code featureCount}, gets one spike at {@code biasTime} for
 * every sample; it gives the neurons a fixed reference in time. A Yin-Yang sample (4 features)
 * therefore uses 5 input channels, the bias on channel 4.
 *
 * <p>Training, evaluation, the compiler's emulator evaluation and on-chip fine-tuning all encode
 * with this class so the network always sees the same code; {@link #toSteps} puts the same spikes
 * on the chip's time grid. The defaults ({@link #DEFAULT}) spread the features over 20 ms, so at a
 * 1 ms chip step a feature keeps 21 distinguishable levels.
 */
public record SpikeEncoder(double tEarly, double tLate, double biasTime) {

    /** t_early = 0 ms, t_late = 20 ms, bias at 10 ms. */
    public static final SpikeEncoder DEFAULT = new SpikeEncoder(0.0, 0.020, 0.010);

    public SpikeEncoder {
        if (!Double.isFinite(tEarly) || !Double.isFinite(tLate) || !Double.isFinite(biasTime)) {
            throw new IllegalArgumentException("spike encoder: times must be finite");
        }
        if (tEarly < 0 || biasTime < 0) {
            throw new IllegalArgumentException("spike encoder: t_early (" + tEarly + " s) and bias time ("
                    + biasTime + " s) must be >= 0");
        }
        if (!(tLate > tEarly)) {
            throw new IllegalArgumentException("spike encoder: t_late (" + tLate + " s) must be later than t_early ("
                    + tEarly + " s)");
        }
    }

    /** Number of input channels for {@code featureCount} features (one per feature plus the bias). */
    public int channels(int featureCount) {
        return featureCount + 1;
    }

    /** Index of the bias channel for {@code featureCount} features. */
    public int biasChannel(int featureCount) {
        return featureCount;
    }

    /** The spike time of one feature value in [0, 1]. */
    public double time(double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("spike encoder: feature value " + value + " is outside [0, 1]");
        }
        return tEarly + value * (tLate - tEarly);
    }

    /** The latest spike time this encoder produces. */
    public double lastSpikeTime() {
        return Math.max(tLate, biasTime);
    }

    /** The input spikes of one feature vector (values in [0, 1]). */
    public InputSpikes encode(double[] features) {
        double[][] times = new double[features.length + 1][];
        for (int c = 0; c < features.length; c++) {
            try {
                times[c] = new double[] {time(features[c])};
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (feature " + c + ")", e);
            }
        }
        times[features.length] = new double[] {biasTime};
        return new InputSpikes(times);
    }

    /** The input spikes of every sample of {@code data}; errors name the sample. */
    public List<InputSpikes> encodeAll(LabelledDataset data) {
        List<InputSpikes> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            try {
                out.add(encode(data.features(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sample " + i + ": " + e.getMessage()
                        + "; features must be scaled to [0, 1]", e);
            }
        }
        return out;
    }

    /**
     * Puts spikes on a time grid of step {@code dt} seconds: a spike at time {@code t} goes to step
     * {@code round(t / dt)} (halves round up). The result is sorted by step, then channel; a channel
     * with several spikes in one step appears that many times. The mapping depends only on
     * {@code dt}, so it is the same for every encoder.
     */
    public List<StepEvent> toSteps(InputSpikes spikes, double dt) {
        requireDt(dt);
        List<StepEvent> events = new ArrayList<>(spikes.count());
        for (int c = 0; c < spikes.channels(); c++) {
            for (double t : spikes.times(c)) {
                events.add(new StepEvent(step(t, dt), c));
            }
        }
        Collections.sort(events);
        return events;
    }

    /**
     * The float spikes that the grid events stand for: an event in step {@code k} becomes a spike at
     * {@code k * dt}. {@code quantize(s, dt) = fromSteps(toSteps(s, dt), ...)}: use it to see what a
     * float model makes of chip-resolution input.
     */
    public InputSpikes fromSteps(List<StepEvent> events, int channels, double dt) {
        requireDt(dt);
        List<double[]> pairs = new ArrayList<>(events.size());
        for (StepEvent e : events) {
            pairs.add(new double[] {e.step() * dt, e.channel()});
        }
        return InputSpikes.of(channels, pairs);
    }

    /** The spikes moved to the nearest multiple of {@code dt} (as the chip sees them). */
    public InputSpikes quantize(InputSpikes spikes, double dt) {
        return fromSteps(toSteps(spikes, dt), spikes.channels(), dt);
    }

    private static int step(double t, double dt) {
        double s = Math.floor(t / dt + 0.5);
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("spike time " + t + " s is too late for a step of " + dt + " s");
        }
        return (int) s;
    }

    private static void requireDt(double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("time step dt must be a finite number > 0, got " + dt);
        }
    }
}
