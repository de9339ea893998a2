package io.github.rocketmqws.gateway.security;

import java.util.regex.Pattern;

/**
 * A topic or consumer group pattern of the permission settings: {@code *} matches any run of characters, every
 * other character itself. RocketMQ names cannot contain {@code *}, so a pattern never needs to escape one.
 */
record NamePattern(String text, Pattern regex) {
    static NamePattern of(String text) {
        String[] literals = text.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return new NamePattern(text, Pattern.compile(regex.toString()));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
