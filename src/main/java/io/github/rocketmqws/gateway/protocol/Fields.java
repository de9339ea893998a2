package io.github.rocketmqws.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed, strict access to the fields of one client frame; a wrong type is an INVALID_ARGUMENT naming the field. */
final class Fields {
    private final JsonNode frame;

    Fields(JsonNode frame) {
        this.frame = frame;
    }

    boolean has(String name) {
        JsonNode node = frame.get(name);
        return node != null && !node.isNull();
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null || value.isEmpty()) {
            throw invalid("'" + name + "' is required");
        }
        return value;
    }

    String optionalString(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("'" + name + "' must be a string");
        }
        return node.asText();
    }

    int optionalInt(String name, int fallback) {
        long value = optionalLong(name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid("'" + name + "' is out of range");
        }
        return (int) value;
    }

    long optionalLong(String name, long fallback) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid("'" + name + "' must be an integer");
        }
        return node.asLong();
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type, E fallback) {
        String value = optionalString(name);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.toUpperCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw invalid("'" + name + "' has an unknown value \"" + value + "\"");
    }

    List<String> optionalStringList(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("'" + name + "' must be an array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw invalid("'" + name + "' must contain only non-blank strings");
            }
            values.add(element.asText());
        }
        return List.copyOf(values);
    }

    Map<String, String> optionalStringMap(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid("'" + name + "' must be an object of string values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().isBlank() || !entry.getValue().isTextual()) {
                throw invalid("'" + name + "' must map non-blank names to string values");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
