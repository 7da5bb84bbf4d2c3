package com.jobstatus.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a write does to an item, as data: these attributes set, these set only where the item has none, these
 * counted up by one (from 0 where absent), these removed; everything else in the item (other writers' own
 * attributes) stays. {@link DynamoJobRepository} sends it as an update expression; the tests' in-memory
 * repository applies the same.
 */
record ItemUpdate(Map<String, AttributeValue> set, Map<String, AttributeValue> setIfAbsent, List<String> increment,
                  List<String> remove) {

    private static final AttributeValue ZERO = AttributeValue.fromN("0");
    private static final AttributeValue ONE = AttributeValue.fromN("1");

    ItemUpdate {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        setIfAbsent = Collections.unmodifiableMap(new LinkedHashMap<>(setIfAbsent));
        increment = List.copyOf(increment);
        remove = List.copyOf(remove);
    }

    /** The update expression, its names and values added to {@code names} and {@code values}. */
    String render(Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> sets = new ArrayList<>();
        set.forEach((name, value) -> sets.add(Condition.name(name, names) + " = " + Condition.value(value, values)));
        setIfAbsent.forEach((name, value) -> {
            String placeholder = Condition.name(name, names);
            sets.add(placeholder + " = if_not_exists(" + placeholder + ", " + Condition.value(value, values) + ")");
        });
        for (String name : increment) {
            String placeholder = Condition.name(name, names);
            sets.add(placeholder + " = if_not_exists(" + placeholder + ", " + Condition.value(ZERO, values) + ") + "
                    + Condition.value(ONE, values));
        }
        StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
        if (!remove.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ",
                    remove.stream().map(name -> Condition.name(name, names)).toList()));
        }
        return expression.toString();
    }
}
