package ai.hokusai.testsupport;

import java.util.List;

/** How close an embedding the server answered is to the reference implementation's. */
public final class Cosine {

    private Cosine() {}

    /** The cosine similarity of {@code a} (as answered in JSON) and {@code b} (as the reference computed it). */
    public static double similarity(List<Double> a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < b.length; i++) {
            dot += a.get(i) * b[i];
            na += a.get(i) * a.get(i);
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
