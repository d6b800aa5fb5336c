package io.asyncworkbench.experiment;

import java.time.Duration;

/**
 * How long the rest of a run will take, from how long its steps have taken so far: with 12 of 40
 * steps done in 3 minutes, the other 28 should take about 7. Each step's time includes what comes
 * with it (its share of warm-ups, server starts and settling), so the estimate converges as the
 * run goes on; before the first step is done there is none.
 */
final class Eta {

    private final long startNanos;
    private final int totalSteps;
    private int doneSteps;

    Eta(long startNanos, int totalSteps) {
        this.startNanos = startNanos;
        this.totalSteps = totalSteps;
    }

    void stepDone() {
        doneSteps++;
    }

    /** " (about 7 min left)", " (about 40 s left)", or "" before the first step is done. */
    String left(long nowNanos) {
        if (doneSteps == 0 || doneSteps >= totalSteps) {
            return "";
        }
        Duration left = Duration.ofNanos((nowNanos - startNanos) / doneSteps * (totalSteps - doneSteps));
        return left.toSeconds() < 90 ? " (about " + Math.max(1, left.toSeconds()) + " s left)"
                : " (about " + Math.round(left.toSeconds() / 60.0) + " min left)";
    }
}
