package io.github.rocketmqws.gateway.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Frames that are JSON objects with an op but break a field rule of docs/protocol.md or the session's state. Each
 * breaks exactly one rule that the codec checks before anything reaches the broker: none of them is a publish that
 * could be sent, nor a subscribe that could succeed.
 */
final class HostileFields {
    static final String TOPIC = "hardening-nowhere";
    static final String GROUP = "hardening-nobody";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger HUGE = BigInteger.TWO.pow(70);
    private static final String[] NOT_IN_NAMES = {
        " ", "/", ".", "..", "*", "#", "@", "!", "?", ":", ";", "\t", "\n", "\u0000", "\\", "$", "+", "=", "é", "中", "😀"
    };

    private final Dice dice;

    HostileFields(Dice dice) {
        this.dice = dice;
    }

    /** A valid frame with every optional field set, for the generators to break. Never send it unbroken. */
    ObjectNode valid(String op, String id) {
        ObjectNode frame = JSON.createObjectNode().put("op", op);
        if (id != null) {
            frame.put("id", id);
        }
        switch (op) {
            case "subscribe" -> frame.put("topic", TOPIC).put("group", GROUP).put("filter", "*").put("filterType", "TAG")
                    .put("prefetch", 32).put("ackMode", "client");
            case "publish" -> {
                frame.put("topic", TOPIC).put("body", "hostile ✓").put("encoding", "text").put("tag", "t");
                frame.putArray("keys").add("k-1");
                frame.putObject("properties").put("p", "v");
                if (dice.oneIn(2)) {
                    frame.put("messageGroup", "mg");
                } else {
                    frame.put("deliverAt", 4_102_444_800_000L);
                }
            }
            case "ack" -> frame.put("receipt", "r1");
            case "nack" -> frame.put("receipt", "r1").put("delayMs", 1000);
            default -> { } // unsubscribe has no fields
        }
        return frame;
    }

    /** One field of a valid frame replaced by a value of the wrong type or out of range, or left out. */
    BadFrame wrongTyped(String id) {
        if (dice.oneIn(8)) {
            return badCombination(id);
        }
        ObjectNode frame = valid(dice.pick("subscribe", "publish", "ack", "nack"), id);
        List<String> names = new ArrayList<>();
        frame.fieldNames().forEachRemaining(names::add);
        names.remove("op");
        String field = dice.pick(names);
        JsonNode wrong = wrongValue(field);
        if (wrong == null) {
            frame.remove(field);
        } else {
            frame.set(field, wrong);
        }
        return BadFrame.text(Category.WRONG_TYPED, frame.toString(), "id".equals(field) ? null : id, ErrorCode.INVALID_ARGUMENT);
    }

    /** A topic or group with a character RocketMQ refuses, or longer than its limit. */
    BadFrame badName(String id) {
        boolean subscribe = dice.oneIn(2);
        ObjectNode frame = valid(subscribe ? "subscribe" : "publish", id);
        boolean group = subscribe && dice.oneIn(2);
        String name = validName(dice.between(1, 30));
        if (dice.oneIn(4)) {
            name = validName((group ? 256 : 128) + dice.between(0, 200));
        } else {
            int at = dice.between(0, name.length());
            name = name.substring(0, at) + dice.pick(NOT_IN_NAMES) + name.substring(at);
        }
        frame.put(group ? "group" : "topic", name);
        return BadFrame.text(Category.BAD_NAME, frame.toString(), id, ErrorCode.INVALID_ARGUMENT);
    }

    /** A publish whose body is over the limit in UTF-8 (or decoded base64) bytes, though maybe not in characters. */
    BadFrame bodyTooLarge(String id) {
        ObjectNode frame = valid("publish", id);
        int max = HardeningProfile.MAX_BODY_BYTES;
        switch (dice.between(0, 3)) {
            case 0 -> frame.put("body", "x".repeat(max + 1 + dice.between(0, 2 * max)));
            case 1 -> frame.put("body", "€".repeat(max / 3 + 1 + dice.between(0, max / 3)));
            case 2 -> frame.put("body", "😀".repeat(max / 4 + 1 + dice.between(0, max / 4)));
            default -> frame.put("encoding", "base64")
                    .put("body", Base64.getEncoder().encodeToString(dice.bytes(max + 1 + dice.between(0, max))));
        }
        return BadFrame.text(Category.BODY_TOO_LARGE, frame.toString(), id, ErrorCode.PAYLOAD_TOO_LARGE);
    }

