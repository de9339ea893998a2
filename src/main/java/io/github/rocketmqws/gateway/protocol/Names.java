package io.github.rocketmqws.gateway.protocol;

import java.util.regex.Pattern;

/** RocketMQ's own rules for topic and consumer group names, checked before anything reaches the broker. */
final class Names {
    private static final Pattern VALID = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_TOPIC_LENGTH = 127;
    private static final int MAX_GROUP_LENGTH = 255;

    private Names() {}

    static String topic(String topic) {
        return check("topic", topic, MAX_TOPIC_LENGTH);
    }

    static String group(String group) {
        return check("group", group, MAX_GROUP_LENGTH);
    }

    private static String check(String field, String name, int maxLength) {
        if (name.length() > maxLength) {
            throw new GatewayException(
                    ErrorCode.INVALID_ARGUMENT, "'" + field + "' is longer than " + maxLength + " characters");
        }
        if (!VALID.matcher(name).matches()) {
            throw new GatewayException(
                    ErrorCode.INVALID_ARGUMENT,
                    "'" + field + "' may contain only letters, digits, '%', '|', '_' and '-'");
        }
        return name;
    }
}
