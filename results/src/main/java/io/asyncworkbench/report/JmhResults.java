package io.asyncworkbench.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one request costs, piece by piece: the newest JMH results file under {@code results/jmh/}
 * ({@code ./workbench jmh} writes {@code <UTC>.json} there with JMH's {@code -rf json}).
 *
 * <p>Each score is the CPU time per operation ({@code cpu.time.norm}, from
 * {@code -prof io.asyncworkbench.jmh.CpuTimeProfiler}) when the run has it, because other load on
 * the machine does not inflate it; else JMH's average time per operation. Both come with JMH's
 * error (half the 99.9% confidence interval), NaN when there were too few iterations to give one.
 */
record JmhResults(Path file, List<Score> scores) {

    /** The profiler's secondary metric: CPU nanoseconds of the benchmark's threads per operation. */
    static final String CPU_TIME = "cpu.time.norm";
    /** JMH's {@code -prof gc} metric: bytes allocated per operation. */
    static final String ALLOCATED = "gc.alloc.rate.norm";

    /**
     * One benchmark at one parameter value: {@code benchmark} is {@code Class.method}, {@code param}
     * the value of its (single) {@code @Param}, or empty; times in nanoseconds per operation;
     * {@code bytes} allocated per operation when JMH ran with {@code -prof gc}, else NaN.
     */
    record Score(String benchmark, String param, double nanos, double errorNanos, boolean cpuTime, double bytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The newest {@code *.json} in {@code dir} (names are UTC times, so the newest sorts last); empty when none. */
    static Optional<JmhResults> newest(Path dir) throws DamagedRunException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Optional<Path> newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparing(f -> f.getFileName().toString()));
        } catch (IOException e) {
            throw new DamagedRunException(dir, "cannot be listed (" + e.getMessage() + ")");
        }
        return newest.isEmpty() ? Optional.empty() : Optional.of(read(newest.get()));
    }

    /** Reads one JMH {@code -rf json} file. */
    static JmhResults read(Path file) throws DamagedRunException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new DamagedRunException(file, "not a JMH JSON result (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new DamagedRunException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new DamagedRunException(file, "not a JMH JSON result (expected an array of benchmarks)");
        }
        List<Score> scores = new ArrayList<>();
        for (JsonNode run : root) {
            String benchmark = run.path("benchmark").asText("");
            JsonNode cpu = run.path("secondaryMetrics").path(CPU_TIME);
            JsonNode metric = cpu.isMissingNode() ? run.path("primaryMetric") : cpu;
            double perNanosecond = nanosPer(metric.path("scoreUnit").asText(""));
            if (benchmark.isEmpty() || Double.isNaN(perNanosecond)) {
                throw new DamagedRunException(file, "a result without a benchmark name or a time-per-operation unit");
            }
            scores.add(new Score(shortName(benchmark), param(run.path("params")),
                    number(metric.path("score")) * perNanosecond, number(metric.path("scoreError")) * perNanosecond,
                    !cpu.isMissingNode(), number(run.path("secondaryMetrics").path(ALLOCATED).path("score"))));
        }
        return new JmhResults(file, List.copyOf(scores));
    }

    /** The score of {@code benchmark} ({@code Class.method}) at {@code param} ("" for none). */
    Optional<Score> find(String benchmark, String param) {
        return scores.stream().filter(s -> s.benchmark().equals(benchmark) && s.param().equals(param)).findFirst();
    }

    /** {@code io.asyncworkbench.jmh.WorkloadBenchmark.workload} becomes {@code WorkloadBenchmark.workload}. */
    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static String param(JsonNode params) {
        List<String> values = new ArrayList<>();
        params.properties().forEach(e -> values.add(e.getValue().asText()));
        return String.join(",", values);
    }

    /** JMH writes NaN (no error from one iteration) as the string {@code "NaN"}. */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Nanoseconds in one unit of a JMH average-time score; NaN for a throughput unit. */
    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> Double.NaN;
        };
    }
}
