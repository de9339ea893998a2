package io.github.rocketmqws.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ConnectionsClient} in a JVM of its own, started with this JVM's java and class path; its lines come back
 * through {@link #await}, its stderr goes to target/bench/connections-client.log.
 */
final class ConnectionsClientProcess implements AutoCloseable {
    private static final Path LOG = Path.of("target", "bench", "connections-client.log");
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ConnectionsClientProcess(Process process) {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "connections-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static ConnectionsClientProcess start(URI uri, String topic, int connections, int handshakes) throws IOException {
        Files.createDirectories(LOG.getParent());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ConnectionsClient.class.getName(), uri.toString(), topic,
                Integer.toString(connections), Integer.toString(handshakes));
        Process process = new ProcessBuilder(command).redirectError(Redirect.to(LOG.toFile())).start();
        return new ConnectionsClientProcess(process);
    }

    /** The fields after {@code word} of the client's next line that starts with it. */
    String[] await(String word, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new TimeoutException("the connections client did not say '" + word + "' within " + timeout
                        + (process.isAlive() ? "" : "; it exited with " + process.exitValue()) + "; see " + LOG);
            }
            if (line.startsWith("failed")) {
                throw new IllegalStateException("the connections client " + line + "; see " + LOG);
            }
            String[] fields = line.split(" ");
            if (fields[0].equals(word)) {
                return Arrays.copyOfRange(fields, 1, fields.length);
            }
        }
    }

    void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the connections client", e);
        }
    }

    private void readLines() {
        try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("connections client: " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("failed: its output broke off: " + e);
        }
        lines.add("failed: it exited");
    }

    /** Ends the client's input, which makes it close its connections and exit; destroys it if it does not. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // it has exited already
        }
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }
}
