package io.github.rocketmqws.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client on a bare TCP socket that can stop reading while keeping the connection open: the slow
 * client of the backpressure tests. It reads only the handshake response.
 */
public final class RawSocketClient implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final OutputStream out;

    private RawSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static RawSocketClient connect(URI uri) throws IOException {
        return connect(uri, Map.of());
    }

    /** Connects with extra upgrade headers (any, {@code Origin} included, unlike the JDK's client). */
    public static RawSocketClient connect(URI uri, Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // a small window (set before connecting), so the gateway's writes block early
        String head = handshake(socket, uri, headers);
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + head);
        }
        return new RawSocketClient(socket);
    }

    /** The status line and headers the gateway answers an upgrade with; the connection is closed after. */
    public static String upgradeResponse(URI uri, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            return handshake(socket, uri, headers);
        }
    }

    /** Connects {@code socket} and performs the upgrade; returns the response head, whatever its status. */
    public static String handshake(Socket socket, URI uri, Map<String, String> headers) throws IOException {
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("handshake cut short: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends one masked text frame, as RFC 6455 requires of clients. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** Reads the next unmasked text frame the server sends (frames up to 64 KiB). */
    public String readText() throws IOException {
        InputStream in = socket.getInputStream();
        int opcode = in.read() & 0x0f;
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        byte[] payload = in.readNBytes(length);
        if (opcode != 1) {
            throw new IOException("expected a text frame, got opcode " + opcode);
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * Reads frames, never answering pings, until the server's close frame; returns its status code, or -1 when the
     * connection ended without one.
     */
    public int awaitClose() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            int first = in.read();
            if (first < 0) {
                return -1;
            }
            int length = in.read() & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                throw new IOException("frame too large for this test client");
            }
            byte[] payload = in.readNBytes(length);
            if ((first & 0x0f) == 8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
