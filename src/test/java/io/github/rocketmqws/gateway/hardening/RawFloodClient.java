package io.github.rocketmqws.gateway.hardening;

import io.github.rocketmqws.gateway.support.RawSocketClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A WebSocket client on a bare socket, for floods: blocking writes batched until {@link #flush()}, one reader thread
 * that hands every text message to a callback, and frames no ordinary client can send (text that is not UTF-8).
 * Several times cheaper per frame than the JDK's client, which hands every frame between threads.
 */
final class RawFloodClient implements AutoCloseable {
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    private final Socket socket;
    private final OutputStream out;
    private final Consumer<String> onText;
    private volatile boolean closed;
    private volatile int closeCode = -1;
    private volatile String closeReason = "";
    private volatile Throwable error;

    private RawFloodClient(Socket socket, Consumer<String> onText) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.onText = onText;
    }

    static RawFloodClient connect(URI uri, String name, Consumer<String> onText) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        String head = RawSocketClient.handshake(socket, uri, Map.of());
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + head);
        }
        // The handshake read the socket byte by byte up to the end of the head, so nothing is lost to this buffer.
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        RawFloodClient client = new RawFloodClient(socket, onText);
        Thread reader = new Thread(() -> client.read(in), name + "-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    void sendText(String text) throws IOException {
        sendText(text.getBytes(StandardCharsets.UTF_8), 1);
    }

    /**
     * A text message of {@code payload} as it is (UTF-8 or not) in {@code fragments} frames, cut at byte boundaries:
     * a fragment need not be valid UTF-8 on its own, only the whole message.
     */
    void sendText(byte[] payload, int fragments) throws IOException {
        int start = 0;
        for (int i = 1; i <= fragments; i++) {
            int end = i == fragments ? payload.length : payload.length * i / fragments;
            sendFrame(i == fragments, i == 1 ? TEXT : 0, Arrays.copyOfRange(payload, start, end));
            start = end;
        }
    }

    void sendBinary(byte[] payload) throws IOException {
        sendFrame(true, BINARY, payload);
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    boolean isClosed() {
        return closed;
    }

    /** The close code the gateway sent; -1 while open, or when the connection broke without one. */
    int closeCode() {
        return closeCode;
    }

    /** What went wrong with the connection, or null while it is open. */
    String trouble() {
        if (!closed) {
            return null;
        }
        return closeCode >= 0 ? closeCode + " '" + closeReason + "'" : "broken without a close frame: " + error;
    }

    /** Masked, as RFC 6455 requires of clients. */
    private synchronized void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write((fin ? 0x80 : 0) | opcode);
        int length = payload.length;
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length < 65536) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(mask);
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(masked);
    }

    private void read(DataInputStream in) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == CLOSE) {
                    closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    closeReason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    closed = true;
                    return;
                }
                if (opcode == PING) {
                    sendFrame(true, 0xA, payload);
                    flush();
                    continue;
                }
                if (opcode == TEXT || opcode == 0) {
                    message.write(payload);
                    if ((first & 0x80) != 0) {
                        onText.accept(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        } catch (EOFException e) {
            error = new EOFException("the gateway dropped the connection without a close frame");
        } catch (IOException | RuntimeException e) {
            error = e;
        } finally {
            closed = true;
        }
    }

    @Override
    public void close() {
        try {
            if (!closed) {
                sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe8});
                flush();
            }
        } catch (IOException ignored) {
            // the connection is going anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
