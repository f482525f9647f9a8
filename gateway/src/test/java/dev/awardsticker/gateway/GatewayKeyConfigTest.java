package dev.awardsticker.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GATEWAY_JWT_PUBLIC_KEY_FILE and GATEWAY_JWT_JWKS_FILE: read, and refused naming the variable when unusable. */
class GatewayKeyConfigTest {

    @Test
    void publicKeyFilesTurnTokensOn(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("idp.pem"), Tokens.pem(Tokens.keyPair("EC").getPublic()));
        Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("GATEWAY_JWT_PUBLIC_KEY_FILE", pem.toString(),
                "GATEWAY_JWT_JWKS_FILE", " " + jwks + " "));
        assertEquals(pem, config.jwtPublicKeyFile());
        assertEquals(jwks, config.jwtJwksFile());
        assertTrue(config.authEnabled());
        assertTrue(config.toString().contains("jwtPublicKeyFile=" + pem), config.toString());
    }

    @Test
    void anUnreadableKeyFileIsRefusedNamingTheVariable(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pem");
        IllegalArgumentException pem = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.fromEnv(Map.of("GATEWAY_JWT_PUBLIC_KEY_FILE", missing.toString())));
        assertTrue(pem.getMessage().startsWith("GATEWAY_JWT_PUBLIC_KEY_FILE: cannot read " + missing), pem.getMessage());
        IllegalArgumentException jwks = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.fromEnv(Map.of("GATEWAY_JWT_JWKS_FILE", missing.toString())));
        assertTrue(jwks.getMessage().startsWith("GATEWAY_JWT_JWKS_FILE: cannot read " + missing), jwks.getMessage());
    }
}
