package io.github.rocketmqws.gateway.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@link ConnectionsBench}, in a JVM of its own: 10,000 client sockets and the gateway's 10,000
 * server sockets do not fit one process's open-files limit. Talks to the bench by lines: it prints {@code opened N
 * MILLIS} once every connection has published one message, then on {@code wave} publishes one more per connection
 * and prints {@code waved N NANOS}, then on {@code close} closes them all, prints {@code closed} and exits. A failure
 * prints {@code failed REASON}; end of input closes everything too.
 * Arguments: gateway URI, topic, connections, handshakes at once.
 */
final class ConnectionsClient {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private ConnectionsClient() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        int handshakes = Integer.parseInt(args[3]);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<LightClients.Socket> sockets = Collections.synchronizedList(new ArrayList<>(count));
        try (LightClients clients = new LightClients(uri, count)) {
            long start = System.nanoTime();
            LightClients.ramp(count, handshakes, i -> clients.open((socket, frame) -> {}).thenCompose(socket -> {
                sockets.add(socket);
                return publish(socket, topic, i);
            }), TIMEOUT);
            say("opened " + sockets.size() + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if ("wave".equals(commands.readLine())) {
                long wave = System.nanoTime();
                List<LightClients.Socket> all = List.copyOf(sockets);
                CompletableFuture.allOf(all.stream().map(s -> publish(s, topic, count))
                        .toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                say("waved " + all.size() + " " + (System.nanoTime() - wave));
                commands.readLine();
            }
            LightClients.closeAll(List.copyOf(sockets));
        } catch (Exception e) {
            say("failed " + e); // closing the Vert.x instance dropped the connections
            System.exit(1);
        }
        say("closed");
        System.exit(0);
    }

    private static CompletableFuture<?> publish(LightClients.Socket socket, String topic, int seq) {
        return socket.request(LightClients.JSON.createObjectNode().put("op", "publish").put("topic", topic)
                .put("body", LoadDriver.body(seq)));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