    /** A publish with more properties than allowed, or more UTF-8 bytes in them (not necessarily characters). */
    BadFrame propertiesTooLarge(String id) {
        ObjectNode frame = valid("publish", id);
        ObjectNode properties = frame.putObject("properties");
        int max = HardeningProfile.MAX_PROPERTIES_BYTES;
        switch (dice.between(0, 2)) {
            case 0 -> {
                int count = HardeningProfile.MAX_PROPERTIES + dice.between(1, 2 * HardeningProfile.MAX_PROPERTIES);
                for (int i = 0; i < count; i++) {
                    properties.put("p" + i, "v");
                }
            }
            case 1 -> properties.put("k", "v".repeat(max + dice.between(0, max)));
            default -> properties.put("k", "€".repeat(max / 3 + dice.between(1, max / 3)));
        }
        return BadFrame.text(Category.PROPERTIES_TOO_LARGE, frame.toString(), id, ErrorCode.PAYLOAD_TOO_LARGE);
    }

    /** The op replaced by a string that names no operation (server ops, other cases, stray spaces...). */
    BadFrame unknownOp(String id) {
        ObjectNode frame = valid(dice.pick("subscribe", "publish", "ack", "nack", "unsubscribe"), id);
        String op = dice.pick("teleport", "PUBLISH", "Subscribe", "ack ", " nack", "", "publish\u0000", "ping", "close",
                "published", "message", "error", "subscribed", "acked", "ünsubscribe", "subscribe\n", "x".repeat(dice.between(1, 1000)));
        frame.put("op", op);
        return BadFrame.text(Category.UNKNOWN_OP, frame.toString(), id, ErrorCode.UNKNOWN_OP);
    }

    /** No op, an op that is not a string, or a key that is almost "op": the id cannot be trusted then. */
    BadFrame missingOp(String id) {
        ObjectNode frame = valid(dice.pick("subscribe", "publish", "ack", "nack", "unsubscribe"), id);
        switch (dice.between(0, 2)) {
            case 0 -> frame.remove("op");
            case 1 -> frame.set("op", dice.pick(NODES.numberNode(5), NODES.nullNode(), NODES.booleanNode(true),
                    NODES.objectNode().put("name", "publish"), NODES.arrayNode().add("publish"), NODES.numberNode(1.5)));
            default -> frame.set(dice.pick("OP", "Op", "op ", " op", "operation"), frame.remove("op"));
        }
        return BadFrame.text(Category.MISSING_OP, frame.toString(), null, ErrorCode.BAD_FRAME);
    }

    /**
     * Requests the session's state does not allow: without a subscription, ack, nack and unsubscribe; with one, a
     * second subscribe and receipts this session never issued (the short base36 ones are what other sessions hold).
     */
    BadFrame outOfOrder(String id, boolean subscribed) {
        String receipt = dice.pick(Integer.toString(dice.between(1, 20_000), 36), "r-" + dice.between(0, 1_000_000),
                "zzzzzzzzzz", "ä😀\u0001", "r".repeat(dice.between(100, 2000)));
        if (!subscribed) {
            return switch (dice.between(0, 2)) {
                case 0 -> stateError(valid("ack", id).put("receipt", receipt), id, ErrorCode.NOT_SUBSCRIBED, receipt);
                case 1 -> stateError(valid("nack", id).put("receipt", receipt), id, ErrorCode.NOT_SUBSCRIBED, receipt);
                default -> stateError(valid("unsubscribe", id), id, ErrorCode.NOT_SUBSCRIBED, null);
            };
        }
        return switch (dice.between(0, 2)) {
            case 0 -> stateError(valid("ack", id).put("receipt", receipt), id, ErrorCode.UNKNOWN_RECEIPT, receipt);
            case 1 -> stateError(valid("nack", id).put("receipt", receipt), id, ErrorCode.UNKNOWN_RECEIPT, receipt);
            default -> stateError(valid("subscribe", id), id, ErrorCode.ALREADY_SUBSCRIBED, null);
        };
    }

