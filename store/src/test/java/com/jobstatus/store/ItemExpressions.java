package com.jobstatus.store;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's rules for the store's {@link Condition}s and {@link ItemUpdate}s, on an item in memory: what the
 * in-memory repository takes and writes is what DynamoDB would. Comparisons follow DynamoDB: a missing side or
 * two types is false, numbers compare as numbers, strings by their UTF-8 bytes (code point order), maps and
 * lists element by element.
 */
final class ItemExpressions {

    private ItemExpressions() {
    }

    /** Whether the condition holds for the item (empty: there is none). */
    static boolean holds(Condition condition, Map<String, AttributeValue> item) {
        return switch (condition) {
            case Condition.Exists e -> (resolve(e.path(), item) != null) == e.exists();
            case Condition.Compare c -> compare(operand(c.left(), item), c.comparison(), operand(c.right(), item));
            case Condition.BeginsWith b -> {
                AttributeValue value = resolve(b.path(), item);
                yield value != null && value.s() != null && value.s().startsWith(b.prefix());
            }
            case Condition.All a -> a.conditions().stream().allMatch(c -> holds(c, item));
            case Condition.AnyOf a -> a.conditions().stream().anyMatch(c -> holds(c, item));
        };
    }

    /** The item after the update; {@code item} is left as it was. */
    static Map<String, AttributeValue> apply(ItemUpdate update, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> next = new HashMap<>(item);
        next.putAll(update.set());
        update.setIfAbsent().forEach(next::putIfAbsent);
        for (String name : update.increment()) {
            AttributeValue count = next.get(name);
            if (count != null && count.n() == null) {
                throw new IllegalStateException("DynamoDB refuses to add 1 to the non-number " + name + ": " + count);
            }
            BigDecimal from = count == null ? BigDecimal.ZERO : new BigDecimal(count.n());
            next.put(name, AttributeValue.fromN(from.add(BigDecimal.ONE).toPlainString()));
        }
        update.remove().forEach(next::remove);
        return Map.copyOf(next);
    }

    private static AttributeValue operand(Condition.Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Condition.Path path -> resolve(path, item);
            case Condition.Value value -> value.value();
        };
    }

    private static AttributeValue resolve(Condition.Path path, Map<String, AttributeValue> item) {
        AttributeValue value = item.get(path.names().getFirst());
        for (String name : path.names().subList(1, path.names().size())) {
            if (value == null || !value.hasM()) {
                return null;
            }
            value = value.m().get(name);
        }
        return value;
    }

    private static boolean compare(AttributeValue left, Condition.Comparison comparison, AttributeValue right) {
        if (left == null || right == null || left.type() != right.type()) {
            return false;
        }
        if (comparison == Condition.Comparison.EQUAL) {
            return same(left, right);
        }
        int order = switch (left.type()) {
            case N -> new BigDecimal(left.n()).compareTo(new BigDecimal(right.n()));
            case S -> codePoints(left.s(), right.s());
            default -> throw new IllegalArgumentException("DynamoDB orders only numbers, strings and binaries: " + left);
        };
        return comparison == Condition.Comparison.LESS ? order < 0 : order <= 0;
    }

    private static boolean same(AttributeValue left, AttributeValue right) {
        return switch (left.type()) {
            case N -> new BigDecimal(left.n()).compareTo(new BigDecimal(right.n())) == 0;
            case M -> left.m().keySet().equals(right.m().keySet()) && left.m().keySet().stream()
                    .allMatch(name -> left.m().get(name).type() == right.m().get(name).type()
                            && same(left.m().get(name), right.m().get(name)));
            case L -> left.l().size() == right.l().size() && sameElements(left.l(), right.l());
            default -> left.equals(right);
        };
    }

    private static boolean sameElements(List<AttributeValue> left, List<AttributeValue> right) {
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i).type() != right.get(i).type() || !same(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 byte order, which is code point order (Java's compareTo orders UTF-16 units). */
    private static int codePoints(String left, String right) {
        return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
    }
}
