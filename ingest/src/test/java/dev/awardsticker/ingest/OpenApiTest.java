package dev.awardsticker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.awardsticker.contract.Json;
import dev.awardsticker.ingest.web.OpenApi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document against the router ingest really builds: every route described, nothing described that
 * is not routed, and the document served as shipped. No Kafka: building the router does not touch it.
 */
class OpenApiTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");

    private static Vertx vertx;
    private static Router router;
    private static HttpServer server;
    private static WebClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        IngestConfig config = new IngestConfig("kafka:9092", "127.0.0.1", 0, Map.of("alice", "t"),
                Duration.ofSeconds(1), 1024);
        // The handlers' Kafka parts are never called here.
        router = new IngestVerticle(config, null, null, null, null).router(vertx);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static JsonNode document() throws IOException {
        return Json.MAPPER.readTree(OpenApi.document());
    }

    @Test
    void describesExactlyTheRoutesIngestRegisters() throws IOException {
        Set<String> described = new TreeSet<>();
        document().get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (HTTP_METHODS.contains(key)) {
                // OpenAPI writes a path parameter as {id}, Vert.x as :id.
                described.add(key.toUpperCase() + " " + path.getKey().replaceAll("\\{([^}]+)}", ":$1"));
            }
        }));
        assertEquals(new TreeSet<>(IngestVerticle.routes(router)), described);
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode document = document();
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"").matcher(document.toString());
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertTrue(refs.size() > 20, "refs: " + refs);
        for (String ref : refs) {
            assertTrue(!document.at("/" + ref).isMissingNode(), "unresolved $ref #/" + ref);
        }
        assertTrue(document.get("openapi").asText().startsWith("3."), "not OpenAPI 3");
    }

    @Test
    void everyWriteNeedsTheEditorTokenAndReadsAreOpen() throws IOException {
        document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                boolean secured = operation.getValue().has("security");
                assertEquals(operation.getKey().equals("post"), secured, operation.getKey() + " " + path.getKey());
            }
        }));
    }

    @Test
    void isServedOpenAsShipped() throws Exception {
        HttpResponse<Buffer> response = client.get(server.actualPort(), "127.0.0.1", OpenApi.PATH).send()
                .await(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.getHeader("Content-Type").startsWith("application/json"));
        assertEquals(document(), Json.MAPPER.readTree(response.body().getBytes()));
    }

    @Test
    void anUnknownRouteListsTheRealRoutes() throws Exception {
        HttpResponse<Buffer> response = client.get(server.actualPort(), "127.0.0.1", "/nope").send()
                .await(10, TimeUnit.SECONDS);
        assertEquals(404, response.statusCode());
        String error = TestData.tree(response.bodyAsString()).get("error").asText();
        assertTrue(error.contains("POST /ceremonies/:id/corrections") && error.contains("GET /openapi.json"), error);
    }
}
