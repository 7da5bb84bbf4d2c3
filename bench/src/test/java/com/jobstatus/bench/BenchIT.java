package com.jobstatus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.localaws.Checkout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the real benchmark (one process per column, 20 requests each: both functions under the RIC, the
 * Python peers, the bare-SDK baselines) completes, every request gets its expected answer, and the report has
 * every table, row and column. Timings are not checked: benchmarks are not tests.
 */
class BenchIT {

    private static final String NUMBER = "\\d{1,3}(,\\d{3})*(\\.\\d+)?";

    @TempDir
    Path dir;

    @Test
    void aTinyRunMeasuresEveryColumnAndWritesTheWholeReport() throws IOException {
        Path out = dir.resolve("BENCHMARKS.md");
        Files.writeString(out, "# Benchmarks\n\nkept above\n\n" + Report.BEGIN + "\nold results\n" + Report.END
                + "\nkept below\n");
        Bench.Options options = new Bench.Options(1, new Measurement.Windows(10, 10, 10), List.of(Column.values()),
                Checkout.root(), out, dir.resolve("work"), false, List.of(), Map.of(), ClassArchive.NONE,
                "python3", "BenchIT");

        new Bench(options).run().writeInto(out);

        String report = Files.readString(out);
        assertTrue(report.startsWith("# Benchmarks\n\nkept above\n\n" + Report.BEGIN), report);
        assertTrue(report.endsWith(Report.END + "\nkept below\n"), report);
        assertFalse(report.contains("old results"), report);
        for (Column.Function function : Column.Function.values()) {
            List<Column> columns = List.of(function.onDemand(), function.snapStart(), function.peer(), function.bare());
            String table = report.substring(report.indexOf("### " + function.functionName));
            List<String> header = cells(line(table, "| figure |"));
            List<String> expected = new ArrayList<>(List.of("figure"));
            columns.forEach(c -> expected.add(c.label));
            assertEquals(expected, header);
            for (String figure : List.of("| INIT CPU (ms)", "| first request CPU (ms)", "| warm CPU per request, first 10",
                    "| warm CPU per request, steady state (requests 11–20)", "| peak RSS (MiB)")) {
                List<String> row = cells(line(table, figure));
                assertEquals(header.size(), row.size(), row.toString());
                row.stream().skip(1).forEach(cell -> assertTrue(cell.matches(NUMBER), figure + ": " + row));
            }
            List<String> cold = cells(line(table, "| predicted cold response at 256 MB"));
            for (int i = 0; i < columns.size(); i++) {
                assertTrue(cold.get(i + 1).matches(columns.get(i).snapStart ? "—" : NUMBER), cold.toString());
            }
            List<String> classes = cells(line(table, "| classes loaded at the end"));
            for (int i = 0; i < columns.size(); i++) {
                assertTrue(classes.get(i + 1).matches(columns.get(i).isJava() ? NUMBER : "—"), classes.toString());
            }
        }

        String goals = report.substring(report.indexOf("### Goals"));
        List<String> goalHeader = cells(line(goals, "| goal |"));
        assertEquals(List.of("goal", Column.READER_ON_DEMAND.label, Column.READER_SNAPSTART.label, Column.READER_BARE.label,
                Column.PROJECTOR_ON_DEMAND.label, Column.PROJECTOR_SNAPSTART.label, Column.PROJECTOR_BARE.label), goalHeader);
        for (String goal : List.of("| first request after a SnapStart restore ≤ 1.0×", "| warm CPU per request, first 10 ≤ 0.75×",
                "| warm CPU per request, steady state ≤ 0.75×", "| peak RSS ≤ 2.5×",
                "| predicted cold response at 256 MB without SnapStart ≤ 2.5×")) {
            List<String> row = cells(line(goals, goal));
            assertEquals(goalHeader.size(), row.size(), row.toString());
            for (int i = 1; i < row.size(); i++) {
                boolean bare = goalHeader.get(i).startsWith("bare");
                assertTrue(row.get(i).matches("—|" + (bare ? "" : "(met|\\*\\*not met\\*\\*) ") + "\\(" + NUMBER + "×\\)"),
                        goal + ": " + row);
            }
        }
        // a verdict where the goal applies: the first request after a restore for the SnapStart columns only
        List<String> first = cells(line(goals, "| first request after a SnapStart restore"));
        assertTrue(first.get(2).contains("met") && first.get(5).contains("met") && first.get(1).equals("—"), first.toString());

        String budgets = report.substring(report.indexOf("### Budgets of issue #6"));
        List<String> budgetHeader = cells(line(budgets, "| budget |"));
        assertEquals(List.of("budget", Column.READER_ON_DEMAND.label, Column.READER_SNAPSTART.label,
                Column.PROJECTOR_ON_DEMAND.label, Column.PROJECTOR_SNAPSTART.label), budgetHeader);
        for (String budget : List.of("| first request CPU ≤ 15 ms", "| INIT CPU ≤ 800 ms",
                "| warm CPU per request (steady state) ≤ 1.0 ms", "| peak RSS ≤ 128 MiB",
                "| warm CPU per request (steady state) ≤ 1.1× bare SDK")) {
            List<String> row = cells(line(budgets, budget));
            assertEquals(budgetHeader.size(), row.size(), row.toString());
            row.stream().skip(1).forEach(cell -> assertTrue(cell.matches("(met|\\*\\*not met\\*\\*) \\(" + NUMBER + "\\)"),
                    budget + ": " + row));
        }

        String raw = report.substring(report.indexOf("<details>"));
        for (Column column : Column.values()) {
            assertTrue(raw.contains("| " + column.label + " | 1 |"), column + " has no row of its own in\n" + raw);
        }
        assertTrue(report.matches("(?s).*AWS's Runtime Interface Client \\d+\\.\\d+\\.\\d+;.*"), report);
    }

