package io.github.rocketmqws.gateway.hardening;

import io.github.rocketmqws.gateway.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * One hostile frame and the one {@code error} reply the contract promises for it: its {@code code}, the {@code id}
 * it echoes (null when the gateway cannot know it) and, for acks and nacks refused by the session, the
 * {@code receipt} it carries (null: not checked). The frame is {@code text} in UTF-8, or {@code bytes} as they are:
 * a binary frame's, or a text frame's that are not UTF-8. A text frame goes out in {@code fragments} fragments.
 */
record BadFrame(Category category, String text, byte[] bytes, boolean binary, int fragments, String id, String receipt,
        ErrorCode code) {
    static BadFrame text(Category category, String text, String id, ErrorCode code) {
        return new BadFrame(category, text, null, false, 1, id, null, code);
    }

    static BadFrame binary(byte[] bytes) {
        return new BadFrame(Category.BINARY, null, bytes, true, 1, null, null, ErrorCode.BAD_FRAME);
    }

    /** A text frame whose bytes are not UTF-8: BAD_FRAME, whatever else it holds (docs/protocol.md). */
    static BadFrame notUtf8(byte[] bytes) {
        return new BadFrame(Category.NOT_UTF8, null, bytes, false, 1, null, null, ErrorCode.BAD_FRAME);
    }

    BadFrame withReceipt(String expectedReceipt) {
        return new BadFrame(category, text, bytes, binary, fragments, id, expectedReceipt, code);
    }

    BadFrame inFragments(int count) {
        return new BadFrame(category, text, bytes, binary, count, id, receipt, code);
    }

    /** What goes on the wire. */
    byte[] payload() {
        return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The frame as a failure message shows it: at most 160 characters, control characters and bad bytes escaped. */
    String describe() {
        String kind = (binary ? "binary frame" : "text frame") + (fragments > 1 ? " in " + fragments + " fragments" : "");
        StringBuilder shown = new StringBuilder();
        if (bytes != null) {
            for (int i = 0; i < Math.min(bytes.length, 160); i++) {
                int b = bytes[i] & 0xff;
                shown.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
        } else {
            text.codePoints().limit(160).forEach(c -> {
                if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                    shown.append(String.format("\\u%04x", c));
                } else {
                    shown.appendCodePoint(c);
                }
            });
        }
        int length = bytes != null ? bytes.length : text.length();
        return category.label + ", " + kind + " '" + shown + "'" + (length > 160 ? "... (" + length + " in all)" : "");
    }
}
