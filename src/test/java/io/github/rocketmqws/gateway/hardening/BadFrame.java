package io.github.rocketmqws.gateway.hardening;

import io.github.rocketmqws.gateway.protocol.ErrorCode;

/**
 * One hostile frame (text, or binary when {@code binary} is set) and the one {@code error} reply the contract
 * promises for it: its {@code code}, the {@code id} it echoes (null when the gateway cannot know it) and, for acks
 * and nacks refused by the session, the {@code receipt} it carries (null: not checked). A text frame goes out in
 * {@code fragments} WebSocket fragments.
 */
record BadFrame(Category category, String text, byte[] binary, int fragments, String id, String receipt, ErrorCode code) {
    static BadFrame text(Category category, String text, String id, ErrorCode code) {
        return new BadFrame(category, text, null, 1, id, null, code);
    }

    static BadFrame binary(byte[] bytes) {
        return new BadFrame(Category.BINARY, null, bytes, 1, null, null, ErrorCode.BAD_FRAME);
    }

    BadFrame withReceipt(String expectedReceipt) {
        return new BadFrame(category, text, binary, fragments, id, expectedReceipt, code);
    }

    BadFrame inFragments(int count) {
        return new BadFrame(category, text, binary, count, id, receipt, code);
    }

    /** The frame as a failure message shows it: at most 160 characters, control characters escaped. */
    String describe() {
        if (binary != null) {
            return "binary frame of " + binary.length + " bytes";
        }
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(160).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        String more = text.length() > 160 ? "... (" + text.length() + " chars)" : "";
        return category.label + " " + (fragments > 1 ? "in " + fragments + " fragments " : "") + "'" + shown + "'" + more;
    }
}
