package ai.hokusai.training.lscor;

import java.util.Arrays;

/**
 * L2-regularised logistic regression by full-batch gradient descent. Deterministic on purpose: a fixed
 * number of steps, a fixed summation order and {@link StrictMath}, so the same data always gives the same
 * weights, bit for bit, on every platform.
 *
 * <p>Each row has a few dense features (already standardised) and a set of active binary features given by
 * index; weight {@code j} of the result belongs to dense feature {@code j} for {@code j < dense width}, else
 * to binary feature {@code j − dense width}.
 */
final class LogisticRegression {

    record Fit(double bias, double[] weights) {}

    private final int iterations;
    private final double learningRate;
    private final double l2;

    LogisticRegression(int iterations, double learningRate, double l2) {
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.l2 = l2;
    }

    Fit fit(double[][] dense, int[][] active, int binaryCount, boolean[] labels) {
        int rows = labels.length;
        int width = dense[0].length;
        double[] weights = new double[width + binaryCount];
        double bias = 0;
        double[] gradient = new double[weights.length];
        for (int step = 0; step < iterations; step++) {
            Arrays.fill(gradient, 0);
            double biasGradient = 0;
            for (int r = 0; r < rows; r++) {
                double z = bias;
                for (int j = 0; j < width; j++) {
                    z += weights[j] * dense[r][j];
                }
                for (int index : active[r]) {
                    z += weights[width + index];
                }
                double error = 1.0 / (1.0 + StrictMath.exp(-z)) - (labels[r] ? 1 : 0);
                biasGradient += error;
                for (int j = 0; j < width; j++) {
                    gradient[j] += error * dense[r][j];
                }
                for (int index : active[r]) {
                    gradient[width + index] += error;
                }
            }
            bias -= learningRate * biasGradient / rows;
            for (int j = 0; j < weights.length; j++) {
                weights[j] -= learningRate * (gradient[j] / rows + l2 * weights[j]);
            }
        }
        return new Fit(bias, weights);
    }
}
