package dev.spikeloop.runtime.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AdamTest {

    @Test
    void firstStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
        Adam adam = new Adam(3);
        double[] p = {1, 1, 1};
        adam.step(p, new double[] {0.5, -20, 0}, 0.1);
        // with bias correction, mHat/sqrt(vHat) = sign(g) on the first step
        assertEquals(0.9, p[0], 1e-6);
        assertEquals(1.1, p[1], 1e-6);
        assertEquals(1.0, p[2], 0);
        assertEquals(1, adam.steps());
    }

    @Test
    void minimisesAQuadratic() {
        Adam adam = new Adam(2);
        double[] p = {3, -2};
        for (int k = 0; k < 2000; k++) {
            double[] g = {2 * (p[0] - 1), 20 * (p[1] + 0.5)};
            adam.step(p, g, 0.01);
        }
        assertEquals(1, p[0], 1e-3);
        assertEquals(-0.5, p[1], 1e-3);
    }

    @Test
    void matrixStepEqualsFlatStepAndStateRestores() {
        Adam a = new Adam(4);
        Adam b = new Adam(4);
        double[] flat = {1, 2, 3, 4};
        double[][] mat = {{1, 2}, {3, 4}};
        for (int k = 0; k < 5; k++) {
            a.step(flat, new double[] {k, -1, 2, 0.5}, 0.01);
            b.step(mat, new double[][] {{k, -1}, {2, 0.5}}, 0.01);
        }
        assertArrayEquals(flat, new double[] {mat[0][0], mat[0][1], mat[1][0], mat[1][1]});

        Adam c = Adam.restore(a.state(), Adam.Settings.DEFAULT);
        double[] p1 = flat.clone(), p2 = flat.clone();
        a.step(p1, new double[] {1, 1, 1, 1}, 0.01);
        c.step(p2, new double[] {1, 1, 1, 1}, 0.01);
        assertArrayEquals(p1, p2);
    }

    @Test
    void rejectsBadInput() {
        Adam a = new Adam(2);
        assertThrows(IllegalArgumentException.class, () -> a.step(new double[2], new double[3], 0.1));
        assertThrows(IllegalArgumentException.class, () -> a.step(new double[2], new double[] {0, Double.NaN}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> a.step(new double[2], new double[2], -1));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Settings(1.0, 0.9, 1e-8));
    }
}
