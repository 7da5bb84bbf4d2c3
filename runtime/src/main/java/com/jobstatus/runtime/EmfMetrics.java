package com.jobstatus.runtime;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one invocation as one line of CloudWatch Embedded Metric Format on standard output, where
 * Lambda forwards it to CloudWatch Logs and CloudWatch extracts the metrics: one namespace, one dimension set,
 * the values of the invocation. Add during an invocation, {@link #flush()} at its end; build once per container.
 *
 * <p>Written by hand rather than through Powertools metrics: the line is the same EMF, but Powertools builds a
 * new EMF logger per invocation and writes it with Jackson bean serialisation, and its library probes for the
 * environment on first use (the EC2 metadata endpoint included). That was ~240 more classes and 5-6 ms more
 * CPU on the first request after a SnapStart restore, measured by bench/run (BENCHMARKS.md).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
public final class EmfMetrics {

    /** The units this service reports in, by their CloudWatch names. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    private final String namespace;
    /** {@code ,"Service":"...","Stage":"..."}: the dimension values, the same on every line. */
    private final String dimensionValues;
    /** {@code [["Service","Stage"]]} */
    private final String dimensionSet;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private long timestamp;

    /**
     * @param dimensions dimension names and values, alternating: {@code "Service", "job-status-reader", ...}
     */
    public EmfMetrics(String namespace, String... dimensions) {
        if (dimensions.length == 0 || dimensions.length % 2 != 0) {
            throw new IllegalArgumentException("dimensions come as name, value pairs");
        }
        this.namespace = quoted(namespace);
        StringBuilder names = new StringBuilder("[[");
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < dimensions.length; i += 2) {
            names.append(i == 0 ? "" : ",").append(quoted(dimensions[i]));
            members.append(',').append(quoted(dimensions[i])).append(':').append(quoted(dimensions[i + 1]));
        }
        this.dimensionSet = names.append("]]").toString();
        this.dimensionValues = members.toString();
    }

    /** Adds a value; a metric added twice in one invocation gets both values, as EMF allows. */
    public synchronized void addMetric(String name, double value, Unit unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " is not a finite number: " + value);
        }
        if (values.isEmpty()) {
            timestamp = System.currentTimeMillis();
        }
        units.put(name, unit);
        values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    /** Writes the invocation's line to standard output and starts over; writes nothing if nothing was added. */
    public void flush() {
        String line = takeLine();
        if (line != null) {
            PrintStream out = System.out;
            out.println(line);
        }
    }

    /** The line {@link #flush()} would write, and starts over; null if nothing was added. */
    synchronized String takeLine() {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder line = new StringBuilder(256)
                .append("{\"_aws\":{\"Timestamp\":").append(timestamp)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":").append(namespace).append(",\"Metrics\":[");
        boolean first = true;
        for (Map.Entry<String, Unit> metric : units.entrySet()) {
            line.append(first ? "" : ",").append("{\"Name\":").append(quoted(metric.getKey()))
                    .append(",\"Unit\":\"").append(metric.getValue().cloudWatchName).append("\"}");
            first = false;
        }
        line.append("],\"Dimensions\":").append(dimensionSet).append("}]}").append(dimensionValues);
        for (Map.Entry<String, List<Double>> metric : values.entrySet()) {
            line.append(',').append(quoted(metric.getKey())).append(':');
            List<Double> all = metric.getValue();
            if (all.size() == 1) {
                line.append(all.getFirst().doubleValue());
            } else {
                line.append('[');
                for (int i = 0; i < all.size(); i++) {
                    line.append(i == 0 ? "" : ",").append(all.get(i).doubleValue());
                }
                line.append(']');
            }
        }
        units.clear();
        values.clear();
        return line.append('}').toString();
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
