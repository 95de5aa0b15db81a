package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.runtime.fp.MembraneLoss;
import dev.spikeloop.runtime.fp.MembraneReadout;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.ReadoutWindows;
import dev.spikeloop.runtime.sim.EventSimulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the weights (and biases) of a mean-scored membrane readout to convergence with the hidden layers
 * held fixed. With the hidden spikes fixed, each class score is linear in the readout's parameters
 * ({@link MembraneReadout#meanFeatures}), so the training loss of {@link MembraneRule} (softmax
 * cross-entropy at temperature {@code beta}) plus {@code l2/2 |W|^2} is convex in them: full-batch Adam
 * on its exact gradient reaches the optimum that mini-batch training of the whole network, with its
 * shared learning rate, does not (on FSDD the readout of a trained network stood at 90% training
 * accuracy where its own hidden features allow 97%). The hidden spikes are those of the network
 * {@code forward} makes of it (the chip's quantised equivalent in chip-aware training), so the fit is for
 * what the chip computes. Afterwards the readout's threshold, which only sizes its compiled membrane
 * range, is set again from the new membranes ({@link WeightInit#readoutThreshold}).
 *
 * <p>Immutable; one {@link #fit} per call.
 *
 * @param iterations   full-batch Adam steps ({@code >= 1})
 * @param learningRate Adam's step size ({@code > 0})
 * @param l2           weight of {@code l2/2 |W|^2} ({@code >= 0}; biases are not penalised)
 * @param beta         softmax temperature of the loss, in membrane units ({@code > 0})
 */
public record ReadoutRefit(int iterations, double learningRate, double l2, double beta) {

    public ReadoutRefit {
        if (iterations < 1) {
            throw new IllegalArgumentException("readout refit: iterations must be >= 1, got " + iterations);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("readout refit: the learning rate must be a finite number > 0, got "
                    + learningRate);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("readout refit: l2 must be a finite number >= 0, got " + l2);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("readout refit: beta must be a finite number > 0, got " + beta);
        }
    }

    /**
     * What a fit did: the network with the fitted readout, and the training loss and accuracy of the readout
     * on the fixed hidden spikes before and after.
     */
    public record Result(FloatNetwork network, double lossBefore, double lossAfter, double accuracyBefore,
                         double accuracyAfter) {
    }

    /** The class scores and features of every sample, for the hidden spikes fixed. */
    private record Features(double[][][] perSample, int[] labels, ReadoutWindows windows, int classes) {
        int outputs() {
            return perSample[0].length;
        }
    }

    /**
     * Fits the readout of {@code net} on {@code data}.
     *
     * @throws IllegalArgumentException if the network has no mean-scored membrane readout, the data is empty, or
     *                                  a label has no class
     */
    public Result fit(FloatNetwork net, ForwardModel forward, LabelledSpikes data, WorkerPool pool) {
        MembraneReadout.of(net);   // names a spiking output layer
        if (ReadoutScore.of(net.outputLayer()) == ReadoutScore.MAX) {
            throw new IllegalArgumentException("readout refit: the max score is not linear in the readout's weights; "
                    + "only a mean-scored readout can be refitted");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("readout refit: the data set is empty");
        }
        FloatNetwork simulated = forward.apply(net);
        MembraneReadout readout = MembraneReadout.of(simulated);
        int classes = readout.classes();
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("readout refit: sample " + i + " has label " + labels[i]
                        + " but the network answers only " + classes + " classes");
            }
        }
        int hidden = net.layerCount() - 2;
        List<double[][]> spikes = pool.map(data.size(),
                i -> new EventSimulator().simulate(simulated, data.input(i)).times()[hidden]);
        List<double[][]> features = pool.map(data.size(), i -> readout.meanFeatures(spikes.get(i), net.tEnd(),
                ReadoutWindows.span(data.input(i), net.tEnd())));
        Features f = new Features(features.toArray(new double[0][][]), labels, readout.windows(), classes);

        LayerSpec out = net.outputLayer();
        boolean bias = out.detail().bias() != null;
        int fanIn = net.fanIn(net.layerCount() - 1);
        double[] theta = new double[f.outputs() * (fanIn + 1)];
        for (int o = 0; o < f.outputs(); o++) {
            System.arraycopy(out.weights()[o], 0, theta, o * (fanIn + 1), fanIn);
            theta[o * (fanIn + 1) + fanIn] = bias ? out.biasOf(o) : 0.0;
        }
        double[] grad = new double[theta.length];
        double[] before = lossAndGradient(f, theta, fanIn, bias, grad, pool);
        Adam adam = new Adam(theta.length);
        for (int t = 0; t < iterations; t++) {
            lossAndGradient(f, theta, fanIn, bias, grad, pool);
            adam.step(theta, grad, learningRate);
        }
        double[] after = lossAndGradient(f, theta, fanIn, bias, grad, pool);

        double[][] w = new double[f.outputs()][fanIn];
        double[] b = bias ? new double[f.outputs()] : null;
        for (int o = 0; o < f.outputs(); o++) {
            System.arraycopy(theta, o * (fanIn + 1), w[o], 0, fanIn);
            if (bias) {
                b[o] = theta[o * (fanIn + 1) + fanIn];
            }
        }
        LayerSpec fitted = new LayerSpec(out.name(), out.size(), out.tauSyn(), out.tauMem(), out.threshold(), w, null,
                bias ? out.detail().withBias(b) : out.detail());
        FloatNetwork refit = net.withLayer(net.layerCount() - 1, fitted);
        List<double[][]> probe = new ArrayList<>(spikes.subList(0, Math.min(spikes.size(), 32)));
        double threshold = WeightInit.readoutThreshold(MembraneReadout.of(refit), probe, net.tEnd(), out.threshold());
        refit = refit.withLayer(refit.layerCount() - 1, fitted.withThreshold(threshold));
        return new Result(refit, before[0], after[0], before[1], after[1]);
    }

    /**
     * The mean loss over the samples plus the L2 term, and its gradient into {@code grad}; also the training
     * accuracy. Samples are summed in index order (per-thread partial sums in fixed blocks) so the result
     * does not depend on the thread count.
     */
    private double[] lossAndGradient(Features f, double[] theta, int fanIn, boolean bias, double[] grad,
                                     WorkerPool pool) {
        int n = f.perSample().length;
        int blocks = Math.max(1, Math.min(n, 16));
        List<double[]> partial = pool.map(blocks, blk -> {
            double[] g = new double[theta.length + 2];   // gradient, then loss and correct count
            double[] s = new double[f.classes()];
            double[] p = new double[f.classes()];
            for (int i = blk * n / blocks; i < (blk + 1) * n / blocks; i++) {
                double[][] x = f.perSample()[i];
                java.util.Arrays.fill(s, 0);
                for (int o = 0; o < x.length; o++) {
                    int base = o * (fanIn + 1);
                    double v = bias ? theta[base + fanIn] * x[o][fanIn] : 0;
                    for (int j = 0; j < fanIn; j++) {
                        v += theta[base + j] * x[o][j];
                    }
                    s[f.windows().classOf(o)] += v;
                }
                int label = f.labels()[i];
                g[theta.length] += MembraneLoss.crossEntropy(s, label, beta, p);
                g[theta.length + 1] += MembraneRule.argmax(s).predicted() == label ? 1 : 0;
                for (int o = 0; o < x.length; o++) {
                    double d = p[f.windows().classOf(o)];
                    int base = o * (fanIn + 1);
                    for (int j = 0; j < fanIn; j++) {
                        g[base + j] += d * x[o][j];
                    }
                    if (bias) {
                        g[base + fanIn] += d * x[o][fanIn];
                    }
                }
            }
            return g;
        });
        double loss = 0;
        double correct = 0;
        java.util.Arrays.fill(grad, 0);
        for (double[] g : partial) {
            for (int k = 0; k < grad.length; k++) {
                grad[k] += g[k];
            }
            loss += g[theta.length];
            correct += g[theta.length + 1];
        }
        double penalty = 0;
        for (int k = 0; k < grad.length; k++) {
            grad[k] /= n;
            boolean isBias = k % (fanIn + 1) == fanIn;
            if (!isBias) {
                grad[k] += l2 * theta[k];
                penalty += 0.5 * l2 * theta[k] * theta[k];
            }
        }
        return new double[] {loss / n + penalty, correct / n};
    }
}
