package io.github.rocketmqws.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.rocketmqws.gateway.protocol.ClientFrame.AckMode;
import io.github.rocketmqws.gateway.protocol.ClientFrame.FilterType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The one codec of the {@code /ws/v1} contract: JSON text to {@link ClientFrame} and {@link ServerFrame} to JSON
 * text. Every way a frame can be wrong ends in a {@link GatewayException} with the code the protocol document
 * promises, never in a closed socket.
 */
public final class FrameCodec {
    public static final int MIN_PREFETCH = 1;
    public static final int MAX_PREFETCH = 1000;
    public static final int DEFAULT_PREFETCH = 32;
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final ObjectMapper mapper;
    // Strict about what follows the object: '{"op":"unsubscribe"} junk' is a bad frame, not an unsubscribe.
    private final ObjectReader reader;
    private final FrameLimits limits;

    public FrameCodec(ObjectMapper mapper, FrameLimits limits) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.limits = limits;
    }

    public ClientFrame decode(String text) {
        // Checked before parsing, so an oversize frame costs no parse; its id is then unknown to the reply.
        if (text.length() > limits.maxFrameChars()) {
            throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "frame is " + text.length() + " characters, the limit is " + limits.maxFrameChars());
        }
        // The transport hands over text frames that were not UTF-8 with their bad bytes replaced by U+FFFD; carried
        // out, they would publish altered bodies without a word. A client that means U+FFFD escapes it in JSON.
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            throw new GatewayException(ErrorCode.BAD_FRAME,
                    "frame is not valid UTF-8 (a literal U+FFFD must be sent escaped, as \\ufffd)");
        }
        JsonNode root;
        try {
            root = reader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new GatewayException(ErrorCode.BAD_FRAME, "frame is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new GatewayException(ErrorCode.BAD_FRAME, "frame must be a JSON object");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isTextual()) {
            throw new GatewayException(ErrorCode.BAD_FRAME, "frame must have a string field 'op'");
        }
        Fields fields = new Fields(root);
        String id = fields.optionalString("id");
        try {
            return switch (op.asText()) {
                case "subscribe" -> subscribe(id, fields);
                case "unsubscribe" -> new ClientFrame.Unsubscribe(id);
                case "ack" -> new ClientFrame.Ack(id, fields.requiredString("receipt"));
                case "nack" -> nack(id, fields);
                case "publish" -> publish(id, fields);
                default -> throw new GatewayException(ErrorCode.UNKNOWN_OP, "unknown op '" + op.asText() + "'");
            };
        } catch (GatewayException e) {
            throw new FrameException(id, e);
        }
    }

    /** The id of a frame that failed to decode, so that its error reply can still echo it. */
    public static String idOf(Throwable failure) {
        return failure instanceof FrameException frameException ? frameException.id : null;
    }

    public String encode(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "cannot encode " + frame.op() + " frame", e);
        }
    }

    private ClientFrame.Subscribe subscribe(String id, Fields fields) {
        String topic = Names.topic(fields.requiredString("topic"));
        String group = Names.group(fields.requiredString("group"));
        FilterType filterType = fields.optionalEnum("filterType", FilterType.class, FilterType.TAG);
        String filter = fields.optionalString("filter");
        if (filter == null || filter.isBlank()) {
            if (filterType == FilterType.SQL92) {
                throw new GatewayException(ErrorCode.INVALID_ARGUMENT, "'filter' is required when filterType is SQL92");
            }
            filter = "*";
        }
        int prefetch = fields.optionalInt("prefetch", DEFAULT_PREFETCH);
        if (prefetch < MIN_PREFETCH || prefetch > MAX_PREFETCH) {
            throw new GatewayException(
                    ErrorCode.INVALID_ARGUMENT,
                    "'prefetch' must be between " + MIN_PREFETCH + " and " + MAX_PREFETCH + ", was " + prefetch);
        }
        AckMode ackMode = fields.optionalEnum("ackMode", AckMode.class, AckMode.CLIENT);
        return new ClientFrame.Subscribe(id, topic, group, filter, filterType, prefetch, ackMode);
    }

    private ClientFrame.Nack nack(String id, Fields fields) {
        String receipt = fields.requiredString("receipt");
        Long delayMs = fields.has("delayMs") ? fields.optionalLong("delayMs", 0) : null;
        if (delayMs != null && delayMs < 0) {
            throw new GatewayException(ErrorCode.INVALID_ARGUMENT, "'delayMs' must not be negative");
        }
        return new ClientFrame.Nack(id, receipt, delayMs);
    }

    private ClientFrame.Publish publish(String id, Fields fields) {
        String topic = Names.topic(fields.requiredString("topic"));
        String encoding = fields.optionalString("encoding");
        byte[] body = body(fields.requiredString("body"), encoding == null ? "text" : encoding);
        if (body.length > limits.maxBodyBytes()) {
            throw new GatewayException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "body is " + body.length + " bytes, the limit is " + limits.maxBodyBytes());
        }
        if (body.length == 0) {
            throw new GatewayException(ErrorCode.INVALID_ARGUMENT, "'body' must not be empty (RocketMQ rejects empty bodies)");
        }
        String tag = fields.optionalString("tag");
        if (tag != null && (tag.isBlank() || tag.contains("|"))) {
            throw new GatewayException(ErrorCode.INVALID_ARGUMENT, "'tag' must not be blank nor contain '|'");
        }
        Long deliverAt = fields.has("deliverAt") ? fields.optionalLong("deliverAt", 0) : null;
        if (deliverAt != null && deliverAt <= 0) {
            throw new GatewayException(ErrorCode.INVALID_ARGUMENT, "'deliverAt' must be epoch milliseconds");
        }
        String messageGroup = fields.optionalString("messageGroup");
        if (messageGroup != null && deliverAt != null) {
            throw new GatewayException(
                    ErrorCode.INVALID_ARGUMENT, "a message cannot have both 'messageGroup' and 'deliverAt'");
        }
        return new ClientFrame.Publish(
                id, topic, body, tag, fields.optionalStringList("keys"), properties(fields), messageGroup, deliverAt);
    }

    private Map<String, String> properties(Fields fields) {
        Map<String, String> properties = fields.optionalStringMap("properties");
        if (properties.size() > limits.maxProperties()) {
            throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE,
                    properties.size() + " properties, the limit is " + limits.maxProperties());
        }
        long bytes = 0;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            bytes += utf8Length(property.getKey()) + utf8Length(property.getValue());
        }
        if (bytes > limits.maxPropertiesBytes()) {
            throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "properties take " + bytes + " bytes, the limit is " + limits.maxPropertiesBytes());
        }
        return properties;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] body(String body, String encoding) {
        return switch (encoding) {
            case "text" -> body.getBytes(StandardCharsets.UTF_8);
            case "base64" -> {
                try {
                    yield Base64.getDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    throw new GatewayException(ErrorCode.INVALID_ARGUMENT, "'body' is not valid base64: " + e.getMessage());
                }
            }
            default -> throw new GatewayException(
                    ErrorCode.INVALID_ARGUMENT, "'encoding' must be \"text\" or \"base64\", was \"" + encoding + "\"");
        };
    }

    /** The wire form of a message body: text when it is valid UTF-8, so most clients never decode base64. */
    public static String[] bodyAndEncoding(byte[] body) {
        if (isAscii(body)) {
            // Most bodies (JSON, text) are ASCII: one copy, where the checking decoder below makes three.
            return new String[] {new String(body, StandardCharsets.US_ASCII), "text"};
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return new String[] {text, "text"};
        } catch (CharacterCodingException e) {
            return new String[] {Base64.getEncoder().encodeToString(body), "base64"};
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Carries the request id of a frame that decoded far enough to have one. */
    static final class FrameException extends GatewayException {
        private final String id;

        FrameException(String id, GatewayException cause) {
            super(cause.code(), cause.getMessage(), cause);
            this.id = id;
        }
    }
}
