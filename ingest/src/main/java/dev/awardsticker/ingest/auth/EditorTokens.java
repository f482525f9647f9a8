package dev.awardsticker.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Editors' bearer tokens. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against
 * every token without stopping early, so neither the time taken nor the length of a token gives it away. An
 * editor may hold two tokens at once, {@code new|old}, so a token can be rotated without a moment of 401s while
 * ingest instances restart one by one (docs/operations.md).
 */
public final class EditorTokens {
    /** Separates an editor's current token from the one being retired. */
    public static final String ROTATION_SEPARATOR = "|";

    private record Entry(String editor, byte[] digest) {}

    private final List<Entry> entries = new ArrayList<>();

    public EditorTokens(Map<String, String> tokenByEditor) {
        tokenByEditor.forEach((editor, tokens) -> tokens(tokens).forEach(token -> entries.add(new Entry(editor, sha256(token)))));
    }

    /** The editor whose token this is, if any. */
    public Optional<String> editorFor(String presentedToken) {
        byte[] presented = sha256(presentedToken);
        String match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && match == null) {
                match = entry.editor();
            }
        }
        return Optional.ofNullable(match);
    }

    private static List<String> tokens(String spec) {
        return Arrays.stream(spec.split(Pattern.quote(ROTATION_SEPARATOR), -1)).map(String::strip).toList();
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
            if (editor.isEmpty() || token.isEmpty() || tokens(token).stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("INGEST_TOKENS has an entry without "
                        + (editor.isEmpty() ? "an editor name" : "a token for editor '" + editor + "'")
                        + ": write it as editorName=token,editorName2=token2 (editorName=newToken|oldToken while rotating).");
            }
            if (tokenByEditor.containsKey(editor)) {
                throw new IllegalArgumentException("INGEST_TOKENS names editor '" + editor + "' twice: give each"
                        + " editor one token.");
            }
            if (tokenByEditor.values().stream().flatMap(t -> tokens(t).stream()).anyMatch(tokens(token)::contains)) {
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
