package io.github.rocketmqws.gateway.hardening;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A seeded stream of frames that break the {@code /ws/v1} contract, each with the reply the contract promises. One
 * generator per session, so a seed replays every session's frames exactly, however the sessions interleave.
 */
final class HostileFrames {
    /** Jackson's default StreamReadConstraints: deeper documents are refused by the parser itself. */
    static final int PARSER_MAX_DEPTH = 1000;
    private static final int TOTAL_WEIGHT = Arrays.stream(Category.values()).mapToInt(c -> c.weight).sum();

    private final Dice dice;
    private final HostileFields fields;
    private final HostileSyntax syntax;
    private final String idPrefix;
    private final boolean subscribed;
    private int sequence;

    HostileFrames(long seed, String idPrefix, boolean subscribed) {
        this.dice = new Dice(seed);
        this.fields = new HostileFields(dice);
        this.syntax = new HostileSyntax(dice, fields);
        this.idPrefix = idPrefix;
        this.subscribed = subscribed;
    }

    BadFrame next() {
        // Ids are unique within the session; one frame in five has none, as the contract allows.
        String id = dice.oneIn(5) ? null : idPrefix + ++sequence;
        BadFrame frame = switch (category()) {
            case INVALID_JSON -> syntax.invalidJson(id);
            case TRAILING_TEXT -> syntax.trailingText(id);
            case TRUNCATED -> syntax.truncated(id);
            case DEEPLY_NESTED -> syntax.deeplyNested(id);
            case NOT_AN_OBJECT -> syntax.notAnObject(id);
            case MISSING_OP -> fields.missingOp(id);
            case UNKNOWN_OP -> fields.unknownOp(id);
            case WRONG_TYPED -> fields.wrongTyped(id);
            case BAD_NAME -> fields.badName(id);
            case BODY_TOO_LARGE -> fields.bodyTooLarge(id);
            case PROPERTIES_TOO_LARGE -> fields.propertiesTooLarge(id);
            case FRAME_TOO_LARGE -> syntax.frameTooLarge(id);
            case RANDOM_TEXT -> syntax.randomText();
            case NOT_UTF8 -> syntax.notUtf8(id);
            case BINARY -> binary();
            case OUT_OF_ORDER -> fields.outOfOrder(id, subscribed);
        };
        if (!frame.binary() && frame.payload().length > 4 && dice.oneIn(20)) {
            frame = frame.inFragments(dice.between(2, 4));
        }
        return frame;
    }

    private Category category() {
        int roll = dice.between(0, TOTAL_WEIGHT - 1);
        for (Category category : Category.values()) {
            roll -= category.weight;
            if (roll < 0) {
                return category;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** Random bytes, now and then the UTF-8 of a frame that would be valid as text. */
    private BadFrame binary() {
        if (dice.oneIn(10)) {
            return BadFrame.binary(fields.valid("unsubscribe", "bin").toString().getBytes(StandardCharsets.UTF_8));
        }
        return BadFrame.binary(dice.bytes(dice.between(0, 300)));
    }
}
