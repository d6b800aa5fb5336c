package io.asyncworkbench.load;

import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link Summary} for a person: corrected latency first, the uncorrected in brackets,
 * then connections, CPU, each error class and non-2xx status with its hint, and the warnings.
 * <pre>
 * requests       3,000 in 3.00 s: 3,000 responses (3,000 2xx), 0 errors
 * achieved rate  1,000.0 req/s (target 1,000.0)
 * latency ms     p50 0.212 [0.198]  p90 0.301 [0.280]  p99 0.640 [0.590]  p99.9 1.020 [0.950]  max 1.310 [1.200]
 *                corrected, from the intended send time [uncorrected, from the actual send]
 * </pre>
 */
public final class SummaryFormatter {

    private SummaryFormatter() {
    }

    public static String format(Summary s) {
        StringBuilder out = new StringBuilder();
        line(out, "workbench load %s %s: %s, %s%s, %d thread%s (%s), %s, at most %,d connections",
                s.method(), s.url(), s.model(), s.windowSeconds() > 0 ? String.format(Locale.ROOT, "%.2f s measured", s.windowSeconds()) : "nothing measured",
                s.warmupSeconds() > 0 ? String.format(Locale.ROOT, " after %.1f s warmup", s.warmupSeconds()) : "",
                s.threads(), s.threads() == 1 ? "" : "s", s.transport(),
                s.connectionClose() ? "a new connection per request, closed by the server"
                        : s.clientClose() ? "a new connection per request, closed by the generator" : "keep-alive", s.maxConnections());
        line(out, "requests       %,d in %.2f s: %,d responses (%,d 2xx), %,d errors",
                s.requests(), s.windowSeconds(), s.responses(), s.responses2xx(), s.errorCount());
        line(out, "achieved rate  %,.1f req/s%s", s.achievedRate(),
                s.targetRate() == null ? "" : String.format(Locale.ROOT, " (target %,.1f)", s.targetRate()));
        Summary.Latency c = s.latency();
        Summary.Latency u = s.uncorrectedLatency();
        line(out, "latency ms     p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
                pair(c.p50Ms(), u.p50Ms()), pair(c.p90Ms(), u.p90Ms()), pair(c.p99Ms(), u.p99Ms()),
                pair(c.p999Ms(), u.p999Ms()), pair(c.maxMs(), u.maxMs()));
        line(out, "               corrected, from the intended send time [uncorrected, from the actual send]");
        if (s.sendLag().count() > 0) {
            line(out, "send lag ms    p50 %.3f  p99 %.3f  max %.3f", s.sendLag().p50Ms(), s.sendLag().p99Ms(), s.sendLag().maxMs());
        }
        line(out, "connections    %,d opened, at most %,d open at once%s", s.connectionsOpened(), s.peakOpenConnections(),
                s.idleHeld() > 0 ? String.format(Locale.ROOT, "; %,d more held idle (--hold-idle)", s.idleHeld()) : "");
        line(out, "generator cpu  busiest event loop %.0f%% of a CPU (waited %.0f%% for one), process %.0f%% of %d CPU%s, JIT compiling %.0f ms",
                s.cpu().busiestLoopPercent(), s.cpu().loopWaitPercent(), s.cpu().processPercent(), s.cpu().availableCpus(),
                s.cpu().availableCpus() == 1 ? "" : "s", s.cpu().jitMillis());
        if (s.errors().isEmpty() && s.statuses().isEmpty()) {
            line(out, "errors         none");
        }
        if (!s.errors().isEmpty()) {
            line(out, "errors         (not in the latency percentiles)");
            for (Map.Entry<String, Long> e : s.errors().entrySet()) {
                line(out, "  %-19s %,9d  %s", e.getKey(), e.getValue(), hintFor(e.getKey(), s.otherErrorExample()));
            }
        }
        if (!s.statuses().isEmpty()) {
            line(out, "non-2xx        (answered, so in the latency percentiles)");
            for (Map.Entry<String, Long> e : s.statuses().entrySet()) {
                line(out, "  HTTP %-14s %,9d  %s", e.getKey(), e.getValue(), ErrorClass.statusHint(Integer.parseInt(e.getKey())));
            }
        }
        for (String warning : s.warnings()) {
            line(out, "warning: %s", warning);
        }
        return out.toString();
    }

    private static String hintFor(String label, String otherExample) {
        for (ErrorClass e : ErrorClass.values()) {
            if (e.label().equals(label)) {
                return e == ErrorClass.OTHER && otherExample != null ? e.hint() + " (first: " + otherExample + ")" : e.hint();
            }
        }
        return "";
    }

    private static String pair(double correctedMs, double uncorrectedMs) {
        return String.format(Locale.ROOT, "%.3f [%.3f]", correctedMs, uncorrectedMs);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
