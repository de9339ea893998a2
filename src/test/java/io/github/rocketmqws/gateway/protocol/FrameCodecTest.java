package io.github.rocketmqws.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rocketmqws.gateway.protocol.ClientFrame.AckMode;
import io.github.rocketmqws.gateway.protocol.ClientFrame.FilterType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec(new ObjectMapper(), new FrameLimits(256, 16, 2, 20));

    @Test
    void subscribeGetsTheDocumentedDefaults() {
        ClientFrame frame = codec.decode("{\"op\":\"subscribe\",\"topic\":\"t\",\"group\":\"g\"}");
        assertThat(frame).isEqualTo(new ClientFrame.Subscribe(null, "t", "g", "*", FilterType.TAG, 32, AckMode.CLIENT));
    }

    @Test
    void publishDecodesBase64AndOptionalFields() {
        String body = Base64.getEncoder().encodeToString(new byte[] {1, 2, (byte) 0xff});
        ClientFrame.Publish frame = (ClientFrame.Publish) codec.decode("{\"op\":\"publish\",\"id\":\"p\",\"topic\":\"t\",\"body\":\""
                + body + "\",\"encoding\":\"base64\",\"keys\":[\"a\"],\"properties\":{\"k\":\"v\"},\"deliverAt\":5}");
        assertThat(frame.body()).containsExactly(1, 2, 0xff);
        assertThat(frame.keys()).isEqualTo(List.of("a"));
        assertThat(frame.properties()).isEqualTo(Map.of("k", "v"));
        assertThat(frame.deliverAt()).isEqualTo(5L);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                     | BAD_FRAME
            {"op":"unsubscribe"} trailing                                | BAD_FRAME
            {"op":"unsubscribe"}{"op":"unsubscribe"}                     | BAD_FRAME
            {"op":"publish","topic":"t","body":"bytes that were not UTF-8: �"} | BAD_FRAME
            []                                                           | BAD_FRAME
            42                                                           | BAD_FRAME
            {}                                                           | BAD_FRAME
            {"op":7}                                                     | BAD_FRAME
            {"op":"teleport"}                                            | UNKNOWN_OP
            {"op":"subscribe","group":"g"}                               | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t"}                               | INVALID_ARGUMENT
            {"op":"subscribe","topic":"bad topic","group":"g"}           | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t","group":"g/h"}                 | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t","group":"g","prefetch":0}      | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t","group":"g","prefetch":1001}   | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t","group":"g","prefetch":"3"}    | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t","group":"g","ackMode":"maybe"} | INVALID_ARGUMENT
            {"op":"subscribe","topic":"t","group":"g","filterType":"SQL92"} | INVALID_ARGUMENT
            {"op":"ack"}                                                 | INVALID_ARGUMENT
            {"op":"ack","receipt":5}                                     | INVALID_ARGUMENT
            {"op":"nack","receipt":"r","delayMs":-1}                     | INVALID_ARGUMENT
            {"op":"publish","topic":"t"}                                 | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":""}                       | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":{"nested":true}}          | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":"x","encoding":"hex"}     | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":"%%%","encoding":"base64"} | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":"x","keys":"k"}           | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":"x","properties":{"a":1}} | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":"x","messageGroup":"g","deliverAt":1} | INVALID_ARGUMENT
            {"op":"publish","topic":"t","body":"seventeen bytes!!"}      | PAYLOAD_TOO_LARGE
            {"op":"publish","topic":"t","body":"x","properties":{"a":"1","b":"2","c":"3"}} | PAYLOAD_TOO_LARGE
            {"op":"publish","topic":"t","body":"x","properties":{"key":"eighteen bytes!!!!"}} | PAYLOAD_TOO_LARGE
            """)
    void everyBadFrameHasItsCode(String text, ErrorCode expected) {
        assertThatThrownBy(() -> codec.decode(text))
                .isInstanceOf(GatewayException.class)
                .extracting(e -> ((GatewayException) e).code())
                .isEqualTo(expected);
    }

    @Test
    void anEscapedReplacementCharacterIsAnOrdinaryCharacter() {
        ClientFrame.Publish frame = (ClientFrame.Publish) codec.decode("{\"op\":\"publish\",\"topic\":\"t\",\"body\":\"\\ufffd\"}");
        assertThat(frame.body()).isEqualTo("\uFFFD".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theIdOfABadFrameIsKeptForItsErrorReply() {
        assertThatThrownBy(() -> codec.decode("{\"op\":\"teleport\",\"id\":\"x1\"}"))
                .satisfies(e -> assertThat(FrameCodec.idOf(e)).isEqualTo("x1"));
    }

    @Test
    void propertiesWithinTheLimitsPass() {
        // "key" + "seventeen bytes!!" is 20 bytes: exactly at the limit.
        ClientFrame.Publish frame = (ClientFrame.Publish) codec.decode(
                "{\"op\":\"publish\",\"topic\":\"t\",\"body\":\"x\",\"properties\":{\"key\":\"seventeen bytes!!\"}}");
        assertThat(frame.properties()).containsEntry("key", "seventeen bytes!!");
    }

    @Test
    void aFrameOverTheFrameLimitIsRefusedBeforeParsing() {
        String frame = "{\"op\":\"publish\",\"id\":\"big\",\"topic\":\"t\",\"body\":\"" + "x".repeat(300) + "\"}";
        assertThatThrownBy(() -> codec.decode(frame))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("limit is 256");
    }

    @Test
    void deeplyNestedJsonIsABadFrameNotAStackOverflow() {
        FrameCodec codec = new FrameCodec(new ObjectMapper(), FrameLimits.DEFAULTS);
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> codec.decode("{\"op\":\"publish\",\"body\":" + nested + "}"))
                .isInstanceOf(GatewayException.class)
                .extracting(e -> ((GatewayException) e).code())
                .isEqualTo(ErrorCode.BAD_FRAME);
    }

    @Test
    void deliveriesAreTextWhenValidUtf8AndBase64Otherwise() {
        assertThat(FrameCodec.bodyAndEncoding("héllo".getBytes(StandardCharsets.UTF_8))).containsExactly("héllo", "text");
        assertThat(FrameCodec.bodyAndEncoding("plain {\"json\": 1}\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("plain {\"json\": 1}\n", "text");
        assertThat(FrameCodec.bodyAndEncoding(new byte[] {0, (byte) 0xff})).containsExactly("AP8=", "base64");
        // ASCII up to the last byte, which alone makes it invalid UTF-8
        assertThat(FrameCodec.bodyAndEncoding(new byte[] {'a', 'b', (byte) 0xc3})).containsExactly("YWLD", "base64");
    }

    @Test
    void serverFramesLeaveOutAbsentFieldsAndStartWithOp() {
        assertThat(codec.encode(new ServerFrame.Published(null, "m1"))).isEqualTo("{\"op\":\"published\",\"messageId\":\"m1\"}");
        assertThat(codec.encode(new ServerFrame.Error("e", null, ErrorCode.NOT_SUBSCRIBED, "no")))
                .isEqualTo("{\"op\":\"error\",\"id\":\"e\",\"code\":\"NOT_SUBSCRIBED\",\"message\":\"no\"}");
    }
}
