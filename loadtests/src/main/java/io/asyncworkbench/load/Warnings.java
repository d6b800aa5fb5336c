package io.asyncworkbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks that keep a result from silently measuring the generator instead of the server.
 * wrk2's rule of thumb: an open-model generator must send on time, so a send lag p99 above
 * 1 ms means the schedule slipped; a generator whose event loop (or whole process) used 90% of
 * its CPU was the bottleneck, whatever the server could do; and so was one whose event loop
 * waited 10% of the time for a CPU held by other processes.
 *
 * <p>For example a busiest loop at 97% of a CPU gives "the generator's CPU was saturated
 * (busiest event loop 97% of a CPU, ...): the result measures the generator, not the server".
 */
public final class Warnings {

    /** Send lag p99 above this means the generator fell behind its own schedule. */
    public static final double MAX_SEND_LAG_P99_MS = 1.0;
    /** CPU use at or above this fraction of what the generator can use means it was saturated. */
    public static final double SATURATED = 0.90;
    /** An event loop that waited this fraction of the time for a CPU was starved by other processes. */
    public static final double STARVED = 0.10;

    private Warnings() {
    }

    /**
     * Warnings about how far the figures can be trusted, in the order the summary prints them.
     * {@code scheduled} says whether arrivals drive the load (open model, profiles): in the closed
     * model the send lag covers only the users' start and says nothing about the generator keeping up.
     */
    public static List<String> of(Summary.Latency sendLag, boolean scheduled, Summary.Cpu cpu, long skippedArrivals) {
        List<String> warnings = new ArrayList<>();
        if (fellBehind(sendLag, scheduled)) {
            warnings.add(String.format(Locale.ROOT,
                    "the generator fell behind its schedule (send lag p99 %.2f ms > %.0f ms): the result measures"
                            + " the generator, not only the server; lower --rate, or add --threads and CPUs",
                    sendLag.p99Ms(), MAX_SEND_LAG_P99_MS));
        }
        if (cpuSaturated(cpu)) {
            warnings.add(String.format(Locale.ROOT,
                    "the generator's CPU was saturated (busiest event loop %.0f%% of a CPU, process %.0f%% of %d CPU%s):"
                            + " the result measures the generator, not the server; add --threads and CPUs, or pin"
                            + " the server and the generator to separate CPUs",
                    cpu.busiestLoopPercent(), cpu.processPercent(), cpu.availableCpus(), cpu.availableCpus() == 1 ? "" : "s"));
        }
        if (starved(cpu)) {
            warnings.add(String.format(Locale.ROOT,
                    "an event loop of the generator waited for a CPU %.0f%% of the time (other processes ran on its CPU):"
                            + " the result measures that contention, not only the server; give the generator a CPU of"
                            + " its own (taskset) and rerun", cpu.loopWaitPercent()));
        }
        if (skippedArrivals > 0) {
            warnings.add(String.format(Locale.ROOT,
                    "%,d arrivals were skipped because the phase's maxUsers were already active", skippedArrivals));
        }
        return warnings;
    }

    /**
     * Whether the generator, not the server, was the limit: it fell behind its schedule (open model)
     * or its CPU was saturated or held by other processes. The other warnings (skipped arrivals, the
     * port budget) describe the load, not the generator's capacity, and do not count.
     */
    public static boolean generatorLimited(Summary.Latency sendLag, boolean scheduled, Summary.Cpu cpu) {
        return fellBehind(sendLag, scheduled) || lackedCpu(cpu);
    }

    /** Whether the generator's CPU was saturated or held by other processes (the CPU half of {@link #generatorLimited}). */
    public static boolean lackedCpu(Summary.Cpu cpu) {
        return cpuSaturated(cpu) || starved(cpu);
    }

    private static boolean fellBehind(Summary.Latency sendLag, boolean scheduled) {
        return scheduled && sendLag.count() > 0 && sendLag.p99Ms() > MAX_SEND_LAG_P99_MS;
    }

    private static boolean starved(Summary.Cpu cpu) {
        return cpu.loopWaitPercent() >= 100 * STARVED;
    }

    static boolean cpuSaturated(Summary.Cpu cpu) {
        return cpu.busiestLoopPercent() >= 100 * SATURATED
                || cpu.processPercent() >= 100 * SATURATED * cpu.availableCpus();
    }
}
