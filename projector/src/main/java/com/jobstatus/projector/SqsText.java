package com.jobstatus.projector;

/**
 * The characters SQS takes in a message body or a String attribute value: {@code #x9 | #xA | #xD |
 * #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF} (SQS Developer Guide, SendMessage). A message with any
 * other character is refused whole, so text quoted from an event must be made acceptable before it is sent.
 */
final class SqsText {

    private SqsText() {
    }

    static boolean allowed(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    /** Whether SQS takes every character (a lone surrogate is a code point of its own, and not allowed). */
    static boolean isClean(String text) {
        return text.codePoints().allMatch(SqsText::allowed);
    }

    /** The text with each character SQS refuses written as its escape, {@code \u0001}, so people still see it. */
    static String clean(String text) {
        if (isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (allowed(c)) {
                out.appendCodePoint(c);
            } else {
                out.append("\\u").append("%04x".formatted(c));
            }
        });
        return out.toString();
    }
}
