package com.jobstatus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The template against the real tools and the built artifacts: cfn-lint, and the zips its CodeUris name. */
class TemplateBuildIT {

    private static final Path TEMPLATE = root().resolve("template.yaml");

    @Test
    void cfnLintFindsNoErrors() throws Exception {
        String command = System.getenv().getOrDefault("CFN_LINT", "cfn-lint");
        Process lint;
        try {
            lint = new ProcessBuilder(command, TEMPLATE.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + command + "' (pip install 'cfn-lint==1.51.0'): " + e.getMessage(), e);
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");
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
            Path zip = root().resolve(codeUri);
            assertTrue(Files.isRegularFile(zip), codeUri + " missing: run ./mvnw package");
            String handler = template.properties(function).path("Handler").asText();
            String handlerClass = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                assertTrue(archive.getEntry(handlerClass) != null, codeUri + " lacks " + handlerClass);
                assertTrue(archive.stream().anyMatch(e -> e.getName().startsWith("lib/aws-lambda-java-core")),
                        codeUri + " lacks its dependencies in lib/");
                assertTrue(archive.getEntry("log4j2.xml") == null, "log4j2.xml belongs in the runtime jar, once");
            }
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found");
    }
}
