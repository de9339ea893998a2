package io.github.rocketmqws.gateway.hardening;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * Frames that are not a JSON object: broken or cut-off JSON, nesting past the parser's limit, other JSON values and
 * random text, text after the object and text frames that are not UTF-8. The gateway cannot read an id out of them,
 * so their {@code BAD_FRAME} reply has none.
 */
final class HostileSyntax {
    private static final String[] FRAME_OPS = {"subscribe", "publish", "ack", "nack"};
    private static final String NEST_HERE = "\"__nest__\"";

    private final Dice dice;
    private final HostileFields fields;

    HostileSyntax(Dice dice, HostileFields fields) {
        this.dice = dice;
        this.fields = fields;
    }

    /** A frame with one syntax error, each of them refused by Jackson's default parser. */
    BadFrame invalidJson(String id) {
        String op = dice.pick(FRAME_OPS);
        String valid = fields.valid(op, id).toString();
        int insideOp = "{\"op\":\"".length();
        String broken = switch (dice.between(0, 13)) {
            case 0 -> valid.replaceFirst(":", "");
            case 1 -> valid.replaceFirst(":", "::");
            case 2 -> valid.replaceFirst("\"op\"", "'op'");
            case 3 -> valid.substring(0, valid.length() - 1) + ",}";
            case 4 -> dice.pick("/* c */", "// c\n", "# c\n") + valid;
            case 5 -> valid.replaceFirst("\"op\"", "op");
            case 6 -> insert(valid, insideOp, String.valueOf((char) dice.between(0, 0x1f)));
            case 7 -> insert(valid, insideOp, "\\" + dice.pick("q", "x41", "a", "'", "0", "U1234", "uZZZZ", "u12G4"));
            case 8 -> fields.valid("subscribe", id).toString().replace("\"prefetch\":32", "\"prefetch\":"
                    + dice.pick("NaN", "Infinity", "-Infinity", "007", "+1", ".5", "1.", "-", "1e", "0x20", "1_000", "--1"));
            case 9 -> "\uFEFF" + valid;
            case 10 -> "{\"op\":\"" + op + "}";
            case 11 -> valid.replaceFirst("\",\"", "\" \"");
            case 12 -> dice.pick("hello ", "x", "undefined", "<frame>") + valid;
            default -> dice.pick("{", "}", "{{}}", "{]", ":", ",", "{\"op\":}", "{\"op\"}", "{\"op\":\"ack\"", "[}",
                    "{\"op\":\"ack\",,\"id\":\"x\"}", "\"unterminated", "{\"op\":tru}", "{\"op\":nul}", "{\"op\":\"ack\"]");
        };
        return BadFrame.text(Category.INVALID_JSON, broken, null, ErrorCode.BAD_FRAME);
    }

    /** A complete frame followed by more than whitespace: not one JSON object any more. */
    BadFrame trailingText(String id) {
        String valid = fields.valid(dice.pick("subscribe", "publish", "ack", "nack", "unsubscribe"), id).toString();
        String trailer = dice.pick("x", " x", "}", "{}", ",", "]", "0", " null", "\n// comment", " {\"op\":\"unsubscribe\"}",
                valid, "\"", ";");
        return BadFrame.text(Category.TRAILING_TEXT, valid + trailer, null, ErrorCode.BAD_FRAME);
    }

