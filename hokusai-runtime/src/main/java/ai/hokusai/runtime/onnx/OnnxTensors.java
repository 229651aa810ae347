package ai.hokusai.runtime.onnx;

import ai.hokusai.runtime.oip.Datatype;
import ai.hokusai.runtime.oip.Tensor;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Between the protocol's tensors and ONNX Runtime's: which element types map to which datatype, an input's flat data
 * into a native tensor, and a result tensor back into flat data.
 */
final class OnnxTensors {

    /** The element types this runtime feeds and reads; ONNX Runtime's Java API cannot feed the unsigned wider ones. */
    private static final Map<OnnxTensorType, Datatype> DATATYPES = new EnumMap<>(Map.of(
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, Datatype.BOOL,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, Datatype.UINT8,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, Datatype.INT8,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, Datatype.INT16,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, Datatype.INT32,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, Datatype.INT64,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, Datatype.FP16,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, Datatype.FP32,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, Datatype.FP64,
            OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING, Datatype.BYTES));

    private OnnxTensors() {}

    /** The protocol's datatype for an ONNX element type, if this runtime serves it. */
    static Optional<Datatype> datatype(OnnxTensorType type) {
        return Optional.ofNullable(DATATYPES.get(type));
    }

    /** The names of the datatypes this runtime serves, for messages. */
    static List<Datatype> served() {
        return DATATYPES.values().stream().sorted().toList();
    }

    /**
     * A native tensor holding {@code input}, which has been validated: its data has as many elements as its shape,
     * each one its datatype holds.
     */
    static OnnxTensor create(OrtEnvironment environment, Tensor input) throws OrtException {
        long[] shape = input.shape().stream().mapToLong(Long::longValue).toArray();
        List<?> data = input.data();
        int count = data.size();
        return switch (input.datatype()) {
            case BOOL -> {
                ByteBuffer buffer = direct(count, Byte.BYTES);
                data.forEach(v -> buffer.put((byte) ((Boolean) v ? 1 : 0)));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape, OnnxJavaType.BOOL);
            }
            case UINT8, INT8 -> {
                ByteBuffer buffer = direct(count, Byte.BYTES);
                data.forEach(v -> buffer.put(((Number) v).byteValue()));
                OnnxJavaType type = input.datatype() == Datatype.UINT8 ? OnnxJavaType.UINT8 : OnnxJavaType.INT8;
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape, type);
            }
            case INT16 -> {
                ShortBuffer buffer = direct(count, Short.BYTES).asShortBuffer();
                data.forEach(v -> buffer.put(((Number) v).shortValue()));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case FP16 -> {
                ShortBuffer buffer = direct(count, Short.BYTES).asShortBuffer();
                data.forEach(v -> buffer.put(Float.floatToFloat16(((Number) v).floatValue())));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape, OnnxJavaType.FLOAT16);
            }
            case INT32 -> {
                IntBuffer buffer = direct(count, Integer.BYTES).asIntBuffer();
                data.forEach(v -> buffer.put(((Number) v).intValue()));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case INT64 -> {
                LongBuffer buffer = direct(count, Long.BYTES).asLongBuffer();
                data.forEach(v -> buffer.put(((Number) v).longValue()));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case FP32 -> {
                FloatBuffer buffer = direct(count, Float.BYTES).asFloatBuffer();
                data.forEach(v -> buffer.put(((Number) v).floatValue()));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case FP64 -> {
                DoubleBuffer buffer = direct(count, Double.BYTES).asDoubleBuffer();
                data.forEach(v -> buffer.put(((Number) v).doubleValue()));
                yield OnnxTensor.createTensor(environment, buffer.rewind(), shape);
            }
            case BYTES -> OnnxTensor.createTensor(environment, data.toArray(String[]::new), shape);
            case UINT16, UINT32, UINT64 ->
                throw new IllegalArgumentException("the onnx runtime does not feed " + input.datatype());
        };
    }

    /** The result tensor {@code value} as the protocol's output {@code name} of {@code datatype}. */
    static Tensor read(String name, Datatype datatype, OnnxTensor value) throws OrtException {
        List<Long> shape = Arrays.stream(value.getInfo().getShape()).boxed().toList();
        List<Object> data = new ArrayList<>((int) value.getInfo().getNumElements());
        switch (datatype) {
            case BOOL -> {
                ByteBuffer buffer = value.getByteBuffer();
                while (buffer.hasRemaining()) {
                    data.add(buffer.get() != 0);
                }
            }
            case UINT8 -> {
                ByteBuffer buffer = value.getByteBuffer();
                while (buffer.hasRemaining()) {
                    data.add(Byte.toUnsignedInt(buffer.get()));
                }
            }
            case INT8 -> {
                ByteBuffer buffer = value.getByteBuffer();
                while (buffer.hasRemaining()) {
                    data.add((int) buffer.get());
                }
            }
            case INT16 -> {
                ShortBuffer buffer = value.getShortBuffer();
                while (buffer.hasRemaining()) {
                    data.add((int) buffer.get());
                }
            }
            case INT32 -> {
                IntBuffer buffer = value.getIntBuffer();
                while (buffer.hasRemaining()) {
                    data.add(buffer.get());
                }
            }
            case INT64 -> {
                LongBuffer buffer = value.getLongBuffer();
                while (buffer.hasRemaining()) {
                    data.add(buffer.get());
                }
            }
            // ONNX Runtime widens FP16 to float as it copies the buffer out.
            case FP16, FP32 -> {
                FloatBuffer buffer = value.getFloatBuffer();
                while (buffer.hasRemaining()) {
                    data.add(buffer.get());
                }
            }
            case FP64 -> {
                DoubleBuffer buffer = value.getDoubleBuffer();
                while (buffer.hasRemaining()) {
                    data.add(buffer.get());
                }
            }
            case BYTES -> flattenStrings(value.getValue(), data);
            case UINT16, UINT32, UINT64 ->
                throw new IllegalArgumentException("the onnx runtime does not read " + datatype);
        }
        return new Tensor(name, datatype, shape, data);
    }

    /** A string tensor's value is a {@code String} for a scalar, else nested {@code String[]}s, row-major. */
    private static void flattenStrings(Object value, List<Object> data) {
        if (value instanceof Object[] array) {
            for (Object element : array) {
                flattenStrings(element, data);
            }
        } else {
            data.add(value);
        }
    }

    private static ByteBuffer direct(int elements, int bytesPerElement) {
        return ByteBuffer.allocateDirect(elements * bytesPerElement).order(ByteOrder.nativeOrder());
    }
}
