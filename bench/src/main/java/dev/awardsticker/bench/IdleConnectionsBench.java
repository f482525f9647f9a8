package dev.awardsticker.bench;

import dev.awardsticker.contract.TopicSetup;
import dev.awardsticker.gateway.GatewayConfig;
import dev.awardsticker.gateway.GatewayService;
import dev.awardsticker.kafka.EmbeddedKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gateway heap per idle subscribed WebSocket connection. The gateway runs here; the clients run in a second
 * JVM (this class's {@link Clients}), so their memory is not counted. Prints connections held and bytes per
 * connection. Run: {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.awardsticker.bench.IdleConnectionsBench}
 * (BENCH_CONNECTIONS, default 5000).
 */
public final class IdleConnectionsBench {
    private IdleConnectionsBench() {}

    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONNECTIONS", "5000"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers(), (short) 1);
            Vertx vertx = Vertx.vertx();
            GatewayService gateway = GatewayService.start(vertx, GatewayConfig.of(kafka.bootstrapServers(), 0))
                    .await(30, TimeUnit.SECONDS);
            long before = JvmStats.usedHeapAfterGc();
            Process clients = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Clients.class.getName(),
                    String.valueOf(gateway.port()), String.valueOf(connections))
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("connected")) {
                    System.out.println("clients: " + line);
                }
                long held = gateway.clientStats().await(10, TimeUnit.SECONDS).connections();
                long after = JvmStats.usedHeapAfterGc();
                System.out.printf("%nIdle subscribed WebSocket connections held by one gateway: %d%n", held);
                System.out.printf("Gateway heap: %.1f MB before, %.1f MB with them: %.0f bytes per connection%n",
                        before / 1e6, after / 1e6, (after - before) / (double) Math.max(1, held));
            } finally {
                clients.destroy();
                gateway.close().await(10, TimeUnit.SECONDS);
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    /** The client JVM: opens N WebSockets, subscribes each to a ceremony, prints "connected N", then idles. */
    public static final class Clients {
        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            int count = Integer.parseInt(args[1]);
            Vertx vertx = Vertx.vertx();
            // The default caps connections per server: a load generator needs them all open at once.
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count));
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                opened.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
                        .compose(ws -> ws.writeTextMessage("{\"op\":\"subscribe\",\"ceremony\":\"golden-globes-74\"}")));
                if (i % 500 == 499) {
                    Future.join(opened).await(60, TimeUnit.SECONDS);
                }
            }
            Future.join(opened).await(60, TimeUnit.SECONDS);
            System.out.println("connected " + opened.stream().filter(Future::succeeded).count());
            TimeUnit.HOURS.sleep(1);
            // A Vert.x 5 client that is garbage collected closes its sockets: keep it reachable while they idle.
            java.lang.ref.Reference.reachabilityFence(client);
        }
    }
}
