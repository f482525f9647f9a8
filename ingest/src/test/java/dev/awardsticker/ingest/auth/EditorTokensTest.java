package dev.awardsticker.ingest.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditorTokensTest {

    @Test
    void findsTheEditorOfAToken() {
        EditorTokens tokens = new EditorTokens(EditorTokens.parse("alice=token-a,bob=token-b"));
        assertEquals(Optional.of("alice"), tokens.editorFor("token-a"));
        assertEquals(Optional.of("bob"), tokens.editorFor("token-b"));
        assertEquals(Optional.empty(), tokens.editorFor("token-"));
        assertEquals(Optional.empty(), tokens.editorFor("token-ab"));
        assertEquals(Optional.empty(), tokens.editorFor(""));
    }

    @Test
    void anEditorHoldsTwoTokensWhileOneIsRotated() {
        EditorTokens tokens = new EditorTokens(EditorTokens.parse("alice=new-a|old-a,bob=token-b"));
        assertEquals(Optional.of("alice"), tokens.editorFor("new-a"));
        assertEquals(Optional.of("alice"), tokens.editorFor("old-a"));
        assertEquals(Optional.empty(), tokens.editorFor("new-a|old-a"));
        assertEquals(Optional.of("bob"), tokens.editorFor("token-b"));
    }

    @Test
    void tokensMayContainEqualsSigns() {
        assertEquals(Map.of("alice", "dG9rZW4="), EditorTokens.parse("alice=dG9rZW4="));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = ';', value = {
            "alice                     ; without a token for editor 'alice'",
            "alice=                    ; without a token for editor 'alice'",
            "=Zq9x                     ; without an editor name",
            "alice=Zq9a,alice=Zq9b     ; names editor 'alice' twice",
            "alice=Zq9same,bob=Zq9same ; the same token as another editor",
            "alice=Zq9new|             ; without a token for editor 'alice'",
            "alice=Zq9a,bob=Zq9b|Zq9a  ; the same token as another editor"})
    void explainsBadSpecsWithoutRepeatingTokens(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EditorTokens.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("Zq9"), e.getMessage());
    }
}
