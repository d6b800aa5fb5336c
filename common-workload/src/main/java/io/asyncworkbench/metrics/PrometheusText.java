package io.asyncworkbench.metrics;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): a {@code # HELP} and a
 * {@code # TYPE} line per metric family, then one {@code name{labels} value} line per sample.
 *
 * <pre>{@code
 * PrometheusText out = new PrometheusText();
 * out.family("server_requests_total", "counter", "Requests answered, by status.");
 * out.sample("server_requests_total", 12, "thread", "loop-0", "status", "200");
 * // # HELP server_requests_total Requests answered, by status.
 * // # TYPE server_requests_total counter
 * // server_requests_total{thread="loop-0",status="200"} 12
 * }</pre>
 */
public final class PrometheusText {

    private final StringBuilder text = new StringBuilder(4096);

    /** Starts a metric family; {@code type} is {@code counter}, {@code gauge} or {@code summary}. */
    public PrometheusText family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** Writes one sample; {@code labels} alternate names and values. */
    public PrometheusText sample(String name, long value, String... labels) {
        labels(name, labels).append(value).append('\n');
        return this;
    }

    /** Writes one sample with a decimal value. */
    public PrometheusText sample(String name, double value, String... labels) {
        labels(name, labels);
        if (Double.isNaN(value)) {
            text.append("NaN");
        } else {
            text.append(value);
        }
        text.append('\n');
        return this;
    }

    private StringBuilder labels(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        text.append(name);
        if (labels.length > 0) {
            text.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(labels[i]).append("=\"");
                escape(labels[i + 1]);
                text.append('"');
            }
            text.append('}');
        }
        return text.append(' ');
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
