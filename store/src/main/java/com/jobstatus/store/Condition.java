package com.jobstatus.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition of a write, as data. {@link DynamoJobRepository} sends it as a condition expression; the in-memory
 * repository of the tests evaluates the same tree by DynamoDB's rules, so that both take exactly the same writes
 * (and {@code DynamoJobRepositoryIT} holds DynamoDB's decisions to that evaluation).
 */
sealed interface Condition {

    /** {@code attribute_exists(path)}, or {@code attribute_not_exists(path)}. */
    record Exists(Path path, boolean exists) implements Condition {
    }

    /** {@code left = right}, {@code <}, {@code <=}: false when a side is missing or the two differ in type. */
    record Compare(Operand left, Comparison comparison, Operand right) implements Condition {
    }

    /** {@code begins_with(path, prefix)} on a string. */
    record BeginsWith(Path path, String prefix) implements Condition {
    }

    record All(List<Condition> conditions) implements Condition {
    }

    record AnyOf(List<Condition> conditions) implements Condition {
    }

    enum Comparison {
        EQUAL("="), LESS("<"), LESS_OR_EQUAL("<=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }

    sealed interface Operand permits Path, Value {
    }

    /** An attribute, or a value inside a map attribute: {@code projected.orderKey}. */
    record Path(List<String> names) implements Operand {
        static Path of(String... names) {
            return new Path(List.of(names));
        }
    }

    record Value(AttributeValue value) implements Operand {
    }

    static Condition all(Condition... conditions) {
        return new All(List.of(conditions));
    }

    static Condition anyOf(Condition... conditions) {
        return new AnyOf(List.of(conditions));
    }

    static Condition absent(String attribute) {
        return new Exists(Path.of(attribute), false);
    }

    static Condition compare(Path left, Comparison comparison, Operand right) {
        return new Compare(left, comparison, right);
    }

    /** The condition expression, its names and values added to {@code names} and {@code values}. */
    default String render(Map<String, String> names, Map<String, AttributeValue> values) {
        return switch (this) {
            case Exists e -> (e.exists() ? "attribute_exists(" : "attribute_not_exists(") + path(e.path(), names) + ")";
            case Compare c -> operand(c.left(), names, values) + " " + c.comparison().symbol + " "
                    + operand(c.right(), names, values);
            case BeginsWith b -> "begins_with(" + path(b.path(), names) + ", "
                    + value(AttributeValue.fromS(b.prefix()), values) + ")";
            case All a -> a.conditions().stream().map(c -> "(" + c.render(names, values) + ")")
                    .collect(Collectors.joining(" AND "));
            case AnyOf a -> a.conditions().stream().map(c -> "(" + c.render(names, values) + ")")
                    .collect(Collectors.joining(" OR "));
        };
    }

    private static String operand(Operand operand, Map<String, String> names, Map<String, AttributeValue> values) {
        return switch (operand) {
            case Path p -> path(p, names);
            case Value v -> value(v.value(), values);
        };
    }

    /** Every name through a placeholder: {@code status} and {@code ttl} are among DynamoDB's reserved words. */
    static String path(Path path, Map<String, String> names) {
        return path.names().stream().map(name -> name(name, names)).collect(Collectors.joining("."));
    }

    static String name(String name, Map<String, String> names) {
        for (Map.Entry<String, String> known : names.entrySet()) {
            if (known.getValue().equals(name)) {
                return known.getKey();
            }
        }
        String placeholder = "#n" + names.size();
        names.put(placeholder, name);
        return placeholder;
    }

    static String value(AttributeValue value, Map<String, AttributeValue> values) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }
}
