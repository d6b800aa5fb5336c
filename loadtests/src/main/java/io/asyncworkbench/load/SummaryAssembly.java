package io.asyncworkbench.load;

import io.asyncworkbench.transport.Transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up what every event loop counted and recorded into one {@link Summary}: counters summed,
 * error classes and statuses keyed by name (only those that occurred), latency from the
 * reporter's totals, and the {@link Warnings} plus the ephemeral-port check of what actually ran.
 */
final class SummaryAssembly {

    private SummaryAssembly() {
    }

    static Summary assemble(LoadPlan plan, Transport transport, List<LoadLoop> loops, IntervalReporter reporter,
                            Summary.Cpu cpu, PortBudget budget, List<String> earlierWarnings,
                            Instant start, Instant end, double windowSeconds) {
        List<LoopStats> stats = loops.stream().map(LoadLoop::stats).toList();
        Map<String, Long> errors = new LinkedHashMap<>();
        for (ErrorClass e : ErrorClass.values()) {
            long n = stats.stream().mapToLong(s -> s.errors(e)).sum();
            if (n > 0) {
                errors.put(e.label(), n);
            }
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (int status = 0; status < LoopStats.statusCount(); status++) {
            final int st = status;
            long n = stats.stream().mapToLong(s -> s.status(st)).sum();
            if (n > 0) {
                statuses.put(Integer.toString(status), n);
            }
        }
        long responses = sum(stats, LoopStats.RESPONSES);
        long connections = sum(stats, LoopStats.CONNECTIONS_OPENED);
        long skipped = sum(stats, LoopStats.SKIPPED_ARRIVALS);
        Summary.Latency sendLag = Summary.Latency.of(reporter.totalSendLag());

        boolean scheduled = plan.model() != LoadPlan.Model.CLOSED;
        List<String> warnings = new ArrayList<>(earlierWarnings);
        warnings.addAll(Warnings.of(sendLag, scheduled, cpu, skipped));
        if (plan.connectionPerRequest() && earlierWarnings.isEmpty() && windowSeconds > 0) {
            budget.warning(connections / windowSeconds).ifPresent(warnings::add);
        }
        return new Summary(plan.commandLine(), start.toString(), end.toString(),
                plan.url().toString(), plan.method().name(), plan.describeModel(), transport.label(), plan.threads(),
                plan.maxConnections(), plan.connectionClose(), plan.clientClose(),
                plan.model() == LoadPlan.Model.OPEN ? plan.rateRps() : null,
                plan.warmup().toNanos() / 1e9, windowSeconds,
                sum(stats, LoopStats.REQUESTS), responses, sum(stats, LoopStats.RESPONSES_2XX), sum(stats, LoopStats.ERRORS),
                windowSeconds > 0 ? sum(stats, LoopStats.COMPLETED_IN_WINDOW) / windowSeconds : 0,
                Summary.Latency.of(reporter.totalCorrected()), Summary.Latency.of(reporter.totalUncorrected()), sendLag,
                connections, stats.stream().mapToLong(s -> s.get(LoopStats.PEAK_OPEN_CONNECTIONS)).sum(),
                sum(stats, LoopStats.IDLE_HELD), errors, statuses,
                stats.stream().map(LoopStats::otherErrorExample).filter(x -> x != null).findFirst().orElse(null),
                skipped, cpu, warnings, Warnings.generatorLimited(sendLag, scheduled, cpu));
    }

    private static long sum(List<LoopStats> stats, int counter) {
        return stats.stream().mapToLong(s -> s.get(counter)).sum();
    }
}
