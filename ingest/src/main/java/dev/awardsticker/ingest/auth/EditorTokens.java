package dev.awardsticker.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Editors' bearer tokens. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against
 * every editor without stopping early, so neither the time taken nor the length of a token gives it away.
 */
public final class EditorTokens {
    private final Map<String, byte[]> digestByEditor = new LinkedHashMap<>();

    public EditorTokens(Map<String, String> tokenByEditor) {
        tokenByEditor.forEach((editor, token) -> digestByEditor.put(editor, sha256(token)));
    }

    /** The editor whose token this is, if any. */
    public Optional<String> editorFor(String presentedToken) {
        byte[] presented = sha256(presentedToken);
        String match = null;
        for (Map.Entry<String, byte[]> entry : digestByEditor.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented) && match == null) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * Parses {@code editorName=token,editorName2=token2}. Messages never repeat a token: they end up in logs.
     */
    public static Map<String, String> parse(String spec) {
        Map<String, String> tokenByEditor = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return tokenByEditor;
        }
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String editor = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
            String token = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (editor.isEmpty() || token.isEmpty()) {
                throw new IllegalArgumentException("INGEST_TOKENS has an entry without "
                        + (editor.isEmpty() ? "an editor name" : "a token for editor '" + editor + "'")
                        + ": write it as editorName=token,editorName2=token2.");
            }
            if (tokenByEditor.containsKey(editor)) {
                throw new IllegalArgumentException("INGEST_TOKENS names editor '" + editor + "' twice: give each"
                        + " editor one token.");
            }
            if (tokenByEditor.containsValue(token)) {
                throw new IllegalArgumentException("INGEST_TOKENS gives editor '" + editor + "' the same token as"
                        + " another editor: every editor needs their own, so each event names who entered it.");
            }
            tokenByEditor.put(editor, token);
        }
        return tokenByEditor;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
