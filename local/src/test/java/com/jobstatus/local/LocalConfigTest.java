package com.jobstatus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jobstatus.runtime.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalConfigTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsArePorts4566And3000AndStackJsonInLocal() {
        LocalConfig config = LocalConfig.from(new Env(Map.of()), List.of(), ROOT);
        assertEquals(4566, config.awsPort());
        assertEquals(3000, config.apiPort());
        assertEquals("us-east-1", config.region());
        assertEquals(Path.of("/repo/local/stack.json"), config.stackFile());
        assertFalse(config.demo());
        assertEquals(Map.of(), config.parameterOverrides());
    }

    @Test
    void portsComeFromTheEnvironmentAndOptionsFromTheCommandLine() {
        LocalConfig config = LocalConfig.from(new Env(Map.of("LOCAL_AWS_PORT", "5000", "LOCAL_API_PORT", "5001")),
                List.of("--parameter-overrides", "AllowedOrigins=http://localhost:5173", "EnableGatewayResponses=true",
                        "--demo"), ROOT);
        assertEquals(5000, config.awsPort());
        assertEquals(5001, config.apiPort());
        assertTrue(config.demo());
        assertEquals(Map.of("AllowedOrigins", "http://localhost:5173", "EnableGatewayResponses", "true"),
                config.parameterOverrides());
    }

    @Test
    void unknownArgumentsAndOnePortForBothAreRefusedNamingWhy() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LocalConfig.from(new Env(Map.of()), List.of("--dmeo"), ROOT));
        assertTrue(unknown.getMessage().contains("--dmeo") && unknown.getMessage().contains("usage"), unknown.getMessage());
        IllegalArgumentException samePort = assertThrows(IllegalArgumentException.class,
                () -> LocalConfig.from(new Env(Map.of("LOCAL_API_PORT", "4566")), List.of(), ROOT));
        assertTrue(samePort.getMessage().contains("LOCAL_AWS_PORT") && samePort.getMessage().contains("LOCAL_API_PORT"));
        IllegalStateException badPort = assertThrows(IllegalStateException.class,
                () -> LocalConfig.from(new Env(Map.of("LOCAL_AWS_PORT", "http")), List.of(), ROOT));
        assertTrue(badPort.getMessage().contains("LOCAL_AWS_PORT"), badPort.getMessage());
    }
}
