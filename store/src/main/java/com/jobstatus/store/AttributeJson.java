package com.jobstatus.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jobstatus.schemas.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's JSON for an item ({@code {"jobId": {"S": "..."}, "ttl": {"N": "..."}}}), the form a stream record
 * carries in Lambda's event, to and from the SDK's {@link AttributeValue}s. Every type DynamoDB has; a value of
 * no known type fails, naming it.
 */
public final class AttributeJson {

    private AttributeJson() {
    }

    public static Map<String, AttributeValue> fromJson(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new IllegalArgumentException("an item is a JSON object of typed attributes");
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Entry<String, JsonNode> attribute : item.properties()) {
            values.put(attribute.getKey(), value(attribute.getKey(), attribute.getValue()));
        }
        return values;
    }

    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        item.forEach((name, value) -> json.set(name, json(value)));
        return json;
    }

    private static AttributeValue value(String name, JsonNode typed) {
        if (!typed.isObject() || typed.size() != 1) {
            throw new IllegalArgumentException("attribute " + name + " is not a typed value such as {\"S\": ...}");
        }
        Entry<String, JsonNode> only = typed.properties().iterator().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "M" -> AttributeValue.fromM(fromJson(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                for (JsonNode element : v) {
                    list.add(value(name + "[]", element));
                }
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("attribute " + name + " has unknown type " + only.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static JsonNode json(AttributeValue value) {
        ObjectNode typed = Json.MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", true);
            case SS -> strings(typed.putArray("SS"), value.ss());
            case NS -> strings(typed.putArray("NS"), value.ns());
            case BS -> strings(typed.putArray("BS"), value.bs().stream()
                    .map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList());
            case M -> typed.set("M", toJson(value.m()));
            case L -> {
                ArrayNode list = typed.putArray("L");
                value.l().forEach(element -> list.add(json(element)));
            }
            default -> throw new IllegalArgumentException("an attribute value of no known type: " + value);
        }
        return typed;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