    private static BadFrame stateError(ObjectNode frame, String id, ErrorCode code, String receipt) {
        return BadFrame.text(Category.OUT_OF_ORDER, frame.toString(), id, code).withReceipt(receipt);
    }

    /** Fields valid one by one that the contract forbids together, and encodings that do not fit the body. */
    private BadFrame badCombination(String id) {
        ObjectNode frame = switch (dice.between(0, 3)) {
            case 0 -> valid("publish", id).put("messageGroup", "mg").put("deliverAt", 4_102_444_800_000L);
            case 1 -> valid("subscribe", id).put("filterType", "SQL92").put("filter", dice.pick(" ", ""));
            case 2 -> valid("publish", id).put("encoding", "base64").put("body", dice.pick("@@@@", "not base64!", "AAA=AAA="));
            default -> valid("publish", id).put("body", "");
        };
        return BadFrame.text(Category.WRONG_TYPED, frame.toString(), id, ErrorCode.INVALID_ARGUMENT);
    }

    /** A value no rule accepts for {@code field}; null means: leave the field out (only for required fields). */
    private JsonNode wrongValue(String field) {
        JsonNode number = NODES.numberNode(dice.between(-5, 500));
        JsonNode object = NODES.objectNode().put("value", "x");
        JsonNode array = NODES.arrayNode().add("x");
        return switch (field) {
            case "id", "filter", "messageGroup" -> dice.pick(number, NODES.booleanNode(true), object, array);
            case "topic", "group", "body", "receipt" -> dice.pick(number, NODES.booleanNode(false), object, array,
                    NODES.textNode(""), NODES.nullNode(), null);
            case "tag" -> dice.pick(number, object, array, NODES.textNode(""), NODES.textNode(" "), NODES.textNode("a|b"));
            case "encoding" -> dice.pick(number, NODES.textNode("hex"), NODES.textNode("utf-8"), NODES.textNode(""));
            case "filterType" -> dice.pick(number, NODES.textNode("XML"), NODES.textNode("tag "), NODES.textNode(""));
            case "ackMode" -> dice.pick(number, NODES.textNode("never"), NODES.textNode("manual"), NODES.textNode(""));
            case "prefetch" -> dice.pick(NODES.textNode("32"), NODES.numberNode(1.5), NODES.booleanNode(true),
                    NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1001), NODES.numberNode(1L << 31),
                    NODES.numberNode(HUGE), NODES.numberNode(new BigDecimal("1E+400")), object, array);
            case "delayMs" -> dice.pick(NODES.textNode("1000"), NODES.numberNode(-1), NODES.numberNode(Long.MIN_VALUE),
                    NODES.numberNode(HUGE), NODES.numberNode(2.5), NODES.booleanNode(true));
            case "deliverAt" -> dice.pick(NODES.numberNode(0), NODES.numberNode(-1), NODES.textNode("tomorrow"),
                    NODES.numberNode(1.5), NODES.numberNode(HUGE));
            case "keys" -> dice.pick(NODES.textNode("k"), NODES.arrayNode().add(1), NODES.arrayNode().add(""),
                    NODES.arrayNode().add(" "), NODES.arrayNode().addNull(), object,
                    NODES.arrayNode().add(NODES.arrayNode().add("k")));
            case "properties" -> dice.pick(NODES.arrayNode(), NODES.textNode("p"), NODES.objectNode().put("", "v"),
                    NODES.objectNode().put("p", 1), NODES.objectNode().putNull("p"),
                    NODES.objectNode().set("p", NODES.objectNode()), NODES.objectNode().put(" ", "v"));
            default -> throw new IllegalArgumentException("no wrong value for " + field);
        };
    }

    private String validName(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-%|";
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(alphabet.charAt(dice.between(0, alphabet.length() - 1)));
        }
        return name.toString();
    }
}
