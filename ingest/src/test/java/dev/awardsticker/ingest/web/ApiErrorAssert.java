package dev.awardsticker.ingest.web;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Asserts that code answers with a given status and field, and a message that says what to do. */
public final class ApiErrorAssert {
    private ApiErrorAssert() {}

    public static ApiError assertApiError(int status, String field, Executable code) {
        ApiError error = assertThrows(ApiError.class, code);
        assertEquals(status, error.status(), error.getMessage());
        assertEquals(field, error.field(), error.getMessage());
        assertFalse(error.getMessage().isBlank());
        return error;
    }
}
