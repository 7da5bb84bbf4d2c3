package com.jobstatus.schemas;

/**
 * One reason an event breaks the contract: the field (a dotted path such as {@code error.message}, or an
 * envelope field such as {@code detail-type}), the rule it breaks (a JSON Schema keyword such as
 * {@code maxLength}, or {@code not-allowed}, {@code future}, {@code allowed}) and a sentence for people that names the field.
 */
public record Violation(String field, String rule, String message) {

    @Override
    public String toString() {
        return message;
    }
}
