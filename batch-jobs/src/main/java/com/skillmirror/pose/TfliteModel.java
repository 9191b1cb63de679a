package com.skillmirror.pose;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

/**
 * One TFLite interpreter (XNNPACK on, via the builtin op resolver) for a float model. Not thread-safe: use one
 * instance per thread. The model and resolver stay referenced for the interpreter's lifetime.
 */
final class TfliteModel implements AutoCloseable {

    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final FloatPointer input;
    private final long inputElements;
    private final String path;

    TfliteModel(Path file, int numThreads) {
        this.path = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Model file not found: " + file);
        }
        model = FlatBufferModel.BuildFromFile(path);
        if (model == null || model.isNull()) {
            throw new IllegalStateException("Cannot load TFLite model " + file);
        }
        resolver = new BuiltinOpResolver();
        interpreter = new Interpreter((Pointer) null);
        try (InterpreterBuilder builder = new InterpreterBuilder(model, resolver)) {
            check(builder.SetNumThreads(numThreads), "SetNumThreads");
            check(builder.apply(interpreter), "InterpreterBuilder");
        }
        if (interpreter.isNull()) {
            throw new IllegalStateException("Could not build a TFLite interpreter for " + file);
        }
        check(interpreter.AllocateTensors(), "AllocateTensors");
        input = interpreter.typed_input_tensor_float(0);
        inputElements = interpreter.input_tensor(0).bytes() / 4;
    }

    private void check(int status, String what) {
        if (status != kTfLiteOk) {
            throw new IllegalStateException(what + " failed (status " + status + ") for " + path);
        }
    }

    int[] inputShape() {
        return dims(interpreter.input_tensor(0));
    }

    long inputElements() {
        return inputElements;
    }

    void setInput(float[] data) {
        input.position(0).put(data, 0, (int) inputElements);
    }

    void invoke() {
        check(interpreter.Invoke(), "Invoke");
    }

    String outputName(int i) {
        return interpreter.output_tensor(i).name().getString();
    }

    int[] outputShape(int i) {
        return dims(interpreter.output_tensor(i));
    }

    /** Copies output {@code i} into {@code dst} (its length elements). */
    void readOutput(int i, float[] dst) {
        interpreter.typed_output_tensor_float(i).position(0).get(dst, 0, dst.length);
    }

    private static int[] dims(TfLiteTensor t) {
        TfLiteIntArray d = t.dims();
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.data(i);
        }
        return out;
    }

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        model.close();
    }
}
