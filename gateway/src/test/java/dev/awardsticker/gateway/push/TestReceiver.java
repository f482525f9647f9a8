package dev.awardsticker.gateway.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP webhook receiver (the JDK's server) that records every request and answers as told. */
final class TestReceiver implements AutoCloseable {
    /** Never answer: hold the request until the receiver is closed. */
    static final int HANG = -1;

    /** How to answer attempt {@code attempt} (1, 2, ...) of delivery {@code webhookId}. */
    interface Behaviour {
        int status(String webhookId, int attempt);
    }

    /** @param receivedAtNanos {@link System#nanoTime()} when the request's body had been read */
    record Received(String id, String timestamp, String signature, String body, int status, long receivedAtNanos) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Behaviour behaviour;
    /** Requests whose webhook-signature header fails this are answered 503 (and so retried). */
    private volatile java.util.function.Predicate<String> signatureWanted = signature -> true;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private int hanging;

    private TestReceiver(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestReceiver start(Behaviour behaviour) throws IOException {
        return new TestReceiver(behaviour);
    }

    static TestReceiver accepting() throws IOException {
        return start((id, attempt) -> 200);
    }

    void behave(Behaviour newBehaviour) {
        behaviour = newBehaviour;
    }

    void acceptOnlySignatures(java.util.function.Predicate<String> wanted) {
        signatureWanted = wanted;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long receivedAt = System.nanoTime();
        String id = exchange.getRequestHeaders().getFirst("Webhook-Id");
        int attempt;
        synchronized (this) {
            attempt = attempts.merge(id, 1, Integer::sum);
        }
        int status = signatureWanted.test(exchange.getRequestHeaders().getFirst("Webhook-Signature"))
                ? behaviour.status(id, attempt) : 503;
        if (status == HANG) {
            synchronized (this) {
                hanging++;
            }
            try {
                closing.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        synchronized (this) {
            // Recorded before answering: once the sender sees the status, the test sees the request.
            received.add(new Received(id, exchange.getRequestHeaders().getFirst("Webhook-Timestamp"),
                    exchange.getRequestHeaders().getFirst("Webhook-Signature"), body, status, receivedAt));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    synchronized List<Received> accepted() {
        return received.stream().filter(Received::accepted).toList();
    }

    synchronized List<String> acceptedIds() {
        return accepted().stream().map(Received::id).toList();
    }

    /** Requests being held unanswered right now. */
    synchronized int hanging() {
        return hanging;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
