package com.jobstatus.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.jobstatus.localaws.Checkout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * {@code template.yaml} as a JSON tree, with CloudFormation's short-form tags turned into their long form
 * ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !Sub s} becomes {@code {"Fn::Sub": s}}, and so on), so
 * tests and the local stack read the names and settings the template really declares instead of typing
 * them again.
 */
public final class SamTemplate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    /** {@code template.yaml} of the checkout this runs from. */
    public static SamTemplate load() {
        return load(find());
    }

    /** Where {@code template.yaml} is: at the root of the checkout ({@link Checkout}). */
    public static Path find() {
        return Checkout.root().resolve("template.yaml");
    }

    public static SamTemplate load(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            parser.nextToken();
            return new SamTemplate(read(parser));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /**
     * The class a function's {@code Handler} names: Lambda takes {@code Class} or {@code Class::handleRequest} for a
     * handler interface; any other method name fails here.
     */
    public String handlerClass(String functionLogicalId) {
        String handler = properties(functionLogicalId).path("Handler").asText();
        int method = handler.indexOf("::");
        if (method >= 0 && !handler.substring(method).equals("::handleRequest")) {
            throw new IllegalArgumentException(functionLogicalId + "'s Handler names a method other than "
                    + "handleRequest: " + handler);
        }
        return method < 0 ? handler : handler.substring(0, method);
    }

    /** The resource's {@code Properties}; fails clearly when the template has no such resource. */
    public JsonNode properties(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource.path("Properties");
    }

    public String parameterDefault(String name) {
        JsonNode value = root.path("Parameters").path(name).path("Default");
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml parameter " + name + " has no default");
        }
        return value.asText();
    }

    /**
     * The values the template's functions see ({@link TemplateValues}): each parameter at the given value or at its
     * default, checked against its {@code AllowedValues} and {@code AllowedPattern} as CloudFormation would, a
     * {@code CommaDelimitedList} as a list. A parameter with neither (one that names something that exists only
     * in AWS, such as the API's id) is left out; its {@code !Ref} fails naming it.
     */
    public TemplateValues values(Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> parameter : declaredParameters(given.keySet()).properties()) {
            String name = parameter.getKey();
            JsonNode fallback = parameter.getValue().get("Default");
            if (given.containsKey(name) || fallback != null) {
                all.put(name, given.containsKey(name) ? given.get(name) : fallback.asText());
            }
        }
        return new TemplateValues(parameters(all), Map.of());
    }

    /** Only the given parameters, checked and typed as {@link #values} does: to add to a {@link TemplateValues}. */
    public Map<String, JsonNode> parameters(Map<String, String> given) {
        JsonNode declared = declaredParameters(given.keySet());
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            JsonNode spec = declared.get(name);
            check(name, spec, value);
            parameters.put(name, "CommaDelimitedList".equals(spec.path("Type").asText()) ? split(value)
                    : NODES.textNode(value));
        });
        return parameters;
    }

    private JsonNode declaredParameters(Iterable<String> names) {
        JsonNode declared = root.path("Parameters");
        for (String name : names) {
            if (!declared.has(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
        }
        return declared;
    }

    private static void check(String name, JsonNode spec, String value) {
        JsonNode allowed = spec.path("AllowedValues");
        if (allowed.isArray()) {
            List<String> options = new ArrayList<>();
            allowed.forEach(option -> options.add(option.asText()));
            if (!options.contains(value)) {
                throw new IllegalArgumentException("parameter " + name + " must be one of " + options + ", was " + value);
            }
        }
        if (spec.has("AllowedPattern") && !value.matches(spec.get("AllowedPattern").asText())) {
            throw new IllegalArgumentException("parameter " + name + " does not match " + spec.get("AllowedPattern").asText()
                    + ": " + value);
        }
    }

    private static ArrayNode split(String list) {
        ArrayNode items = NODES.arrayNode();
        for (String item : list.split(",")) {
            items.add(item.trim());
        }
        return items;
    }

    /**
     * The template as CloudFormation applies it for these parameter values (the others at their defaults): each
     * condition evaluated, resources and outputs whose condition is false left out, every {@code Fn::If} replaced
     * by its chosen branch ({@code AWS::NoValue} dropping the property), the {@code Condition} keys and the
     * {@code Conditions} section gone, and each given value the parameter's default. What is left is one concrete
     * deployment: the local stack runs it, and the build lints every combination of the switches with cfn-lint.
     */
    public SamTemplate forParameters(Map<String, String> values) {
        ObjectNode applied = root.deepCopy();
        Conditions conditions = new Conditions(root.path("Conditions"), values(values));
        applied.remove("Conditions");
        for (String section : List.of("Resources", "Outputs")) {
            if (applied.get(section) instanceof ObjectNode entries) {
                entries.properties().removeIf(entry -> entry.getValue().has("Condition")
                        && !conditions.holds(entry.getValue().get("Condition").asText()));
                entries.forEach(entry -> ((ObjectNode) entry).remove("Condition"));
                applied.set(section, chooseBranches(entries, conditions));
            }
        }
        values.forEach((name, value) -> {
            if (applied.path("Parameters").get(name) instanceof ObjectNode parameter) {
                // a number as a number, as the template writes its own default and AllowedValues
                boolean number = parameter.path("Default").isNumber() && value.matches("-?[0-9]+");
                parameter.set("Default", number ? NODES.numberNode(Long.parseLong(value)) : NODES.textNode(value));
            }
        });
        return new SamTemplate(applied);
    }

    /** {@code Fn::If} replaced by its branch, all the way down; a branch of {@code AWS::NoValue} removes the value. */
    private static JsonNode chooseBranches(JsonNode node, Conditions conditions) {
        if (node.isObject() && node.size() == 1 && node.has("Fn::If")) {
            JsonNode choice = node.get("Fn::If");
            return chooseBranches(choice.get(conditions.holds(choice.get(0).asText()) ? 1 : 2), conditions);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = NODES.objectNode();
            object.properties().forEach(field -> {
                JsonNode value = chooseBranches(field.getValue(), conditions);
                if (!isNoValue(value)) {
                    out.set(field.getKey(), value);
                }
            });
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = NODES.arrayNode();
            array.forEach(item -> {
                JsonNode value = chooseBranches(item, conditions);
                if (!isNoValue(value)) {
                    out.add(value);
                }
            });
            return out;
        }
        return node;
    }

    private static boolean isNoValue(JsonNode node) {
        return node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText(null));
    }

    /** The template's conditions for one set of parameter values, each evaluated once. */
    private static final class Conditions {
        private final JsonNode definitions;
        private final TemplateValues values;
        private final Map<String, Boolean> evaluated = new HashMap<>();

        Conditions(JsonNode definitions, TemplateValues values) {
            this.definitions = definitions;
            this.values = values;
        }

        boolean holds(String name) {
            Boolean known = evaluated.get(name);
            if (known == null) {
                JsonNode definition = definitions.get(name);
                if (definition == null) {
                    throw new IllegalArgumentException("template.yaml has no condition " + name);
                }
                known = evaluate(definition);
                evaluated.put(name, known);
            }
            return known;
        }

        private boolean evaluate(JsonNode condition) {
            String function = condition.properties().iterator().next().getKey();
            JsonNode arguments = condition.get(function);
            return switch (function) {
                case "Fn::Equals" -> values.text(arguments.get(0)).equals(values.text(arguments.get(1)));
                case "Fn::Not" -> !evaluate(arguments.get(0));
                case "Fn::And" -> StreamSupport.stream(arguments.spliterator(), false).allMatch(this::evaluate);
                case "Fn::Or" -> StreamSupport.stream(arguments.spliterator(), false).anyMatch(this::evaluate);
                case "Condition" -> holds(arguments.asText());
                default -> throw new IllegalArgumentException("cannot evaluate the condition " + condition);
            };
        }
    }

    private static JsonNode read(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonToken token = parser.currentToken();
        JsonNode value = switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.set(field, read(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        };
        return tag == null ? value : intrinsic(tag, value);
    }

    /** {@code !Ref x} → {@code {"Ref": x}}; {@code !GetAtt a.b} → {@code {"Fn::GetAtt": [a, b]}}; {@code !F v} → {@code {"Fn::F": v}}. */
    private static JsonNode intrinsic(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        if (tag.equals("Ref")) {
            node.set("Ref", value);
        } else if (tag.equals("GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            node.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
        } else if (tag.equals("Condition")) {
            node.set("Condition", value);
        } else {
            node.set("Fn::" + tag, value);
        }
        return node;
    }
}
