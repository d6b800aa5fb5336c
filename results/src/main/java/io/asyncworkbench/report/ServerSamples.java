package io.asyncworkbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code server-metrics.csv}: the servers' {@code /metrics} and {@code /proc} sampled every second,
 * one sample a line ({@code series,t_s,name,labels,value}). The figures want per-series time
 * series summed over labels, e.g. connections accepted by all threads, so that is what this
 * offers: {@link #total} sums a metric over its label sets at each sample time, and
 * {@link #perSecond} turns a counter into a rate.
 *
 * <p>Worked example: samples {@code accepted{thread=loop-0}} 10 and {@code {thread=loop-1}} 5 at
 * t=1, then 30 and 15 at t=2 give {@code total} {1: 15, 2: 45} and {@code perSecond} {2: 30}.
 */
final class ServerSamples {

    /** One line of the file. */
    record Sample(String series, double tSeconds, String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private ServerSamples(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Reads {@code server-metrics.csv}; every series named in it must be one of {@code seriesIds}. */
    static ServerSamples read(Path file, Set<String> seriesIds) throws DamagedRunException {
        CsvFile csv = CsvFile.read(file, List.of("series", "t_s", "name", "labels", "value"));
        List<Sample> samples = new ArrayList<>(csv.size());
        for (int row = 0; row < csv.size(); row++) {
            String series = csv.text(row, "series");
            if (!seriesIds.contains(series)) {
                throw csv.error(row, "series '" + series + "' is not one of meta.json's series " + seriesIds);
            }
            double t = csv.number(row, "t_s");
            double value = csv.number(row, "value");
            if (Double.isNaN(t)) {
                throw csv.error(row, "no t_s");
            }
            samples.add(new Sample(series, t, csv.text(row, "name"), csv.text(row, "labels"), value));
        }
        return new ServerSamples(samples);
    }

    /** {@code name} of {@code series} summed over its label sets, by sample time (sorted). */
    NavigableMap<Double, Double> total(String series, String name) {
        NavigableMap<Double, Double> sums = new TreeMap<>();
        for (Sample s : samples) {
            if (s.series().equals(series) && s.name().equals(name) && !Double.isNaN(s.value())) {
                sums.merge(s.tSeconds(), s.value(), Double::sum);
            }
        }
        return sums;
    }

    /**
     * The counter {@code name} of {@code series} as a rate per second: at each sample time after
     * the first, the increase since the previous sample over the time between them.
     */
    NavigableMap<Double, Double> perSecond(String series, String name) {
        NavigableMap<Double, Double> rates = new TreeMap<>();
        Map.Entry<Double, Double> previous = null;
        for (Map.Entry<Double, Double> e : total(series, name).entrySet()) {
            if (previous != null) {
                double seconds = e.getKey() - previous.getKey();
                rates.put(e.getKey(), Math.max(0, e.getValue() - previous.getValue()) / seconds);
            }
            previous = e;
        }
        return rates;
    }

    /** Whether any sample of {@code series} is called {@code name}. */
    boolean has(String series, String name) {
        return samples.stream().anyMatch(s -> s.series().equals(series) && s.name().equals(name));
    }
}
