package com.jobstatus.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation functions template.yaml uses ({@code Ref}, {@code Fn::Sub} in both forms,
 * {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::GetAtt}) the way CloudFormation would:
 * parameters from their values ({@link SamTemplate#values}), resources from what the caller knows of them (the
 * local stack: what it created; the ops tool and the tests: nothing). Anything else fails naming what it could
 * not resolve, so a template change the code does not understand is loud, not silently different.
 */
public final class TemplateValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:._]+)}");

    private final Map<String, JsonNode> parameters;
    private final Map<String, String> resources;

    /**
     * @param parameters parameter and pseudo-parameter values: text, or an array for a CommaDelimitedList
     * @param resources  what {@code !Ref LogicalId} (key {@code LogicalId}) and {@code !GetAtt LogicalId.Attr}
     *                   (key {@code LogicalId.Attr}) give for the resources the local stack created
     */
    public TemplateValues(Map<String, JsonNode> parameters, Map<String, String> resources) {
        this.parameters = Map.copyOf(parameters);
        this.resources = Map.copyOf(resources);
    }

    /** The same parameters, with more resources known. */
    public TemplateValues withResources(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(resources);
        all.putAll(more);
        return new TemplateValues(parameters, all);
    }

    /** The same resources, with more parameters set. */
    public TemplateValues withParameters(Map<String, JsonNode> more) {
        Map<String, JsonNode> all = new HashMap<>(parameters);
        all.putAll(more);
        return new TemplateValues(all, resources);
    }

    /** A value that must come out as a string. */
    public String text(JsonNode value) {
        JsonNode resolved = resolve(value);
        if (!resolved.isValueNode()) {
            throw new IllegalArgumentException("expected a single value, got " + resolved + " from " + value);
        }
        return resolved.asText();
    }

    /** A value that must come out as a list of strings (a CommaDelimitedList, a Split, a literal list). */
    public List<String> list(JsonNode value) {
        JsonNode resolved = resolve(value);
        if (!resolved.isArray()) {
            throw new IllegalArgumentException("expected a list, got " + resolved + " from " + value);
        }
        List<String> items = new ArrayList<>();
        resolved.forEach(item -> items.add(item.asText()));
        return items;
    }

    public JsonNode resolve(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no such value");
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(item -> out.add(resolve(item)));
            return out;
        }
        if (!value.isObject()) {
            return value;
        }
        if (value.size() == 1) {
            String key = value.properties().iterator().next().getKey();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, value.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            out.set(field.getKey(), resolve(field.getValue()));
        }
        return out;
    }

    private JsonNode function(String name, JsonNode argument) {
        return switch (name) {
            case "Ref" -> ref(argument.asText());
            case "Fn::GetAtt" -> resource(argument.get(0).asText() + "." + argument.get(1).asText());
            case "Fn::Sub" -> argument.isArray()
                    ? NODES.textNode(sub(argument.get(0).asText(), variables(argument.get(1))))
                    : NODES.textNode(sub(argument.asText(), Map.of()));
            case "Fn::Join" -> NODES.textNode(String.join(argument.get(0).asText(), list(argument.get(1))));
            case "Fn::Select" -> {
                List<String> items = list(argument.get(1));
                int index = Integer.parseInt(text(argument.get(0)));
                if (index < 0 || index >= items.size()) {
                    throw new IllegalArgumentException("Fn::Select index " + index + " outside " + items);
                }
                yield NODES.textNode(items.get(index));
            }
            case "Fn::Split" -> {
                ArrayNode parts = NODES.arrayNode();
                for (String part : text(argument.get(1)).split(Pattern.quote(argument.get(0).asText()), -1)) {
                    parts.add(part);
                }
                yield parts;
            }
            default -> throw new IllegalArgumentException("cannot evaluate " + name + " " + argument + " outside CloudFormation");
        };
    }

    private Map<String, String> variables(JsonNode map) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : map.properties()) {
            out.put(field.getKey(), text(field.getValue()));
        }
        return out;
    }

    private String sub(String template, Map<String, String> variables) {
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") && !name.startsWith("AWS::") ? resource(name).asText()
                    : ref(name).asText();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private JsonNode ref(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return resource(name);
    }

    private JsonNode resource(String name) {
        String value = resources.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no value for " + name
                    + " (a template parameter without default, or a resource not known here)");
        }
        return NODES.textNode(value);
    }
}
