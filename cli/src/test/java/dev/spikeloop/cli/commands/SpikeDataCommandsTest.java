package dev.spikeloop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spike data set commands end to end on a tiny synthetic FSDD-style folder (tones named like
 * FSDD recordings): dataset fsdd / encode-audio / import / info, plot, and train / eval / compile /
 * finetune on the resulting HDF5 files.
 */
class SpikeDataCommandsTest {
    @TempDir
    static Path dir;
    static Path fsdd;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** Digit d is a tone (two harmonics) at 200 * 1.8^d Hz, so classes differ in their bands. */
    private static void wav(Path file, int digit, int take) throws Exception {
        int rate = 8000;
        int n = 2400 + 200 * take % 800;
        byte[] b = new byte[2 * n];
        double f = 200 * Math.pow(1.8, digit);
        for (int i = 0; i < n; i++) {
            double env = Math.sin(Math.PI * i / n);
            double x = 0.4 * env * (Math.sin(2 * Math.PI * f * i / rate) + 0.3 * Math.sin(4 * Math.PI * f * i / rate));
            int v = (int) Math.round(x * 32767);
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b), new AudioFormat(rate, 16, 1, true,
                false), n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @BeforeAll
    static void folder() throws Exception {
        fsdd = dir.resolve("fsdd");
        Path rec = Files.createDirectories(fsdd.resolve("recordings"));
        for (int digit = 0; digit < 3; digit++) {
            for (String speaker : new String[] {"ann", "bob"}) {
                for (int take : new int[] {3, 5, 12, 20, 31}) {
                    wav(rec.resolve(digit + "_" + speaker + "_" + take + ".wav"), digit, take);
                }
            }
        }
        Files.writeString(fsdd.resolve("README.md"), "synthetic");
        run("dataset", "fsdd", "--from", fsdd.toString(), "--split", "train", "--out", dir.resolve("train.h5").toString());
        run("dataset", "fsdd", "--from", fsdd.toString(), "--split", "val", "--val-index", "5-12",
                "--out", dir.resolve("val.h5").toString());
    }

    @Test
    void fsddEncodesThePartAskedForWithMetadataAndASummary() {
        CliRun r = run("dataset", "fsdd", "--from", fsdd.toString(), "--split", "train", "--threads", "1",
                "--out", dir.resolve("t1.h5").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("18 samples, 16 channels, 10 classes"), r.out());
        assertTrue(r.out().contains("samples per class: 0=6 1=6 2=6 3=0"), r.out());
        assertTrue(r.out().contains("samples per speaker: ann=9 bob=9"), r.out());
        assertTrue(r.out().contains("spikes per sample: min"), r.out());
        assertTrue(r.out().contains("audio duration per sample (s): min"), r.out());
        SpikeTrainDataset d = SpikeDatasetHdf5.read(dir.resolve("t1.h5"));
        assertEquals(18, d.size());
        for (SpikeSample s : d.samples()) {
            int take = Integer.parseInt(s.source().replace(".wav", "").split("_")[2]);
            assertTrue(take >= 10, "train holds no test or validation takes: " + s.source());
            assertEquals(s.source().split("_")[1], s.speaker());
            assertEquals(Integer.parseInt(s.source().substring(0, 1)), s.label());
        }
        assertEquals("train", d.attributes().get("split"));
        assertEquals("0.01", d.attributes().get("dt"));
        assertEquals(d, SpikeDatasetHdf5.read(dir.resolve("train.h5")), "one thread or two: the same file");
        assertEquals(12, SpikeDatasetHdf5.read(dir.resolve("val.h5")).size());

        CliRun test = run("dataset", "fsdd", "--from", fsdd.resolve("recordings").toString(), "--split", "test",
                "--out", dir.resolve("test.h5").toString());
        assertEquals(0, test.code(), test.err());
        assertEquals(6, SpikeDatasetHdf5.read(dir.resolve("test.h5")).size());
    }

    @Test
    void badRecordingsAreNamedAndNothingIsWritten() throws Exception {
        Path bad = dir.resolve("bad");
        Path rec = Files.createDirectories(bad.resolve("recordings"));
        wav(rec.resolve("1_ann_20.wav"), 1, 20);
        wav(rec.resolve("hello.wav"), 1, 20);
        Path out = dir.resolve("bad.h5");
        CliRun r = run("dataset", "fsdd", "--from", bad.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("hello.wav: name does not follow the FSDD pattern"), r.err());
        assertTrue(r.err().contains("--skip-bad"), r.err());
        assertFalse(Files.exists(out));

        Files.delete(rec.resolve("hello.wav"));
        Files.writeString(rec.resolve("2_bob_30.wav"), "not audio at all");
        r = run("dataset", "fsdd", "--from", bad.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("2_bob_30.wav: not an audio file"), r.err());
        assertFalse(Files.exists(out));

        r = run("dataset", "fsdd", "--from", bad.toString(), "--out", out.toString(), "--skip-bad");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("skipped") && r.out().contains("2_bob_30.wav"), r.out());
        assertEquals(1, SpikeDatasetHdf5.read(out).size());

        r = run("dataset", "fsdd", "--from", bad.toString(), "--split", "test", "--out", dir.resolve("none.h5").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no recordings of the test part"), r.err());
        r = run("dataset", "fsdd", "--from", bad.toString(), "--split", "everything", "--out", out.toString());
        assertEquals(2, r.code()); // a usage error listing the candidates
        assertTrue(r.err().contains("'--split'") && r.err().contains("[TRAIN, VAL, TEST, ALL]"), r.err());
        r = run("dataset", "--out", out.toString());
        assertEquals(1, r.code());
    }

    @Test
    void encodeAudioReadsALabelFile() throws Exception {
        Path csv = Files.writeString(dir.resolve("labels.csv"),
                "file,label\n0_ann_20.wav,low\n2_bob_31.wav,high\n1_ann_12.wav,low\n");
        Path out = dir.resolve("enc.h5");
        CliRun r = run("dataset", "encode-audio", "--from", fsdd.resolve("recordings").toString(), "--labels",
                csv.toString(), "--out", out.toString(), "--gain", "3000");
        assertEquals(0, r.code(), r.err());
        SpikeTrainDataset d = SpikeDatasetHdf5.read(out);
        assertEquals(java.util.List.of("high", "low"), d.classNames());
        assertEquals(1, d.sample(0).label());
        assertTrue(d.attributes().get("frontend").contains("spikes_per_unit=3000.0"));
        CliRun info = run("dataset", "info", "--data", out.toString());
        assertTrue(info.out().contains("3 samples, 16 channels, 2 classes"), info.out());
    }

    @Test
    void importPoolsHeidelbergChannels() throws Exception {
        Path shd = dir.resolve("shd.h5");
        try (InputStream in = getClass().getResourceAsStream("/spikedata/shd-small.h5")) {
            Files.copy(in, shd);
        }
        Path out = dir.resolve("pooled.h5");
        CliRun r = run("dataset", "import", "--from", shd.toString(), "--channels", "16", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        SpikeTrainDataset d = SpikeDatasetHdf5.read(out);
        assertEquals(16, d.channels());
        assertEquals(3, d.size());
        r = run("dataset", "import", "--from", shd.toString(), "--channels", "800", "--out", out.toString());
        assertTrue(r.err().contains("1..700"), r.err());
    }

    @Test
    void plotsRender() throws Exception {
        Path raster = dir.resolve("raster.png");
        CliRun r = run("plot", "raster", "--data", dir.resolve("train.h5").toString(), "--sample", "2", "--out",
                raster.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(raster.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(2 * 320, img.getHeight(), "waveform above the raster");
        Path coch = dir.resolve("coch.png");
        r = run("plot", "cochleagram", "--data", dir.resolve("train.h5").toString(), "--sample", "0", "--out",
                coch.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(3 * 320, ImageIO.read(coch.toFile()).getHeight());
        r = run("plot", "raster", "--data", dir.resolve("train.h5").toString(), "--sample", "99", "--out",
                coch.toString());
        assertTrue(r.err().contains("--sample 99 is out of range"), r.err());
        r = run("plot", "cochleagram", "--data", dir.resolve("train.h5").toString(), "--audio",
                dir.resolve("nowhere").toString(), "--out", coch.toString());
        assertTrue(r.err().contains("needs the source recording"), r.err());
    }

    @Test
    void trainEvalCompileAndFinetuneRunOnSpikeData() {
        Path model = dir.resolve("net.json");
        CliRun t = run("train", "--data", dir.resolve("train.h5").toString(), "--validation", dir.resolve("val.h5").toString(),
                "--hidden", "12", "--epochs", "3", "--batch", "6", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("training 16-12-10 on 18 samples"), t.out());
        assertTrue(t.out().contains("loss and decision: count(beta=1.0"), t.out());
        CliRun e = run("eval", "--model", model.toString(), "--data", dir.resolve("val.h5").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy:"), e.out());
        assertTrue(e.out().contains("(count decision)"), e.out());
        // per-speaker accuracy from the data set's metadata: both synthetic speakers are listed
        assertTrue(e.out().contains("speaker") && e.out().contains("ann") && e.out().contains("bob"), e.out());
        CliRun ttfs = run("eval", "--model", model.toString(), "--data", dir.resolve("val.h5").toString(), "--loss", "ttfs");
        assertTrue(ttfs.out().contains("(ttfs decision)"), ttfs.out());
        CliRun bad = run("eval", "--model", model.toString(), "--data", dir.resolve("val.h5").toString(), "--loss", "max");
        assertEquals(2, bad.code()); // a usage error listing the candidates
        assertTrue(bad.err().contains("'--loss'") && bad.err().contains("[AUTO, TTFS, COUNT, MEMBRANE]")
                && bad.err().contains("'max'"), bad.err());
        // recurrent, chip-aware, for Audio 3; Audio 2 has too few outputs for 10 classes
        Path rec = dir.resolve("rec.json");
        CliRun r = run("train", "--data", dir.resolve("train.h5").toString(), "--hidden", "12", "--recurrent", "3",
                "--chip", "xylo-audio3", "--chip-dt", "0.001", "--epochs", "1", "--batch", "6", "--out", rec.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 recurrent inputs per hidden neuron"), r.out());
        assertTrue(dev.spikeloop.network.io.NetworkJson.read(rec).layer(0).hasRecurrent());
        CliRun a2 = run("train", "--data", dir.resolve("train.h5").toString(), "--hidden", "12", "--chip", "xylo-audio2",
                "--epochs", "1", "--out", rec.toString());
        assertTrue(a2.err().contains("10 classes need as many outputs, but xylo-audio2 has 8 output neurons"), a2.err());
        CliRun csvVal = run("train", "--data", dir.resolve("train.h5").toString(), "--validation", "val.csv",
                "--epochs", "1", "--out", model.toString());
        assertTrue(csvVal.err().contains("must be a spike data set too"), csvVal.err());

        // three classes fit the chip's 8 outputs: compile, evaluate on the emulator, fine-tune in the loop
        Path three = dir.resolve("net3.json");
        Path train3 = dir.resolve("train3.h5");
        SpikeTrainDataset tr = SpikeDatasetHdf5.read(dir.resolve("train.h5"));
        SpikeDatasetHdf5.write(new SpikeTrainDataset(16, java.util.List.of("0", "1", "2"), tr.samples(), tr.attributes()),
                train3);
        assertEquals(0, run("train", "--data", train3.toString(), "--hidden", "12", "--epochs", "2", "--batch", "6",
                "--out", three.toString()).code());
        Path chip = dir.resolve("chip.pb");
        CliRun c = run("compile", "--model", three.toString(), "--dt", "0.001", "--out", chip.toString());
        assertEquals(0, c.code(), c.err());
        CliRun ec = run("eval", "--config", chip.toString(), "--model", three.toString(), "--data", train3.toString());
        assertEquals(0, ec.code(), ec.err());
        assertTrue(ec.out().contains("on the emulator"), ec.out());
        // without --model the window covers the longest sample (not just --t-end's 40 ms)
        CliRun noModel = run("eval", "--config", chip.toString(), "--data", train3.toString());
        assertEquals(0, noModel.code(), noModel.err());
        assertTrue(noModel.out().contains("note: without --model the window is the longest sample plus --t-end"),
                noModel.out());
        CliRun f = run("finetune", "--model", three.toString(), "--device", "emulator", "--data", train3.toString(),
                "--val", train3.toString(), "--epochs", "1", "--dt", "0.001", "--out", dir.resolve("tuned.json").toString(),
                "--config-out", dir.resolve("tuned.pb").toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(Files.exists(dir.resolve("tuned.pb")));
    }

    @Test
    void aMembraneReadoutTrainsCompilesEvaluatesOnTheEmulatorAndFineTunes() throws Exception {
        Path train3 = dir.resolve("train3m.h5");
        SpikeTrainDataset tr = SpikeDatasetHdf5.read(dir.resolve("train.h5"));
        SpikeDatasetHdf5.write(new SpikeTrainDataset(16, java.util.List.of("0", "1", "2"), tr.samples(), tr.attributes()),
                train3);
        Path model = dir.resolve("readout.json");
        CliRun t = run("train", "--data", train3.toString(), "--hidden", "12", "--recurrent", "3", "--loss", "membrane",
                "--chip", "xylo-audio3", "--chip-dt", "0.001", "--epochs", "2", "--batch", "6", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("loss and decision: membrane(score=mean,beta=1.0"), t.out());
        dev.spikeloop.network.FloatNetwork net = dev.spikeloop.network.io.NetworkJson.read(model);
        assertTrue(!net.outputLayer().isSpiking(), "the output layer is a membrane readout");
        assertFalse(java.nio.file.Files.readString(model).contains("readoutScore"), "the mean score stays implicit");
        CliRun e = run("eval", "--model", model.toString(), "--data", train3.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("(membrane decision)"), e.out());
        assertTrue(e.out().contains("membrane readout score: mean (as recorded in"), e.out());
        Path chip = dir.resolve("readout.pb");
        assertEquals(0, run("compile", "--model", model.toString(), "--chip", "xylo-audio3", "--dt", "0.001", "--out",
                chip.toString()).code());
        CliRun ec = run("eval", "--config", chip.toString(), "--model", model.toString(), "--data", train3.toString());
        assertEquals(0, ec.code(), ec.err());
        assertTrue(ec.out().contains("on the emulator") && ec.out().contains("(membrane decision)"), ec.out());
        // without the model, all output thresholds at 32767 say "membrane readout"
        CliRun noModel = run("eval", "--config", chip.toString(), "--data", train3.toString());
        assertEquals(0, noModel.code(), noModel.err());
        assertTrue(noModel.out().contains("(membrane decision)"), noModel.out());
        assertTrue(noModel.out().contains("score is assumed mean"), noModel.out());
        CliRun f = run("finetune", "--model", model.toString(), "--device", "emulator", "--chip", "xylo-audio3", "--data",
                train3.toString(), "--val", train3.toString(), "--epochs", "1", "--dt", "0.001", "--out",
                dir.resolve("readout-tuned.json").toString(), "--config-out", dir.resolve("readout-tuned.pb").toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(!dev.spikeloop.network.io.NetworkJson.read(dir.resolve("readout-tuned.json")).outputLayer().isSpiking());
        // the membrane rule on a spiking model is refused by name
        Path spiking = dir.resolve("spiking3.json");
        assertEquals(0, run("train", "--data", train3.toString(), "--hidden", "12", "--epochs", "1", "--batch", "6",
                "--out", spiking.toString()).code());
        CliRun bad = run("eval", "--model", spiking.toString(), "--data", train3.toString(), "--loss", "membrane");
        assertTrue(bad.err().contains("the membrane rule needs a model trained with a membrane readout"), bad.err());
    }

    @Test
    void theReadoutScoreTrainedWithIsRecordedAndDecidesEvalAndFinetune() throws Exception {
        Path train3 = dir.resolve("train3x.h5");
        SpikeTrainDataset tr = SpikeDatasetHdf5.read(dir.resolve("train.h5"));
        SpikeDatasetHdf5.write(new SpikeTrainDataset(16, java.util.List.of("0", "1", "2"), tr.samples(), tr.attributes()),
                train3);
        Path model = dir.resolve("readout-max.json");
        CliRun t = run("train", "--data", train3.toString(), "--hidden", "8", "--loss", "membrane", "--readout-score",
                "max", "--chip", "xylo-audio3", "--epochs", "1", "--batch", "6", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(java.nio.file.Files.readString(model).contains("\"readoutScore\" : \"max\""));
        assertTrue(dev.spikeloop.network.io.NetworkJson.read(model).outputLayer().detail().maxScore());
        // eval takes the score from the model, without the option; repeating it is fine
        for (String[] extra : new String[][] {{}, {"--readout-score", "max"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("eval", "--model", model.toString(),
                    "--data", train3.toString()));
            args.addAll(java.util.List.of(extra));
            CliRun e = run(args.toArray(String[]::new));
            assertEquals(0, e.code(), e.err());
            assertTrue(e.out().contains("membrane readout score: max (as recorded in"), e.out());
        }
        // a contradicting option is refused, naming both scores
        CliRun bad = run("eval", "--model", model.toString(), "--data", train3.toString(), "--readout-score", "mean");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.err().contains("--readout-score mean contradicts") && bad.err().contains("trained with the max score"),
                bad.err());
        CliRun badTune = run("finetune", "--model", model.toString(), "--device", "emulator", "--chip", "xylo-audio3",
                "--data", train3.toString(), "--val", train3.toString(), "--epochs", "1", "--dt", "0.001",
                "--readout-score", "mean", "--out", dir.resolve("x-tuned.json").toString(), "--config-out",
                dir.resolve("x-tuned.pb").toString());
        assertTrue(badTune.err().contains("--readout-score mean contradicts"), badTune.err());
        assertFalse(java.nio.file.Files.exists(dir.resolve("x-tuned.json")));
        // without the option, finetune tunes with the model's score and the tuned model keeps it
        CliRun tune = run("finetune", "--model", model.toString(), "--device", "emulator", "--chip", "xylo-audio3",
                "--data", train3.toString(), "--val", train3.toString(), "--epochs", "1", "--dt", "0.001", "--out",
                dir.resolve("x-tuned.json").toString(), "--config-out", dir.resolve("x-tuned.pb").toString());
        assertEquals(0, tune.code(), tune.err());
        assertTrue(dev.spikeloop.network.io.NetworkJson.read(dir.resolve("x-tuned.json")).outputLayer().detail()
                .maxScore());
        // on the chip with the model: the model's score; without it: the option decides
        Path chip = dir.resolve("readout-max.pb");
        assertEquals(0, run("compile", "--model", model.toString(), "--chip", "xylo-audio3", "--dt", "0.001", "--out",
                chip.toString()).code());
        CliRun ec = run("eval", "--config", chip.toString(), "--model", model.toString(), "--data", train3.toString());
        assertEquals(0, ec.code(), ec.err());
        assertTrue(ec.out().contains("on the emulator") && ec.out().contains("membrane readout score: max"), ec.out());
        CliRun given = run("eval", "--config", chip.toString(), "--data", train3.toString(), "--readout-score", "max");
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("membrane readout score: max") && !given.out().contains("assumed mean"),
                given.out());
    }

    @Test
    void readoutWindowsGoFromTrainThroughRefitToTheEmulator() throws Exception {
        Path train = dir.resolve("train.h5");
        CliRun refused = run("train", "--data", train.toString(), "--hidden", "8", "--loss", "count", "--readout-windows",
                "2", "--epochs", "1", "--out", dir.resolve("w-x.json").toString());
        assertTrue(refused.err().contains("--readout-windows 2: needs --loss membrane"), refused.err());
        CliRun tooMany = run("train", "--data", train.toString(), "--hidden", "8", "--loss", "membrane",
                "--readout-windows", "4", "--chip", "xylo-audio3", "--epochs", "1", "--out", dir.resolve("w-x.json").toString());
        assertTrue(tooMany.err().contains("x 4 readout windows need 40 outputs, but xylo-audio3 has 32 output neurons"),
                tooMany.err());
        Path model = dir.resolve("w.json");
        CliRun t = run("train", "--data", train.toString(), "--hidden", "12", "--recurrent", "3", "--loss", "membrane",
                "--readout-windows", "3", "--chip", "xylo-audio3", "--chip-dt", "0.001", "--epochs", "1", "--batch", "6",
                "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        dev.spikeloop.network.FloatNetwork net = dev.spikeloop.network.io.NetworkJson.read(model);
        assertEquals(30, net.outputLayer().size());
        assertEquals(3, net.outputLayer().detail().readoutWindows());
        Path refit = dir.resolve("w-refit.json");
        CliRun r = run("refit", "--model", model.toString(), "--data", train.toString(), "--validation",
                train.toString(), "--chip", "xylo-audio3", "--chip-dt", "0.001", "--iterations", "200", "--out",
                refit.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("readout refit on") && r.out().contains("validation after: float"), r.out());
        assertEquals(3, dev.spikeloop.network.io.NetworkJson.read(refit).outputLayer().detail().readoutWindows());
        CliRun e = run("eval", "--model", refit.toString(), "--data", train.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("3 windows per class over each sample's span"), e.out());
        assertTrue(e.out().contains("9:9"), "ten classes, not thirty outputs: " + e.out());
        Path chip = dir.resolve("w.pb");
        assertEquals(0, run("compile", "--model", refit.toString(), "--chip", "xylo-audio3", "--dt", "0.001", "--out",
                chip.toString()).code());
        CliRun ec = run("eval", "--config", chip.toString(), "--model", refit.toString(), "--data", train.toString());
        assertEquals(0, ec.code(), ec.err());
        assertTrue(ec.out().contains("on the emulator") && ec.out().contains("3 windows per class"), ec.out());
        CliRun contra = run("eval", "--config", chip.toString(), "--model", refit.toString(), "--data", train.toString(),
                "--readout-windows", "2");
        assertTrue(contra.err().contains("--readout-windows 2 contradicts"), contra.err());
    }

    @Test
    void fsddDemoRunsEveryStageAndDrawsTheConfusionMatrix() throws Exception {
        Path model = dir.resolve("demo-net.json");
        // recurrent, as the shipped model: in-the-loop calibration must cope with a recurrent hidden layer
        assertEquals(0, run("train", "--data", dir.resolve("train.h5").toString(), "--hidden", "12", "--recurrent", "3",
                "--chip", "xylo-audio3", "--epochs", "1", "--batch", "6", "--out", model.toString()).code());
        Path out = dir.resolve("demo");
        CliRun d = run("demo", "--task", "fsdd", "--data", fsdd.toString(), "--model", model.toString(), "--epochs", "1",
                "--dt", "0.001", "--out", out.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("compiled for xylo-audio3"), d.out());
        assertTrue(d.out().contains("| fine-tuned (on device)   |"), d.out());
        assertTrue(d.out().contains("encode FSDD (18 train / 6 validation)"), d.out());
        assertTrue(ImageIO.read(out.resolve("fsdd-confusion.png").toFile()).getWidth() > 100);
        assertTrue(Files.exists(out.resolve("fsdd-finetuned.json")));
        // a membrane-readout model: the demo decides by the output membranes the virtual board returns
        Path readout = dir.resolve("demo-readout.json");
        assertEquals(0, run("train", "--data", dir.resolve("train.h5").toString(), "--hidden", "12", "--loss", "membrane",
                "--chip", "xylo-audio3", "--epochs", "1", "--batch", "6", "--out", readout.toString()).code());
        CliRun dm = run("demo", "--task", "fsdd", "--data", fsdd.toString(), "--model", readout.toString(), "--epochs",
                "1", "--dt", "0.001", "--out", dir.resolve("demo-m").toString());
        assertEquals(0, dm.code(), dm.err());
        assertTrue(dm.out().contains("| fine-tuned (on device)   |"), dm.out());
        CliRun none = run("demo", "--task", "fsdd", "--out", out.toString());
        assertTrue(none.err().contains("demo --task fsdd needs --data DIR"), none.err());
        CliRun bad = run("demo", "--task", "mnist", "--out", out.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'--task'") && bad.err().contains("[YINYANG, FSDD]")
                && bad.err().contains("'mnist'"), bad.err());
    }
}
