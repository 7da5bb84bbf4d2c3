package com.jobstatus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's results as Markdown: per function a table of medians over the processes of each column, the
 * goals of issue #15 as ratios to the Python peer with their verdicts, the warm-up curve, and every process's
 * figures. Written between two marker lines of {@code BENCHMARKS.md}, so that what people write around them stays.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin: written by bench/run, edits between these markers are overwritten -->";
    static final String END = "<!-- bench:end -->";
    /** Lambda gives a function CPU in proportion to memory: one vCPU at 1,769 MB. */
    static final double VCPU_AT_256_MB = 256 / 1769.0;
    static final double SLOWDOWN_AT_256_MB = 1 / VCPU_AT_256_MB;
    static final String CPU_SHARE_SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html";

    /** What the run was: for the header. */
    record Run(String date, String machine, String command, Bench.Options options, String loadAtStart,
               String loadAtEnd, String jdk, String python, String ricVersion) {
    }

    /** A row of a function's table: a figure per process, and the columns it means something for. */
    private record Row(String label, int decimals, ToDoubleFunction<Measurement> value, Predicate<Column> appliesTo) {
    }

    /** A goal of issue #15: the most a figure of ours may be, as a multiple of the peer's. */
    private record Goal(String label, double maxRatio, ToDoubleFunction<Measurement> value, Predicate<Column> appliesTo) {
    }

    private static final Predicate<Column> ALL = c -> true;
    private static final Predicate<Column> JVM = Column::isJava;

    private final Run run;
    private final Map<Column, List<Measurement>> byColumn = new EnumMap<>(Column.class);

    Report(Run run, List<Measurement> measurements) {
        this.run = run;
        for (Measurement m : measurements) {
            byColumn.computeIfAbsent(m.column(), c -> new ArrayList<>()).add(m);
        }
    }

    private List<Row> rows() {
        Measurement.Windows w = run.options().windows();
        return List.of(
                new Row("INIT CPU (ms)", 0, Measurement::initCpuMillis, ALL),
                new Row("first request CPU (ms)", 1, Measurement::firstCpuMillis, ALL),
                new Row("warm CPU per request, first " + count(w.warm()) + " (requests 2–" + count(1 + w.warm())
                        + ") (ms)", 2, Measurement::warmCpuMillis, ALL),
                new Row("warm CPU per request, steady state (requests " + count(w.steadyAfter() + 1) + "–"
                        + count(w.steadyAfter() + w.steady()) + ") (ms)", 2, Measurement::steadyCpuMillis, ALL),
                new Row("peak RSS (MiB)", 1, Measurement::peakRssMib, ALL),
                new Row("predicted cold response at " + LambdaJvm.MEMORY_MB + " MB: INIT + "
                        + format(SLOWDOWN_AT_256_MB, 1) + " × first request (ms)", 0, Measurement::predictedColdMillis,
                        c -> !c.snapStart),
                new Row("restore: `afterRestore` hooks, CPU (ms)", 1, Measurement::restoreCpuMillis, c -> c.snapStart),
                new Row("JIT threads' CPU in INIT (ms)", 0, Measurement::initJitMillis, JVM),
                new Row("JIT threads' CPU in the first request (ms)", 1, Measurement::firstJitMillis, JVM),
                new Row("JIT threads' CPU per request, first " + count(w.warm()) + " (ms)", 3,
                        Measurement::warmJitMillis, JVM),
                new Row("JIT threads' CPU per request, steady state (ms)", 3, Measurement::steadyJitMillis, JVM),
                new Row("GC and VM thread CPU in the first request (ms)", 1, Measurement::firstGcVmMillis, JVM),
                new Row("classes loaded by the end of INIT", 0, Measurement::classesAtInit, JVM),
                new Row("classes loaded by the end of the first request", 0, Measurement::classesAfterFirst, JVM),
                new Row("classes loaded at the end", 0, Measurement::classesAtEnd, JVM),
                new Row("… of them from a CDS archive (the JDK's, or the function's with `--archive`)", 0,
                        Measurement::sharedClassesAtEnd, JVM),
                new Row("class loading, linking and initialisation by the end of INIT (ms, JVM's timer)", 0,
                        Measurement::initClassLoadingMillis, JVM),
                new Row("class loading, linking and initialisation in the first request (ms, JVM's timer)", 1,
                        Measurement::firstClassLoadingMillis, JVM),
                new Row("metaspace used at the end (MiB)", 1, Measurement::metaspaceMib, JVM));
    }

    private List<Goal> goals() {
        Measurement.Windows w = run.options().windows();
        return List.of(
                new Goal("first request after a SnapStart restore ≤ 1.0×", 1.0, Measurement::firstCpuMillis,
                        c -> c.snapStart),
                new Goal("warm CPU per request, first " + count(w.warm()) + " ≤ 0.75×", 0.75,
                        Measurement::warmCpuMillis, ALL),
                new Goal("warm CPU per request, steady state ≤ 0.75×", 0.75, Measurement::steadyCpuMillis, ALL),
                new Goal("peak RSS ≤ 2.5×", 2.5, Measurement::peakRssMib, ALL),
                new Goal("predicted cold response at " + LambdaJvm.MEMORY_MB + " MB without SnapStart ≤ 2.5×", 2.5,
                        Measurement::predictedColdMillis, c -> !c.snapStart));
    }

    /** Replaces the marked section of {@code file} with this report, or writes a new file holding it. */
    void writeInto(Path file) {
        String section = BEGIN + "\n" + markdown() + END + "\n";
        try {
            String text;
            if (Files.exists(file)) {
                String old = Files.readString(file);
                int begin = old.indexOf(BEGIN);
                int end = old.indexOf(END);
                text = begin >= 0 && end > begin
                        ? old.substring(0, begin) + section + old.substring(end + END.length()).replaceFirst("^\n", "")
                        : old + "\n" + section;
            } else {
                text = "# Benchmarks\n\n" + section;
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        Bench.Options o = run.options();
        Measurement.Windows w = o.windows();
        md.append("## Latest run\n\n")
                .append("- Date: ").append(run.date()).append("; command: `").append(run.command()).append("`\n")
                .append("- Machine: ").append(run.machine()).append('\n')
                .append("- Java: ").append(run.jdk()).append(", AWS's Runtime Interface Client ").append(run.ricVersion())
                .append("; JVM flags as Lambda's runtime at ").append(LambdaJvm.MEMORY_MB).append(" MB: `")
                .append(String.join(" ", o.jvmFlags())).append("`, and for the RIC `")
                .append(String.join(" ", LambdaJvm.runtimeClientFlags(Path.of("…/libaws-lambda-jni.so"))))
                .append("`\n")
                .append("- Class-data archive (`--archive ").append(o.archive().id).append("`): ")
                .append(o.archive().description())
                .append(o.archive() == ClassArchive.NONE ? "" : "; the functions' JVMs get `JAVA_TOOL_OPTIONS="
                        + o.archive().toolOptions(Path.of("<task root>")) + "`; the bare-SDK columns do not")
                .append(o.extraEnv().isEmpty() ? "" : "; the functions' JVMs' extra environment (`--env`): `"
                        + String.join(" ", o.extraEnv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .sorted().toList()) + "`")
                .append('\n')
                .append("- Python peers: ").append(run.python()).append(" under `bench/peers/bootstrap.py`\n")
                .append("- Load average (`uptime`) at start: ").append(run.loadAtStart()).append("; at end: ")
                .append(run.loadAtEnd()).append("; 1-minute load as each process started: ").append(loadRange()).append('\n')
                .append("- Each figure is the median of ").append(o.runs()).append(" fresh process")
                .append(o.runs() == 1 ? "" : "es").append(" per column (columns interleaved); a process serves ")
                .append(count(w.requests())).append(" requests, one at a time.\n")
                .append("- CPU is the process's, every thread included (JIT, GC, the runtime's own), read from outside it; ")
                .append(uncountedNote()).append('\n')
                .append("- SnapStart columns: INIT is the CPU up to the snapshot point (the RIC's `/restore/next`, after the ")
                .append("`beforeCheckpoint` hooks); their first request is the first after the restore.\n\n");
        for (Column.Function function : Column.Function.values()) {
            table(md, function);
        }
        goalTable(md);
        issue6Budgets(md);
        curve(md);
        raw(md);
        return md.toString();
    }

    private void table(StringBuilder md, Column.Function function) {
        List<Column> columns = columns(function);
        if (columns.isEmpty()) {
            return;
        }
        md.append("### ").append(function.functionName).append(" (").append(function.module).append(")\n\n| figure |");
        for (Column c : columns) {
            md.append(' ').append(c.label).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        for (Row row : rows()) {
            md.append("| ").append(row.label()).append(" |");
            for (Column c : columns) {
                md.append(' ').append(row.appliesTo().test(c) ? format(median(c, row.value()), row.decimals()) : "—")
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void goalTable(StringBuilder md) {
        List<Column> columns = new ArrayList<>();
        for (Column c : byColumn.keySet()) {
            if (c.isJava() && byColumn.containsKey(c.function.peer())) {
                columns.add(c);
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        md.append("### Goals (issue #15): ratio to the Python peer of the same run\n\n")
                .append("The bare-SDK columns are not measured against a goal: they show what Java, the RIC and the SDK ")
                .append("cost by themselves, the floor of any handler.\n\n| goal |");
        for (Column c : columns) {
            md.append(' ').append(c.label).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        for (Goal goal : goals()) {
            md.append("| ").append(goal.label()).append(" |");
            for (Column c : columns) {
                if (!goal.appliesTo().test(c)) {
                    md.append(" — |");
                    continue;
                }
                double ratio = median(c, goal.value()) / median(c.function.peer(), goal.value());
                String shown = format(ratio, 2) + "×";
                if (c.runtime == Column.Runtime.JAVA_BARE) {
                    md.append(" (").append(shown).append(") |");
                } else {
                    md.append(' ').append(ratio <= goal.maxRatio() ? "met" : "**not met**").append(" (").append(shown)
                            .append(") |");
                }
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Issue #6's absolute budgets (this machine), now measured under the RIC: for the functions' own columns. */
    private void issue6Budgets(StringBuilder md) {
        List<Column> columns = new ArrayList<>();
        for (Column c : byColumn.keySet()) {
            if (c.runtime == Column.Runtime.JAVA) {
                columns.add(c);
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        md.append("### Budgets of issue #6 (absolute, this machine), measured the same way\n\n| budget |");
        for (Column c : columns) {
            md.append(' ').append(c.label).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        budgetRow(md, columns, "first request CPU ≤ 15 ms", 15, 1, c -> median(c, Measurement::firstCpuMillis));
        budgetRow(md, columns, "INIT CPU ≤ 800 ms", 800, 0, c -> median(c, Measurement::initCpuMillis));
        budgetRow(md, columns, "warm CPU per request (steady state) ≤ 1.0 ms", 1.0, 2,
                c -> median(c, Measurement::steadyCpuMillis));
        budgetRow(md, columns, "peak RSS ≤ 128 MiB", 128, 1, c -> median(c, Measurement::peakRssMib));
        budgetRow(md, columns, "warm CPU per request (steady state) ≤ 1.1× bare SDK", 1.1, 2,
                c -> byColumn.containsKey(c.function.bare())
                        ? median(c, Measurement::steadyCpuMillis) / median(c.function.bare(), Measurement::steadyCpuMillis)
                        : Double.NaN);
        md.append('\n');
    }

    private static void budgetRow(StringBuilder md, List<Column> columns, String label, double budget, int decimals,
                                  ToDoubleFunction<Column> value) {
        md.append("| ").append(label).append(" |");
        for (Column c : columns) {
            double v = value.applyAsDouble(c);
            md.append(Double.isNaN(v) ? " not measured |"
                    : " " + (v <= budget ? "met" : "**not met**") + " (" + format(v, decimals) + ") |");
        }
        md.append('\n');
    }

    private void curve(StringBuilder md) {
        List<Column> columns = new ArrayList<>(byColumn.keySet());
        int chunks = Integer.MAX_VALUE;
        for (List<Measurement> list : byColumn.values()) {
            for (Measurement m : list) {
                chunks = Math.min(chunks, m.curve().length);
            }
        }
        if (chunks == 0 || chunks == Integer.MAX_VALUE) {
            return;
        }
        md.append("### Warm-up: mean CPU per request (ms) in chunks of ").append(count(Measurement.CHUNK))
                .append(" requests\n\n| requests |");
        for (Column c : columns) {
            md.append(' ').append(c.label).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        for (int chunk = 0; chunk < chunks; chunk++) {
            int index = chunk;
            md.append("| ").append(count(2 + chunk * Measurement.CHUNK)).append("–")
                    .append(count(1 + (chunk + 1) * Measurement.CHUNK)).append(" |");
            for (Column c : columns) {
                md.append(' ').append(format(median(c, m -> m.curve()[index]), 2)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void raw(StringBuilder md) {
        md.append("<details><summary>Every process's figures</summary>\n\n")
                .append("| column | run | load | INIT CPU ms | INIT wall ms | first CPU ms | warm CPU ms/req | "
                        + "steady CPU ms/req | peak RSS MiB | classes | uncounted CPU ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<Measurement> list : byColumn.values()) {
            for (Measurement m : list) {
                md.append("| ").append(m.column().label).append(" | ").append(m.round())
                        .append(" | ").append(format(m.loadAtStart(), 2))
                        .append(" | ").append(format(m.initCpuMillis(), 0))
                        .append(" | ").append(format(m.initWallMillis(), 0))
                        .append(" | ").append(format(m.firstCpuMillis(), 1))
                        .append(" | ").append(format(m.warmCpuMillis(), 3))
                        .append(" | ").append(format(m.steadyCpuMillis(), 3))
                        .append(" | ").append(format(m.peakRssMib(), 1))
                        .append(" | ").append(format(m.classesAtEnd(), 0))
                        .append(" | ").append(m.uncountedCpuMillis()).append(" |\n");
            }
        }
        md.append("\n</details>\n\n");
    }

    private String loadRange() {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (List<Measurement> list : byColumn.values()) {
            for (Measurement m : list) {
                min = Math.min(min, m.loadAtStart());
                max = Math.max(max, m.loadAtStart());
            }
        }
        return format(min, 2) + "–" + format(max, 2);
    }

    private String uncountedNote() {
        long worst = 0;
        for (List<Measurement> list : byColumn.values()) {
            for (Measurement m : list) {
                worst = Math.max(worst, Math.abs(m.uncountedCpuMillis()));
            }
        }
        return "at the end of each process the sum is checked against the kernel's own count in 10 ms ticks: at most "
                + worst + " ms apart.";
    }

    private List<Column> columns(Column.Function function) {
        List<Column> columns = new ArrayList<>();
        for (Column c : byColumn.keySet()) {
            if (c.function == function) {
                columns.add(c);
            }
        }
        return columns;
    }

    private double median(Column column, ToDoubleFunction<Measurement> figure) {
        List<Measurement> list = byColumn.get(column);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = figure.applyAsDouble(list.get(i));
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String format(double value, int decimals) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
