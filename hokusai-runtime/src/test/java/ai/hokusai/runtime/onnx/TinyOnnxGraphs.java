package ai.hokusai.runtime.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small ONNX graphs written in the protobuf wire format by hand, so the tests can cover every element type, fixed
 * dimensions and non-tensor values on the real ONNX Runtime without a converter or a binary checked in. Only the
 * fields ONNX Runtime needs are written (onnx.proto3's field numbers).
 */
final class TinyOnnxGraphs {

    /** {@code TensorProto.DataType} codes. */
    static final int FLOAT = 1;

    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT16 = 5;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int STRING = 8;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int UINT32 = 12;

    /**
     * A graph input or output.
     *
     * @param dimensions each a {@code Long} (a fixed size) or a {@code String} (a named dynamic dimension)
     * @param sequence whether the value is a sequence of such tensors rather than a tensor
     */
    record Value(String name, int elementType, List<Object> dimensions, boolean sequence) {

        static Value tensor(String name, int elementType, Object... dimensions) {
            return new Value(name, elementType, List.of(dimensions), false);
        }

        static Value sequenceOf(String name, int elementType) {
            return new Value(name, elementType, List.of(), true);
        }
    }

    record Node(String operator, List<String> inputs, List<String> outputs) {}

    private TinyOnnxGraphs() {}

    /** A graph that returns its one input unchanged as {@code y}: {@code x} of the given type and dimensions. */
    static Path identity(Path file, int elementType, Object... dimensions) throws IOException {
        return write(
                file,
                List.of(new Node("Identity", List.of("x"), List.of("y"))),
                List.of(Value.tensor("x", elementType, dimensions)),
                List.of(Value.tensor("y", elementType, dimensions)));
    }

    static Path write(Path file, List<Node> nodes, List<Value> inputs, List<Value> outputs) throws IOException {
        Proto graph = new Proto().string(2, "tiny");
        for (Node node : nodes) {
            Proto proto = new Proto();
            node.inputs().forEach(input -> proto.string(1, input));
            node.outputs().forEach(output -> proto.string(2, output));
            graph.message(1, proto.string(4, node.operator()));
        }
        inputs.forEach(input -> graph.message(11, valueInfo(input)));
        outputs.forEach(output -> graph.message(12, valueInfo(output)));
        Proto model = new Proto()
                .varint(1, 8)
                .string(2, "hokusai-tests")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 17));
        Files.write(file, model.bytes());
        return file;
    }

    private static Proto valueInfo(Value value) {
        Proto shape = new Proto();
        for (Object dimension : value.dimensions()) {
            shape.message(
                    1,
                    dimension instanceof Long size
                            ? new Proto().varint(1, size)
                            : new Proto().string(2, (String) dimension));
        }
        Proto tensor = new Proto()
                .message(1, new Proto().varint(1, value.elementType()).message(2, shape));
        Proto type = value.sequence() ? new Proto().message(4, new Proto().message(1, tensor)) : tensor;
        return new Proto().string(1, value.name()).message(2, type);
    }

    /** A protobuf message being written: varint and length-delimited fields, in call order. */
    private static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return bytes(field, message.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Proto bytes(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void tag(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
