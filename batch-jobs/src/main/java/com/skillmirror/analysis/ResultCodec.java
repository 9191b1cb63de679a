package com.skillmirror.analysis;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one stored form of the typed results stages hand each other ({@code stage_result.summary},
 * {@code comparison.result}): the result's JSON with a {@value #VERSION_FIELD} naming the version of its type's shape.
 * <p>Reading ignores fields the type does not have (a newer writer's additions) and leaves missing ones empty (an
 * older writer's gaps), so adding a field keeps the version. A row without a version was written before versions
 * existed, in the shape that is version 1. A change that would misread old rows (a field renamed, a unit changed)
 * raises the type's version; reading then refuses rows of another version, so they are never silently misread,
 * until the reader converts them.
 */
public final class ResultCodec {

    /** The field holding the shape's version; results never have a field of this name. */
    public static final String VERSION_FIELD = "schemaVersion";

    /** Rows written before versions existed are in this shape. */
    static final int UNVERSIONED = 1;

    /*
     * Not the application's mapper: what is stored must not change with the application's Jackson settings.
     * Primitives missing from an older row read as 0/false, as they did when rows were read as maps.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ResultCodec() {
    }

    /** The stored JSON of a result whose type's shape has this version. */
    public static String write(Object result, int version) {
        JsonNode tree = JSON.valueToTree(result);
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("A stored result is a JSON object, not " + tree.getNodeType()
                    + " (" + result.getClass().getName() + ")");
        }
        if (object.has(VERSION_FIELD)) {
            throw new IllegalArgumentException(result.getClass().getName() + " has a field named " + VERSION_FIELD);
        }
        object.put(VERSION_FIELD, version);
        return JSON.writeValueAsString(object);
    }

    /**
     * The stored result as its type.
     *
     * @param version the version of the type's shape this code reads
     * @throws IllegalStateException when the row is of another version of the shape
     */
    public static <T> T read(String json, Class<T> type, int version) {
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        int stored = storedVersion(tree);
        if (stored != version) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " is of version " + stored
                    + ", this SkillMirror reads version " + version + (stored > version
                            ? ": it was written by a newer SkillMirror" : ": analyse the video again"));
        }
        return JSON.treeToValue(tree, type);
    }

    /**
     * The stored result as plain JSON values (maps, lists, strings, numbers, booleans), without the version: what
     * report.json and the results API show, the result's fields exactly.
     */
    public static Object plain(String json) {
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        storedVersion(tree);
        return JSON.treeToValue(tree, Object.class);
    }

    /** The row's version, taken out of the tree. */
    private static int storedVersion(ObjectNode tree) {
        JsonNode version = tree.remove(VERSION_FIELD);
        return version == null ? UNVERSIONED : version.asInt();
    }
}
