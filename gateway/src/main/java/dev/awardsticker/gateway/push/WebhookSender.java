package dev.awardsticker.gateway.push;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one subscription's deliveries on Vert.x's non-blocking HTTP client. Each subscription has a client of its
 * own with one connection, so a receiver that hangs can only ever hold its own subscription's connection.
 */
final class WebhookSender implements AutoCloseable {
    // Standard Webhooks spells them in lower case (HTTP header names are case-insensitive anyway).
    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    static final String USER_AGENT = "awards-ticker-webhooks/1";

    /** How one attempt went: a status (0 if none came) and, without one, what went wrong. */
    record Attempt(int status, long retryAfterMs, String error) {
        boolean accepted() {
            return RetryPolicy.accepted(status);
        }

        boolean retryable() {
            return status == 0 || RetryPolicy.retryable(status);
        }

        String describe() {
            return status == 0 ? error : "HTTP " + status;
        }
    }

    /** An attempt in flight, which the worker may abandon when it is told to stop. */
    record InFlight(Future<Attempt> result, Runnable abandon) {}

    private final HttpClientAgent client;
    private final Context context;
    private final long timeoutMs;

    WebhookSender(Vertx vertx, long timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(1));
    }

    /**
     * Signs with a fresh timestamp (receivers refuse old ones) with every secret given (more than one during a
     * rotation) and POSTs. Never fails: errors are an Attempt.
     */
    InFlight post(String url, WebhookSubscription subscription, String webhookId, byte[] body) {
        Instant now = Instant.now();
        long timestamp = now.getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", USER_AGENT)
                .putHeader(ID, webhookId)
                .putHeader(TIMESTAMP, String.valueOf(timestamp))
                .putHeader(SIGNATURE, Signature.header(subscription.signingSecrets(now), webhookId, timestamp, body));
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        Promise<Attempt> result = Promise.promise();
        // The chain is built on the client's event loop, not on the calling worker thread: attached from there, a
        // step whose future had already completed ran on the worker at once, and response.end() could then come
        // after the response had ended (an IllegalStateException after the receiver had accepted: a retry, and a
        // second delivery to a receiver that answered 2xx).
        context.runOnContext(v -> client.request(options)
                .compose(req -> {
                    request.set(req);
                    return req.send(Buffer.buffer(body));
                })
                // The body is not read: a 2xx is the answer; end() discards what the receiver sends.
                .compose(response -> response.end().map(end -> new Attempt(response.statusCode(),
                        retryAfterMs(response.getHeader("Retry-After")), null)))
                // Idle timeouts do not stop a receiver that trickles bytes forever: this bounds the whole attempt.
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .recover(error -> {
                    abandon(request);
                    return Future.succeededFuture(new Attempt(0, -1, describe(error)));
                })
                .onComplete(result));
        return new InFlight(result.future(), () -> context.runOnContext(v -> abandon(request)));
    }

    private static void abandon(AtomicReference<HttpClientRequest> request) {
        HttpClientRequest req = request.get();
        if (req != null) {
            req.reset();
        }
    }

    private String describe(Throwable error) {
        if (error instanceof java.util.concurrent.TimeoutException
                || String.valueOf(error.getMessage()).toLowerCase().contains("timeout")) {
            return "no answer within " + timeoutMs + " ms";
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** Seconds only (the HTTP-date form is rare for webhooks); -1 when absent or unreadable. */
    static long retryAfterMs(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.strip())) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