    /**
     * A frame (a valid publish, even) with bytes that are not UTF-8 somewhere: stray continuation bytes, overlong
     * forms, surrogates, code points past U+10FFFF, sequences cut short.
     */
    BadFrame notUtf8(String id) {
        byte[] valid = fields.valid(dice.pick("subscribe", "publish", "ack", "nack", "unsubscribe"), id).toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = dice.pick(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xfe}, new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xc3, '('}, new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98});
        int at = dice.between(0, valid.length);
        byte[] frame = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, frame, 0, at);
        System.arraycopy(bad, 0, frame, at, bad.length);
        System.arraycopy(valid, at, frame, at + bad.length, valid.length - at);
        return BadFrame.notUtf8(frame);
    }

    /** A valid frame (a publish, even) cut anywhere before its closing brace, down to nothing at all. */
    BadFrame truncated(String id) {
        String valid = fields.valid(dice.pick("subscribe", "publish", "ack", "nack", "unsubscribe"), id).toString();
        int length = dice.between(0, valid.length() - 1);
        if (length > 0 && Character.isHighSurrogate(valid.charAt(length - 1))) {
            length--;
        }
        return BadFrame.text(Category.TRUNCATED, valid.substring(0, length), null, ErrorCode.BAD_FRAME);
    }

    /**
     * Arrays and objects nested past the parser's limit ({@code BAD_FRAME}, the whole frame is refused), or nested
     * within it in a field that must be a string, number or flat list ({@code INVALID_ARGUMENT} for that field).
     */
    BadFrame deeplyNested(String id) {
        if (dice.oneIn(2)) {
            int depth = dice.between(HostileFrames.PARSER_MAX_DEPTH + 1, 2 * HostileFrames.PARSER_MAX_DEPTH);
            String text = switch (dice.between(0, 3)) {
                case 0 -> "[".repeat(depth) + "]".repeat(depth);
                case 1 -> "[".repeat(depth);
                case 2 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                default -> fields.valid("publish", id).toString().replace("\"hostile ✓\"", nested(depth));
            };
            return BadFrame.text(Category.DEEPLY_NESTED, text, null, ErrorCode.BAD_FRAME);
        }
        String field = dice.pick("id", "topic", "body", "receipt", "prefetch", "keys", "properties");
        String op = switch (field) {
            case "receipt" -> "ack";
            case "prefetch" -> "subscribe";
            case "id" -> dice.pick(FRAME_OPS);
            default -> "publish";
        };
        ObjectNode frame = fields.valid(op, id);
        frame.put(field, "__nest__");
        // At least two levels: one would be a valid list of keys or map of properties.
        String text = frame.toString().replace(NEST_HERE, nested(dice.between(2, HostileFrames.PARSER_MAX_DEPTH - 100)));
        return BadFrame.text(Category.DEEPLY_NESTED, text, "id".equals(field) ? null : id, ErrorCode.INVALID_ARGUMENT);
    }

    /**
     * Frames over the gateway's frame limit but under the transport's, refused before parsing whatever they hold:
     * a publish that would be valid, garbage, or characters of three UTF-8 bytes each (the limit counts characters).
     */
    BadFrame frameTooLarge(String id) {
        int over = HardeningProfile.MAX_FRAME_CHARS + dice.between(1, HardeningProfile.MAX_FRAME_CHARS / 4);
        String text = switch (dice.between(0, 2)) {
            case 0 -> fields.valid("publish", id).put("body", "y".repeat(over)).toString();
            case 1 -> "{" + "@".repeat(over);
            default -> fields.valid("unsubscribe", id).put("pad", "€".repeat(over)).toString();
        };
        return BadFrame.text(Category.FRAME_TOO_LARGE, text, null, ErrorCode.PAYLOAD_TOO_LARGE);
    }

    /** Valid JSON that is not an object, and nothing at all. */
    BadFrame notAnObject(String id) {
        String frame = fields.valid(dice.pick("unsubscribe", "ack"), id).toString();
        String text = dice.pick("[" + frame + "]", "\"" + frame.replace("\"", "\\\"") + "\"", "42", "-0.5e3", "true",
                "false", "null", "[]", "\"\"", "   ", "", "\n");
        return BadFrame.text(Category.NOT_AN_OBJECT, text, null, ErrorCode.BAD_FRAME);
    }

    /** Control characters, unicode from every plane and JSON punctuation, shuffled; never an object. */
    BadFrame randomText() {
        StringBuilder text = new StringBuilder();
        int length = dice.between(1, 200);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (dice.between(0, 5)) {
                case 0 -> dice.between(0, 0x1f);
                case 1 -> dice.between(0x7f, 0x9f);
                case 2 -> dice.pick('{', '}', '[', ']', '"', ':', ',', '\\', ' ');
                case 3 -> dice.between(0x20, 0x7e);
                case 4 -> dice.pick(0xfeff, 0xfffe, 0xffff, 0x200b, 0x202e, 0x1f600, 0x10ffff, 0xe000);
                default -> {
                    int bmp = dice.between(0xa0, 0xfffd);
                    yield Character.isSurrogate((char) bmp) ? 0x4e2d : bmp;
                }
            };
            text.appendCodePoint(codePoint);
        }
        if (text.toString().strip().startsWith("{")) {
            text.insert(0, '~');
        }
        return BadFrame.text(Category.RANDOM_TEXT, text.toString(), null, ErrorCode.BAD_FRAME);
    }

    private String nested(int depth) {
        if (dice.oneIn(2)) {
            return "[".repeat(depth) + "\"x\"" + "]".repeat(depth);
        }
        return "{\"a\":".repeat(depth) + "\"x\"" + "}".repeat(depth);
    }

    private static String insert(String text, int at, String inserted) {
        return text.substring(0, at) + inserted + text.substring(at);
    }
}
