package com.jobstatus.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.localaws.Checkout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template against the real tools and the built artifacts: cfn-lint, and the zips its CodeUris name. */
class TemplateBuildIT {

    private static final Path TEMPLATE = Checkout.root().resolve("template.yaml");
    /** The template's parameters that create a method on a path the existing API may have already. */
    static final List<String> METHOD_SWITCHES = List.of("CreateListGet", "CreateListOptions", "CreateJobGet",
            "CreateJobOptions");

    @Test
    void cfnLintFindsNoErrors() throws Exception {
        lint(List.of(TEMPLATE));
    }

    /**
     * Every combination of what the stack adds to a busy API (docs/DESIGN.md §7): the {@code {id}} resource
     * created or adopted, times each of the four methods created or not; the gateway responses, which touch none
     * of those, on in half of them and off in the other half (by the parity of the switches that are on, so each
     * switch is linted both ways with either); JobTtlDays through each value it allows, whose row of the archive's
     * retention table then counts. Each is the template as CloudFormation applies it
     * for those values ({@link SamTemplate#forParameters}): cfn-lint sees exactly what that deployment would get,
     * such as a reference to a resource it leaves out.
     */
    @Test
    void cfnLintFindsNothingInAnyCombinationOfTheSwitches(@TempDir Path dir) throws Exception {
        SamTemplate template = SamTemplate.load();
        List<String> ttlDays = new ArrayList<>();
        template.root().path("Parameters").path("JobTtlDays").path("AllowedValues")
                .forEach(value -> ttlDays.add(value.asText()));
        List<Path> combinations = new ArrayList<>();
        for (String jobResourceId : List.of("", "xyz789")) {
            for (int methods = 0; methods < 1 << METHOD_SWITCHES.size(); methods++) {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("JobResourceId", jobResourceId);
                for (int bit = 0; bit < METHOD_SWITCHES.size(); bit++) {
                    values.put(METHOD_SWITCHES.get(bit), Boolean.toString((methods & (1 << bit)) != 0));
                }
                int on = Integer.bitCount(methods) + (jobResourceId.isEmpty() ? 0 : 1);
                values.put("EnableGatewayResponses", Boolean.toString(on % 2 == 1));
                values.put("JobTtlDays", ttlDays.get(combinations.size() % ttlDays.size()));
                Path file = dir.resolve("combination-" + combinations.size() + ".json");
                Files.writeString(file, template.forParameters(values).root().toPrettyString());
                combinations.add(file);
            }
        }
        assertEquals(32, combinations.size());
        lint(combinations);
    }

    private static void lint(List<Path> templates) throws Exception {
        String command = System.getenv().getOrDefault("CFN_LINT", "cfn-lint");
        List<String> arguments = new ArrayList<>(List.of(command));
        templates.forEach(template -> arguments.add(template.toString()));
        Process lint;
        try {
            lint = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + command + "' (pip install 'cfn-lint==1.51.0'): " + e.getMessage(), e);
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(300, TimeUnit.SECONDS), "cfn-lint did not finish");
        // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational; 1 means it failed to run
        int rc = lint.exitValue();
        assertEquals(0, rc & 3, "cfn-lint errors:\n" + output);
        assertEquals(0, rc, "cfn-lint warnings (keep the template clean):\n" + output);
    }

    @Test
    void everyCodeUriIsALambdaZipThatMavenPackageBuilt() throws IOException {
        SamTemplate template = SamTemplate.load();
        for (String function : List.of("ProjectorFunction", "GetJobFunction", "WsAuthorizerFunction",
                "ConnectionsFunction", "PushFunction")) {
            String codeUri = template.properties(function).path("CodeUri").asText();
            Path zip = Checkout.root().resolve(codeUri);
            assertTrue(Files.isRegularFile(zip), codeUri + " missing: run ./mvnw package");
            String handlerClass = template.handlerClass(function).replace('.', '/') + ".class";
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                assertTrue(archive.getEntry(handlerClass) != null, codeUri + " lacks " + handlerClass);
                assertTrue(archive.stream().anyMatch(e -> e.getName().startsWith("lib/aws-lambda-java-core")),
                        codeUri + " lacks its dependencies in lib/");
                assertTrue(archive.getEntry("log4j2.xml") == null, "log4j2.xml belongs in the runtime jar, once");
            }
        }
    }
}
