package dev.spikeloop.runtime.bench;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.InputSpikesCsv;
import dev.spikeloop.network.io.NetworkJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the committed fixtures of {@code bench fp --model --inputs} (examples/bench-fp/): the
 * high-activity 5-150-3 network and Yin-Yang input spike files. Deterministic, so the files can be
 * regenerated and checked:
 *
 * <pre>java -cp cli/target/spikeloop.jar dev.spikeloop.runtime.bench.FpBenchFixtures examples/bench-fp</pre>
 */
public final class FpBenchFixtures {
    /** Hidden layer size of the FP paper's Yin-Yang network. */
    public static final int HIDDEN = 150;
    /**
     * Weight gains that give the activity measured with the paper's initial weights: about 1,500
     * spikes per sample, each output firing about 350 times (445 hidden + 1,072 output spikes on the
     * committed inputs).
     */
    public static final double HIDDEN_GAIN = 1.15;
    public static final double OUTPUT_GAIN = 8.0;
    public static final long NETWORK_SEED = 1;
    /** The input samples: Yin-Yang points of this seed, default latency encoding. */
    public static final long DATA_SEED = 7;
    public static final int SAMPLES = 50;
    public static final String NETWORK_FILE = "high-activity-5-150-3.json";
    public static final String INPUT_DIR = "yinyang-inputs";

    private FpBenchFixtures() {
    }

    /** The high-activity network. */
    public static FloatNetwork network() {
        return FpBenchmark.highActivityNetwork(HIDDEN, NETWORK_SEED, HIDDEN_GAIN, OUTPUT_GAIN);
    }

    /** The input samples, in file order. */
    public static List<InputSpikes> inputs() {
        return SpikeEncoder.DEFAULT.encodeAll(YinYang.generate(SAMPLES, DATA_SEED));
    }

    /** The file name of sample {@code s}. */
    public static String inputFile(int s) {
        return String.format(Locale.ROOT, "sample-%03d.csv", s);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FpBenchFixtures OUT_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir.resolve(INPUT_DIR));
        NetworkJson.write(network(), dir.resolve(NETWORK_FILE));
        List<InputSpikes> inputs = inputs();
        for (int s = 0; s < inputs.size(); s++) {
            InputSpikesCsv.write(inputs.get(s), dir.resolve(INPUT_DIR).resolve(inputFile(s)));
        }
        System.out.println("wrote " + dir.resolve(NETWORK_FILE) + " and " + inputs.size() + " input files");
    }
}
