package io.github.rocketmqws.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON builders for test frames. */
public final class WsClientJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WsClientJson() {}

    public static ArrayNode array(String... values) {
        ArrayNode array = JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    public static ObjectNode object(String... keysAndValues) {
        ObjectNode object = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
