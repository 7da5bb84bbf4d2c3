package com.jobstatus.ops;

import com.jobstatus.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The stage whose names are the defaults, read from template.yaml only when a name is not given by flag. */
final class StackOptions {

    /** The {@code jobs-ops} script names the repository's template, so the tool works from any directory. */
    static final String TEMPLATE_PROPERTY = "jobs.ops.template";

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "Stage whose names in template.yaml are the defaults (dev or prod). Default: the "
                    + "template's default Stage.")
    String stage;

    @Option(names = "--event-source", paramLabel = "SOURCE",
            description = "An allowed event source, as the deployment's EventSources parameter (repeat for "
                    + "more). Default: the template's default.")
    List<String> eventSources;

    private StackNames names;

    StackNames names() {
        if (names == null) {
            String file = System.getProperty(TEMPLATE_PROPERTY);
            SamTemplate template = file == null ? SamTemplate.load() : SamTemplate.load(Path.of(file));
            names = StackNames.of(template, stage != null ? stage : template.parameterDefault("Stage"));
        }
        return names;
    }

    /** {@code override} if given, else the stage's name. */
    String pick(String override, Function<StackNames, String> fromStage) {
        return override != null ? override : fromStage.apply(names());
    }

    Set<String> eventSources() {
        return new LinkedHashSet<>(eventSources != null ? eventSources : names().eventSources());
    }
}
