package com.jobstatus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the real benchmark (one JVM per scenario, a few requests) completes and writes its table with
 * every row and column. Timings are not checked: benchmarks are not tests.
 */
class BenchIT {

    @TempDir
    Path dir;

    @Test
    void aTinyRunMeasuresEveryScenarioAndWritesTheWholeReport() throws IOException {
        Path out = dir.resolve("BENCHMARKS.md");
        Files.writeString(out, "# Benchmarks\n\nkept above\n\n" + Report.BEGIN + "\nold results\n" + Report.END
                + "\nkept below\n");
        Bench.Options options = new Bench.Options(1, 20, 2, List.of(Scenario.values()), Bench.repositoryRoot(),
                out, dir.resolve("work"), false, List.of(), "BenchIT");

        new Bench(options).run().writeInto(out);

        String report = Files.readString(out);
        assertTrue(report.startsWith("# Benchmarks\n\nkept above\n\n" + Report.BEGIN), report);
        assertTrue(report.endsWith(Report.END + "\nkept below\n"), report);
        assertTrue(!report.contains("old results"), report);
        for (Scenario.Function function : Scenario.Function.values()) {
            List<String> header = cells(line(report, "| figure | " + function.snapstart().label));
            List<String> expected = new ArrayList<>(List.of("figure"));
            for (Scenario s : List.of(function.snapstart(), function.onDemand())) {
                expected.addAll(List.of(s.label, "÷ bare"));
            }
            expected.addAll(List.of(function.bare().label, "budget"));
            assertEquals(expected, header);
            String table = report.substring(report.indexOf("| figure | " + function.snapstart().label));
            for (Figure figure : Figure.values()) {
                if (figure.appliesTo(function)) {
                    List<String> row = cells(line(table, "| " + figure.label));
                    assertEquals(header.size(), row.size(), row.toString());
                    for (int column = 1; column < row.size() - 1; column++) {
                        // the JVM without SnapStart stops after its first request: no warm figures there
                        boolean stoppedEarly = figure.warm && (header.get(column).equals(function.onDemand().label)
                                || header.get(column - 1).equals(function.onDemand().label));
                        assertTrue(row.get(column).matches(stoppedEarly ? "—" : "\\d+(\\.\\d+)?×?( [✔✘])?"),
                                figure + ", " + header.get(column) + ": " + row);
                    }
                }
            }
        }
        for (String row : List.of("| first request, cold start without SnapStart", "| first request after a SnapStart",
                "| warm request", "| first request CPU ≤ 15 ms", "| INIT CPU ≤ 0.8 s", "| warm CPU per request ≤ 1.0 ms",
                "| peak RSS (VmHWM) ≤ 128 MiB", "| warm CPU ≤ 1.1× bare SDK")) {
            assertTrue(cells(line(report, row)).stream().skip(1).allMatch(c -> !c.isBlank()), row);
        }
        assertTrue(report.contains("- Load average (`uptime`) at start: "), report);
        assertTrue(report.contains("https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html"), report);
    }

    private static String line(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in\n" + text));
    }

    private static List<String> cells(String row) {
        String[] parts = row.split("\\|");
        return Arrays.stream(parts, 1, parts.length).map(String::trim).toList();
    }
}