    /**
     * {@code --archive cds}: the training run builds the function's archive into its task root, and the measured
     * JVM, pointed at it through {@code JAVA_TOOL_OPTIONS}, takes most of its classes from it, the ones the RIC's own
     * loader defines from the task root and {@code lib/} included: far more than the JDK's archive holds.
     */
    @Test
    void aFunctionsOwnArchiveCoversTheClassesOfTheRuntimesLoader() throws IOException {
        String report = tinyRun(ClassArchive.CDS);

        assertTrue(Files.isRegularFile(dir.resolve("work/packages/reader/jobstatus.jsa")));
        assertTrue(report.contains("`--archive cds`"), report);
        long shared = Long.parseLong(cells(line(report, "| … of them from a CDS archive")).get(1).replace(",", ""));
        assertTrue(shared > 3000, "classes from an archive: " + shared);
        assertFalse(log("reader-on-demand-1").contains("[cds]"), log("reader-on-demand-1"));
    }

    /**
     * An archive the JVM rejects (another build's, as a Temurin-built one is for Lambda's Corretto) does not stop
     * the function and leaves no complaint in its log: the run completes with every answer right.
     */
    @Test
    void anArchiveOfAnotherJvmBuildIsIgnoredSilently() throws IOException {
        String report = tinyRun(ClassArchive.AOT_FOREIGN);

        assertTrue(report.contains("`--archive aot-foreign`"), report);
        String output = log("reader-on-demand-1");
        assertTrue(output.contains("Picked up JAVA_TOOL_OPTIONS: -XX:AOTCache="), output);
        assertFalse(output.contains("[aot]") || output.contains("[cds]") || output.contains("AOT cache"), output);
    }

    private String tinyRun(ClassArchive archive) {
        Bench.Options options = new Bench.Options(1, new Measurement.Windows(10, 10, 10),
                List.of(Column.READER_ON_DEMAND), Checkout.root(), dir.resolve("BENCHMARKS.md"),
                dir.resolve("work"), true, List.of(), Map.of(), archive, "python3", "BenchIT");
        return new Bench(options).run().markdown();
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve("work/logs/" + name + ".log"));
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
