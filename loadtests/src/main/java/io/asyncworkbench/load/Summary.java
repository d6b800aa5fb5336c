package io.asyncworkbench.load;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * Every figure of one run, as printed on stdout ({@link SummaryFormatter}) and written by
 * {@code --json}. Latencies are in milliseconds; {@code latency} is corrected (from the intended
 * send time), {@code uncorrectedLatency} from the actual send time, as wrk2 reports both.
 *
 * <p>{@code requests} counts the requests users started inside the measured window; each ends as
 * a response (any status) or as one of the {@code errors}. {@code achievedRate} is the responses
 * that arrived inside the window, per second of it: a response that comes after the window ends
 * does not count, so a server that falls behind cannot match the offered rate by answering late. Failed requests are not in the latency percentiles. {@code connectionsOpened}
 * counts the connections opened in the window; {@code peakOpenConnections} the most open at once,
 * warmup included. {@code generatorLimited} says the generator fell behind its schedule or lacked
 * CPU ({@link Warnings#generatorLimited}): then the figures measure the generator, not the server.
 */
public record Summary(
        String command, String startTime, String endTime,
        String url, String method, String model, String transport, int threads, int maxConnections,
        boolean connectionClose, boolean clientClose, Double targetRate, double warmupSeconds, double windowSeconds,
        long requests, long responses, long responses2xx, long errorCount, double achievedRate,
        Latency latency, Latency uncorrectedLatency, Latency sendLag,
        long connectionsOpened, long peakOpenConnections, long idleHeld, Map<String, Long> errors, Map<String, Long> statuses, String otherErrorExample,
        long skippedArrivals, Cpu cpu, List<String> warnings, boolean generatorLimited) {

    /** Percentiles of one histogram of nanoseconds, in milliseconds. */
    public record Latency(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                          double maxMs) {

        public static Latency of(Histogram nanos) {
            if (nanos.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(nanos.getTotalCount(), nanos.getMean() / 1e6,
                    ms(nanos, 50), ms(nanos, 90), ms(nanos, 99), ms(nanos, 99.9), nanos.getMaxValue() / 1e6);
        }

        private static double ms(Histogram nanos, double percentile) {
            return nanos.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /**
     * The generator's CPU over the measured window, in percent of one CPU: the busiest event-loop
     * thread (at most 100), the whole process (at most 100 x {@code availableCpus}), and the
     * longest time an event loop was ready to run but waited for a CPU that other processes held;
     * and the milliseconds the JIT compiled in the window (a generator still compiling sends late).
     */
    public record Cpu(int availableCpus, double busiestLoopPercent, double processPercent, double loopWaitPercent,
                      double jitMillis) {
    }
}
