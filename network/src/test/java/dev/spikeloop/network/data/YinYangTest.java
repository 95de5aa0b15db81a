package dev.spikeloop.network.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class YinYangTest {

    @Test
    void sameSeedSameData_otherSeedOtherData() {
        LabelledDataset a = YinYang.generate(500, 42);
        LabelledDataset b = YinYang.generate(500, 42);
        LabelledDataset c = YinYang.generate(500, 41);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void classesAreBalanced() {
        int n = 6000;
        int[] counts = YinYang.generate(n, 7).classCounts();
        assertEquals(3, counts.length);
        for (int k = 0; k < 3; k++) {
            // binomial(6000, 1/3): sd ~ 36.5, so +-150 is ~4 sd
            assertEquals(n / 3.0, counts[k], 150, "class " + k);
        }
    }

    @Test
    void pointsLieInTheCircleAndCarryTheirGeometricClass() {
        LabelledDataset d = YinYang.generate(2000, 3);
        assertTrue(d.isPlane());
        for (int i = 0; i < d.size(); i++) {
            double x = d.rows()[i][0], y = d.rows()[i][1];
            assertTrue(x >= 0 && x <= 1 && y >= 0 && y <= 1);
            assertTrue(YinYang.inside(x, y));
            assertEquals(YinYang.classify(x, y), d.label(i));
        }
    }

    @Test
    void geometryOfKnownPoints() {
        // dot centres
        assertEquals(2, YinYang.classify(0.75, 0.5));
        assertEquals(2, YinYang.classify(0.25, 0.5));
        // ring around the left dot (between r_small and r_big/2) is label 1
        assertEquals(1, YinYang.classify(0.25, 0.5 + 0.15));
        // ring around the right dot is label 0
        assertEquals(0, YinYang.classify(0.75, 0.5 + 0.15));
        // top far from the right dot: label 1; bottom far from the left dot: label 0
        assertEquals(1, YinYang.classify(0.5, 0.95));
        assertEquals(0, YinYang.classify(0.5, 0.05));
        assertFalse(YinYang.inside(0.05, 0.05));
    }

    @Test
    void areasOfTheClassesMatchTheSymbol() {
        // Monte Carlo over the circle: each dot is pi*0.01 of area, the swirls share the rest equally.
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int[] c = new int[3];
        int inside = 0;
        for (int k = 0; k < 200_000; k++) {
            double x = r.nextDouble(), y = r.nextDouble();
            if (YinYang.inside(x, y)) {
                inside++;
                c[YinYang.classify(x, y)]++;
            }
        }
        double circle = Math.PI * 0.25;
        assertEquals(2 * Math.PI * 0.01 / circle, c[2] / (double) inside, 0.01);
        assertEquals(c[0] / (double) inside, c[1] / (double) inside, 0.01);
    }

    @Test
    void featuresAreMirrored() {
        LabelledDataset d = YinYang.generate(3, 5);
        double[] f = d.features(0);
        assertEquals(4, d.featureCount());
        assertArrayEquals(new double[] {d.rows()[0][0], d.rows()[0][1], 1 - d.rows()[0][0], 1 - d.rows()[0][1]}, f);
    }
}
