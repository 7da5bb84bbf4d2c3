package com.jobstatus.schemas;

/** Text quoted from others (events, other writers' items) kept within a bound. */
public final class Texts {

    private Texts() {
    }

    /**
     * At most {@code maxChars} chars of the text, cut between characters, never inside a surrogate pair: half a
     * pair is no character at all, and SQS refuses a message that holds one (RELIABILITY.md, issue 13).
     */
    public static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }
}
