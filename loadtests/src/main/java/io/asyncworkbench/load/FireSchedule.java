package io.asyncworkbench.load;

import java.util.List;

/**
 * The times at which new users arrive, as offsets in nanoseconds from the start of the run.
 *
 * <p>Every time is computed from its index, never by adding intervals, so the schedule cannot
 * drift however long it runs (Hyperfoil's {@code ceil(1e9 * ++index / ratePerSec)}, wrk2's
 * fixed schedule). At 1,000 users/s the arrivals fall at 1 ms, 2 ms, ... 3,000 ms: a 3 s phase
 * holds exactly 3,000 of them. Each phase restarts its index at its own start, so a phase of
 * 20/s after one of 10/s begins cleanly.
 *
 * <p>With several event loops, loop {@code k} of {@code n} takes the arrivals {@code k+1},
 * {@code k+1+n}, ...: together they follow the one schedule, and each computes its share alone.
 *
 * <p>The closed model uses {@link #evenly}: {@code count} users spread over a ramp, the first
 * at 0 ({@code --users 10 --ramp 1s}: 0, 100 ms, ... 900 ms).
 */
public final class FireSchedule {

    /** Returned by {@link #nextNanos()} when no arrival is left. */
    public static final long DONE = Long.MAX_VALUE;

    private final List<Phase> phases;
    private final int stride;
    private final int firstIndex;
    private final long evenCount;
    private final long evenSpanNanos;

    private int phase;
    private long phaseStartNanos;
    private long index;

    private FireSchedule(List<Phase> phases, int stride, int firstIndex, long evenCount, long evenSpanNanos) {
        this.phases = List.copyOf(phases);
        this.stride = stride;
        this.firstIndex = firstIndex;
        this.evenCount = evenCount;
        this.evenSpanNanos = evenSpanNanos;
        this.index = firstIndex;
    }

    /** Arrivals at each phase's rate; this schedule is loop {@code loop}'s share of {@code loops}. */
    public static FireSchedule ofPhases(List<Phase> phases, int loop, int loops) {
        checkLoop(loop, loops);
        return new FireSchedule(phases, loops, loop + 1, -1, 0);
    }

    /** {@code count} arrivals spread evenly over {@code spanNanos}, the first at 0; loop {@code loop}'s share. */
    public static FireSchedule evenly(long count, long spanNanos, int loop, int loops) {
        checkLoop(loop, loops);
        return new FireSchedule(List.of(), loops, loop, count, Math.max(0, spanNanos));
    }

    /** The offset of the next arrival from the start of the run, or {@link #DONE}. */
    public long nextNanos() {
        if (evenCount >= 0) {
            return nextEven();
        }
        while (phase < phases.size()) {
            Phase p = phases.get(phase);
            long durationNanos = p.duration().toNanos();
            if (p.arrivalRatePerSec() > 0) {
                long offsetNanos = (long) Math.ceil(1e9 * index / p.arrivalRatePerSec());
                if (offsetNanos <= durationNanos) {
                    index += stride;
                    return phaseStartNanos + offsetNanos;
                }
            }
            phase++;
            phaseStartNanos += durationNanos;
            index = firstIndex;
        }
        return DONE;
    }

    /** The index of the phase the last arrival returned by {@link #nextNanos()} belongs to. */
    public int phase() {
        return phase;
    }

    private long nextEven() {
        if (index >= evenCount) {
            return DONE;
        }
        // Exact integer arithmetic unless span * count could overflow a long.
        long offsetNanos = evenSpanNanos <= Long.MAX_VALUE / evenCount
                ? evenSpanNanos * index / evenCount
                : (long) ((double) evenSpanNanos * index / evenCount);
        index += stride;
        return offsetNanos;
    }

    private static void checkLoop(int loop, int loops) {
        if (loops < 1 || loop < 0 || loop >= loops) {
            throw new IllegalArgumentException("loop " + loop + " of " + loops);
        }
    }
}
