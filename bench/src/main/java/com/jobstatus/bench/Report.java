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

/**
 * The benchmark's results as Markdown: per function a table of medians over the probe JVMs, each figure next
 * to the bare-SDK baseline's and as a ratio to it, the budgets, the predicted latency at 256 MB, and every
 * JVM's raw figures. Written between two marker lines of {@code BENCHMARKS.md}, so that what people write
 * around them (the history of optimisations) stays.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin: written by bench/run, edits between these markers are overwritten -->";
    static final String END = "<!-- bench:end -->";
    /** Lambda gives a function CPU in proportion to memory: one vCPU at 1,769 MB. */
    static final double VCPU_AT_256_MB = 256 / 1769.0;
    static final double SLOWDOWN_AT_256_MB = 1 / VCPU_AT_256_MB;
    static final String CPU_SHARE_SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html";
    static final double DYNAMO_CALL_MILLIS = 5;

    /** What the run was: for the header. */
    record Run(String date, String machine, String command, Bench.Options options, String loadAtStart,
               String loadAtEnd) {
    }

    private final Run run;
    private final Map<Scenario, List<Measurement>> byScenario = new EnumMap<>(Scenario.class);

    Report(Run run, List<Measurement> measurements) {
        this.run = run;
        for (Measurement m : measurements) {
            byScenario.computeIfAbsent(m.scenario(), s -> new ArrayList<>()).add(m);
        }
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
        md.append("## Latest run\n\n")
                .append("- Date: ").append(run.date()).append("; command: `").append(run.command()).append("`\n")
                .append("- Machine: ").append(run.machine()).append('\n')
                .append("- JDK: ").append(jvm()).append("; JVM flags as Lambda's runtime at ").append(LambdaJvm.MEMORY_MB)
                .append(" MB: `").append(String.join(" ", o.jvmFlags())).append("`\n")
                .append("- Load average (`uptime`) at start: ").append(run.loadAtStart()).append("; at end: ")
                .append(run.loadAtEnd()).append("; 1-minute load as each JVM started: ").append(loadRange()).append('\n')
                .append("- Each figure is the median of ").append(o.jvms()).append(" fresh JVM").append(o.jvms() == 1 ? "" : "s")
                .append(" per column (columns interleaved); a JVM serves 1 first request, ").append(o.warmup())
                .append(" warm-up requests, then ").append(o.requests()).append(" measured warm requests, one at a time.\n")
                .append("- CPU is the process's CPU time (all threads: JIT, GC included); ").append(lostCpuNote()).append('\n')
                .append("- Metaspace: Lambda's java8/java11 runtimes capped it at 10 % of memory (")
                .append(format(LambdaJvm.OLD_METASPACE_CAP_MIB, 1)).append(" MiB at ").append(LambdaJvm.MEMORY_MB)
                .append(" MB); a function using more would fail there with `OutOfMemoryError: Metaspace`.\n\n");
        for (Scenario.Function function : Scenario.Function.values()) {
            table(md, function);
        }
        prediction(md);
        budgets(md);
        raw(md);
        return md.toString();
    }

    private void table(StringBuilder md, Scenario.Function function) {
        List<Scenario> columns = columns(function);
        if (columns.isEmpty()) {
            return;
        }
        Scenario bare = function.bare();
        md.append("### ").append(function.functionName).append(" (").append(function.module).append(")\n\n| figure |");
        for (Scenario s : columns) {
            md.append(' ').append(s.label).append(" |");
            if (!s.bare() && byScenario.containsKey(bare)) {
                md.append(" ÷ bare |");
            }
        }
        md.append(" budget |\n|---|");
        md.append("---:|".repeat(columnCount(columns, bare)));
        md.append("---|\n");
        for (Figure figure : Figure.values()) {
            if (!figure.appliesTo(function)) {
                continue;
            }
            md.append("| ").append(figure.label).append(figure.unit.isEmpty() ? "" : " (" + figure.unit + ")").append(" |");
            for (Scenario s : columns) {
                double value = median(s, figure);
                md.append(' ').append(format(value, figure.decimals));
                if (!s.bare() && figure.hasBudget() && !Double.isNaN(value)) {
                    md.append(value <= figure.budget ? " ✔" : " ✘");
                }
                md.append(" |");
                if (!s.bare() && byScenario.containsKey(bare)) {
                    md.append(' ').append(ratio(s, bare, figure)).append(" |");
                }
            }
            md.append(' ').append(budgetText(figure)).append(" |\n");
        }
        md.append('\n');
    }

    private int columnCount(List<Scenario> columns, Scenario bare) {
        int count = 0;
        for (Scenario s : columns) {
            count += !s.bare() && byScenario.containsKey(bare) ? 2 : 1;
        }
        return count;
    }

    private String ratio(Scenario s, Scenario bare, Figure figure) {
        double ratio = median(s, figure) / median(bare, figure);
        if (Double.isNaN(ratio)) {
            return format(ratio, 2);
        }
        String text = format(ratio, 2) + "×";
        if (figure == Figure.WARM_CPU || figure == Figure.CPU_PER_EVENT) {
            text += ratio <= Figure.WARM_CPU_RATIO_BUDGET ? " ✔" : " ✘";
        }
        return text;
    }

    private static String budgetText(Figure figure) {
        if (!figure.hasBudget()) {
            return "";
        }
        String text = "≤ " + format(figure.budget, figure.budget < 10 ? 1 : 0) + " " + figure.unit;
        if (figure == Figure.WARM_CPU || figure == Figure.CPU_PER_EVENT) {
            text += "; ≤ " + Figure.WARM_CPU_RATIO_BUDGET + "× bare";
        }
        return text;
    }

    private void prediction(StringBuilder md) {
        md.append("### Predicted latency at ").append(LambdaJvm.MEMORY_MB).append(" MB\n\n")
                .append("A ").append(LambdaJvm.MEMORY_MB).append(" MB function gets ").append(format(VCPU_AT_256_MB, 3))
                .append(" of a vCPU while it handles a request (CPU in proportion to memory, one vCPU at 1,769 MB: ")
                .append(CPU_SHARE_SOURCE).append("), so a request's CPU takes ×").append(format(SLOWDOWN_AT_256_MB, 1))
                .append(" its local time; INIT runs unthrottled (DESIGN.md section 10), taken here as its CPU time. ")
                .append("Each DynamoDB call adds ~").append(format(DYNAMO_CALL_MILLIS, 0))
                .append(" ms of network. SnapStart's restore itself is not modelled.\n\n")
                .append("| request | formula | GetJobFn | ProjectorFn |\n|---|---|---:|---:|\n");
        predictionRow(md, "first request, cold start without SnapStart",
                "INIT CPU + first-request CPU × " + format(SLOWDOWN_AT_256_MB, 1) + " + calls × 5 ms", false, true);
        predictionRow(md, "first request after a SnapStart restore",
                "first-request CPU × " + format(SLOWDOWN_AT_256_MB, 1) + " + calls × 5 ms", true, false);
        predictionRow(md, "warm request", "warm CPU × " + format(SLOWDOWN_AT_256_MB, 1) + " + calls × 5 ms", true, false);
        md.append('\n');
    }

    private void predictionRow(StringBuilder md, String name, String formula, boolean snapstart, boolean withInit) {
        md.append("| ").append(name).append(" | ").append(formula).append(" |");
        for (Scenario.Function function : Scenario.Function.values()) {
            Scenario s = snapstart ? function.snapstart() : function.onDemand();
            if (!byScenario.containsKey(s)) {
                md.append(" |");
                continue;
            }
            double cpuMillis = name.startsWith("warm") ? median(s, Figure.WARM_CPU) : median(s, Figure.FIRST_CPU);
            double millis = cpuMillis * SLOWDOWN_AT_256_MB + function.dynamoCallsPerRequest * DYNAMO_CALL_MILLIS
                    + (withInit ? median(s, Figure.INIT_CPU) * 1000 : 0);
            md.append(' ').append(format(millis, 0)).append(" ms |");
        }
        md.append('\n');
    }

    private void budgets(StringBuilder md) {
        md.append("### Budgets (this machine)\n\n| budget |");
        List<Scenario> functions = new ArrayList<>();
        for (Scenario s : byScenario.keySet()) {
            if (!s.bare()) {
                functions.add(s);
                md.append(' ').append(s.label).append(" |");
            }
        }
        md.append("\n|---|").append("---|".repeat(functions.size())).append('\n');
        for (Figure figure : List.of(Figure.FIRST_CPU, Figure.INIT_CPU, Figure.WARM_CPU, Figure.PEAK_RSS)) {
            md.append("| ").append(figure.label).append(' ').append(budgetText(figure).replaceFirst(";.*", "")).append(" |");
            for (Scenario s : functions) {
                md.append(' ').append(verdict(median(s, figure), figure.budget, format(median(s, figure),
                        figure.decimals))).append(" |");
            }
            md.append('\n');
        }
        md.append("| warm CPU ≤ ").append(Figure.WARM_CPU_RATIO_BUDGET).append("× bare SDK |");
        for (Scenario s : functions) {
            Scenario bare = s.function.bare();
            if (!byScenario.containsKey(bare)) {
                md.append(" not measured |");
                continue;
            }
            double ratio = median(s, Figure.WARM_CPU) / median(bare, Figure.WARM_CPU);
            md.append(' ').append(verdict(ratio, Figure.WARM_CPU_RATIO_BUDGET, format(ratio, 2) + "×")).append(" |");
        }
        md.append("\n\n");
    }

    private static String verdict(double value, double budget, String shown) {
        if (Double.isNaN(value)) {
            return "— (warm path measured with SnapStart)";
        }
        return (value <= budget ? "met" : "**not met**") + " (" + shown + ")";
    }

    private void raw(StringBuilder md) {
        md.append("<details><summary>Every JVM's figures</summary>\n\n")
                .append("| column | JVM | load | INIT CPU s | INIT wall s | first CPU ms | first wall ms | warm CPU ms/req "
                        + "| warm wall ms/req | peak RSS MiB | uncounted CPU ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<Measurement> list : byScenario.values()) {
            for (Measurement m : list) {
                md.append("| ").append(m.scenario().label).append(" | ").append(m.round())
                        .append(" | ").append(format(m.loadAtStart(), 2))
                        .append(" | ").append(format(Figure.INIT_CPU.value.applyAsDouble(m), 3))
                        .append(" | ").append(format(Figure.INIT_WALL.value.applyAsDouble(m), 3))
                        .append(" | ").append(format(Figure.FIRST_CPU.value.applyAsDouble(m), 1))
                        .append(" | ").append(format(Figure.FIRST_WALL.value.applyAsDouble(m), 1))
                        .append(" | ").append(format(Figure.WARM_CPU.value.applyAsDouble(m), 3))
                        .append(" | ").append(format(Figure.WARM_WALL.value.applyAsDouble(m), 2))
                        .append(" | ").append(format(Figure.PEAK_RSS.value.applyAsDouble(m), 1))
                        .append(" | ").append(m.lostCpuMillis()).append(" |\n");
            }
        }
        md.append("\n</details>\n\n");
    }

    private String jvm() {
        return byScenario.values().iterator().next().getFirst().jvm();
    }

    private String loadRange() {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (List<Measurement> list : byScenario.values()) {
            for (Measurement m : list) {
                min = Math.min(min, m.loadAtStart());
                max = Math.max(max, m.loadAtStart());
            }
        }
        return format(min, 2) + "–" + format(max, 2);
    }

    private String lostCpuNote() {
        long worst = 0;
        for (List<Measurement> list : byScenario.values()) {
            for (Measurement m : list) {
                worst = Math.max(worst, Math.abs(m.lostCpuMillis()));
            }
        }
        return "cross-check against the kernel's tick count at the end of each JVM: at most " + worst
                + " ms apart (ticks are 10 ms).";
    }

    private List<Scenario> columns(Scenario.Function function) {
        List<Scenario> columns = new ArrayList<>();
        for (Scenario s : byScenario.keySet()) {
            if (s.function == function) {
                columns.add(s);
            }
        }
        return columns;
    }

    double median(Scenario scenario, Figure figure) {
        List<Measurement> list = byScenario.get(scenario);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = figure.value.applyAsDouble(list.get(i));
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String format(double value, int decimals) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
