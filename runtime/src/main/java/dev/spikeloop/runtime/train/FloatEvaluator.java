package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.List;

/**
 * Classifies a labelled data set with a float network: each sample is encoded with the project's
 * {@link SpikeEncoder}, simulated exactly ({@link EventSimulator}) and decided by
 * {@link FirstSpikeReadout}. Also reports the mean plain {@code ttfs} loss (scale {@code tau0}).
 */
public final class FloatEvaluator implements Evaluator {

    /** An evaluation and the mean ttfs loss over the samples. */
    public record Result(Evaluation evaluation, double meanLoss) {
    }

    private final FloatNetwork net;
    private final SpikeEncoder encoder;
    private final DecisionRule rule;
    private final WorkerPool pool;

    /** Evaluates {@code net} with {@code encoder}; {@code pool} runs the samples (not closed here). */
    public FloatEvaluator(FloatNetwork net, SpikeEncoder encoder, double tau0, WorkerPool pool) {
        this(net, encoder, new FirstSpikeRule(tau0, 0, 1), pool);
    }

    /** Evaluates {@code net} by {@code rule} (decision and reported loss). */
    public FloatEvaluator(FloatNetwork net, SpikeEncoder encoder, DecisionRule rule, WorkerPool pool) {
        this.net = net;
        this.encoder = encoder;
        this.rule = rule;
        this.pool = pool;
    }

    /** The decision of every sample, e.g. for per-speaker accuracy ({@link GroupAccuracy}). */
    public FirstSpikeReadout.Decision[] decisions(LabelledSpikes data) {
        List<InputSpikes> inputs = data.inputs();
        inputs.forEach(s -> s.requireChannels(net.inputs()));
        return pool.map(inputs.size(), i -> {
            SpikeRecord r = new EventSimulator().simulate(net, inputs.get(i));
            return rule.decide(net, r, inputs.get(i));
        }).toArray(new FirstSpikeReadout.Decision[0]);
    }

    @Override
    public Evaluation evaluate(LabelledDataset data) {
        return evaluateWithLoss(data).evaluation();
    }

    /** Classifies every sample and averages the loss. */
    public Result evaluateWithLoss(LabelledDataset data) {
        return evaluateEncoded(encoder.encodeAll(data), data.labels());
    }

    /**
     * Classifies samples that are already spike trains (the encoder is not used) and averages the
     * loss; the decision is the first output spike, as for every other data.
     */
    public Result evaluateWithLoss(LabelledSpikes data) {
        return evaluateEncoded(data.inputs(), data.labels());
    }

    /** Classifies samples that are already spike trains. */
    public Evaluation evaluate(LabelledSpikes data) {
        return evaluateWithLoss(data).evaluation();
    }

    /** The same for samples that are already encoded. */
    public Result evaluateEncoded(List<InputSpikes> inputs, int[] labels) {
        int classes = rule.classes(net.outputLayer().size());
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("sample " + i + " has label " + labels[i] + " but the network has only "
                        + classes + " classes");
            }
        }
        inputs.forEach(s -> s.requireChannels(net.inputs()));
        List<double[]> perSample = pool.map(inputs.size(), i -> {
            SpikeRecord r = new EventSimulator().simulate(net, inputs.get(i));
            FirstSpikeReadout.Decision d = rule.decide(net, r, inputs.get(i));
            double loss = rule.reportLoss(net, labels[i], inputs.get(i)).evaluate(r, net.tEnd()).value();
            return new double[] {d.predicted(), d.tie() ? 1 : 0, loss};
        });
        ConfusionMatrix cm = new ConfusionMatrix(classes);
        double loss = 0;
        for (int i = 0; i < perSample.size(); i++) {
            double[] s = perSample.get(i);
            cm.add(labels[i], (int) s[0], s[1] != 0);
            loss += s[2];
        }
        return new Result(cm.result(), perSample.isEmpty() ? Double.NaN : loss / perSample.size());
    }

    /** The decision for one sample's features (for plots of the decision plane). */
    public FirstSpikeReadout.Decision decide(double[] features) {
        InputSpikes in = encoder.encode(features);
        return rule.decide(net, new EventSimulator().simulate(net, in), in);
    }
}
