package dev.awardsticker.ingest.web;

import java.util.Map;

/**
 * An answer to a request that could not be served, with what is wrong and what to do. Expected user errors
 * travel as this exception without a stack trace: they are answered, never logged as failures.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final Map<String, String> headers;

    public ApiError(int status, String message, String field, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    public static ApiError badRequest(String field, String message) {
        return new ApiError(400, message, field, Map.of());
    }

    public static ApiError unauthorized(String message, String challenge) {
        return new ApiError(401, message, null, Map.of("WWW-Authenticate", challenge));
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message, null, Map.of());
    }

    /** The request is well-formed but contradicts what is already recorded. */
    public static ApiError conflict(String field, String message) {
        return new ApiError(409, message, field, Map.of());
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, message, null, Map.of());
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, message, null, Map.of());
    }

    public static ApiError unprocessable(String field, String message) {
        return new ApiError(422, message, field, Map.of());
    }

    public static ApiError unavailable(String message, int retryAfterSeconds) {
        return new ApiError(503, message, null, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    /** JSON path of the offending field, or null when the error is not about one field. */
    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
