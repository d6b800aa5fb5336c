package io.asyncworkbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the Prometheus text exposition format into samples, for the metrics scraper:
 * {@code server_requests_total{thread="loop-0",status="200"} 4000} becomes
 * {@code Sample("server_requests_total", "thread=loop-0;status=200", 4000.0)}.
 * Comment lines are skipped; a line that is not a sample is an error naming the line.
 */
public final class Prometheus {

    /** One sample; {@code labels} as {@code key=value} pairs joined by {@code ;}, empty when none. */
    public record Sample(String name, String labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private Prometheus() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            samples.add(new Sample(m.group(1), labels(m.group(2), line), Double.parseDouble(m.group(3))));
        }
        return samples;
    }

    private static String labels(String text, String line) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(m.group(1)).append('=').append(m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
            end = m.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException("bad labels in: " + line);
        }
        return out.toString();
    }
}
