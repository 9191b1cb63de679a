package com.skillmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stage results in the shape they were stored in before results were typed and versioned: taken from the
 * report.json the CLI wrote for a real clip (a talking head filmed for the squat skill; its {@code stages.*.result}
 * are the {@code stage_result.summary} rows exactly), and the check that a type reads them and writes them back the
 * same.
 */
public final class StoredShapes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredShapes() {
    }

    /** The real run's report.json, as a fresh, changeable tree. */
    public static Map<String, Object> sampleReport() {
        try (InputStream in = StoredShapes.class.getResourceAsStream("/report/sample-report.json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(in, LinkedHashMap.class);
            return map;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stage's result in the real run, as its row stored it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> sampleResult(Stage stage) {
        Map<String, Object> stages = (Map<String, Object>) sampleReport().get("stages");
        return (Map<String, Object>) ((Map<String, Object>) stages.get(stage.stepName())).get("result");
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A result as the plain JSON tree an unversioned row of it held. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object result) {
        return JSON.convertValue(result, LinkedHashMap.class);
    }

    /**
     * Reads the unversioned row as its type, stores it again and checks that the stored form carries the type's
     * version, reads back equal, and shows exactly the old row's fields and values (so report.json keeps its shape).
     *
     * @return the typed result
     */
    public static <T> T assertReadsAndKeepsShape(Map<String, Object> oldRow, StageResult<T> key) {
        T typed = ResultCodec.read(json(oldRow), key.type(), key.version());
        String stored = ResultCodec.write(typed, key.version());
        assertThat(JSON.readTree(stored).get(ResultCodec.VERSION_FIELD).asInt()).isEqualTo(key.version());
        assertThat(ResultCodec.read(stored, key.type(), key.version())).isEqualTo(typed);
        assertThat(canonical(ResultCodec.plain(stored))).isEqualTo(canonical(oldRow));
        return typed;
    }

    /** Maps sorted, numbers compared by value (a stored 30.0 and 30 are the same number). */
    public static Object canonical(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        if (node instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        return node;
    }
}
