package io.github.rocketmqws.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** A frame the gateway sends. {@code op} comes first on the wire; absent optional fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"op", "id"})
public sealed interface ServerFrame {
    @JsonProperty("op")
    String op();

    record Subscribed(String id) implements ServerFrame {
        public String op() {
            return "subscribed";
        }
    }

    record Unsubscribed(String id) implements ServerFrame {
        public String op() {
            return "unsubscribed";
        }
    }

    record Acked(String id) implements ServerFrame {
        public String op() {
            return "acked";
        }
    }

    record Nacked(String id) implements ServerFrame {
        public String op() {
            return "nacked";
        }
    }

    record Published(String id, String messageId) implements ServerFrame {
        public String op() {
            return "published";
        }
    }

    @JsonPropertyOrder({"op", "receipt", "messageId", "topic"})
    record Delivery(
            String receipt,
            String messageId,
            String topic,
            String tag,
            List<String> keys,
            Map<String, String> properties,
            String messageGroup,
            long bornTimestamp,
            int deliveryAttempt,
            String body,
            String encoding)
            implements ServerFrame {
        public String op() {
            return "message";
        }
    }

    record Error(String id, String receipt, ErrorCode code, String message) implements ServerFrame {
        public String op() {
            return "error";
        }

        public static Error of(String id, GatewayException e) {
            return new Error(id, null, e.code(), e.getMessage());
        }
    }
}
