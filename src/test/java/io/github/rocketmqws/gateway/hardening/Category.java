package io.github.rocketmqws.gateway.hardening;

/** The kinds of hostile frame, one row each in the counts table; the weight is its share of the flood. */
enum Category {
    INVALID_JSON("invalid JSON", 10),
    TRAILING_TEXT("text after the object", 3),
    TRUNCATED("truncated frame", 10),
    DEEPLY_NESTED("deeply nested", 4),
    NOT_AN_OBJECT("not an object", 5),
    MISSING_OP("missing/invalid op", 6),
    UNKNOWN_OP("unknown op", 8),
    WRONG_TYPED("wrong-typed field", 18),
    BAD_NAME("bad topic/group", 8),
    BODY_TOO_LARGE("body over limit", 4),
    PROPERTIES_TOO_LARGE("properties over limit", 3),
    FRAME_TOO_LARGE("frame over limit", 1),
    RANDOM_TEXT("random text", 7),
    NOT_UTF8("not UTF-8", 4),
    BINARY("binary frame", 6),
    OUT_OF_ORDER("out of order", 14);

    final String label;
    final int weight;

    Category(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }
}
