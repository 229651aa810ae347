package ai.hokusai.runtime.onnx;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.LoadedModel;
import ai.hokusai.runtime.oip.Datatype;
import ai.hokusai.runtime.oip.InferenceRequest;
import ai.hokusai.runtime.oip.InferenceRequestValidator;
import ai.hokusai.runtime.oip.InferenceResponse;
import ai.hokusai.runtime.oip.InputRejectedException;
import ai.hokusai.runtime.oip.InvalidTensorException;
import ai.hokusai.runtime.oip.Tensor;
import ai.hokusai.runtime.oip.TensorMetadata;
import ai.hokusai.runtime.oip.TensorModel;
import ai.hokusai.runtime.oip.TensorSignature;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded ONNX model whose inputs and outputs are all tensors, answering tensor requests. Its signature is the
 * graph's own: names, element types, and sizes, {@code -1} where the graph leaves one open. Thread-safe: ONNX sessions
 * are.
 */
final class OnnxTensorModel implements LoadedModel, TensorModel {

    private final String version;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final TensorSignature signature;
    private final long maxElements;
    /** Each input's dimension names ({@code ""} where a dimension has none): a name shared means a size shared. */
    private final Map<String, List<String>> dimensionNames;

    private OnnxTensorModel(
            String version,
            OrtEnvironment environment,
            OrtSession session,
            TensorSignature signature,
            long maxElements,
            Map<String, List<String>> dimensionNames) {
        this.version = version;
        this.environment = environment;
        this.session = session;
        this.signature = signature;
        this.maxElements = maxElements;
        this.dimensionNames = dimensionNames;
    }

    /**
     * The model {@code session} runs, its signature read from the graph.
     *
     * @throws ArtifactLoadException when an input or output is not a tensor, or of an element type this runtime does
     *     not serve
     */
    static OnnxTensorModel of(String version, OrtEnvironment environment, OrtSession session, long maxElements)
            throws OrtException {
        List<TensorMetadata> inputs = new ArrayList<>();
        Map<String, List<String>> dimensionNames = new HashMap<>();
        for (NodeInfo node : session.getInputInfo().values()) {
            TensorInfo info = tensorInfo("input", node);
            inputs.add(metadata("input", node.getName(), info));
            dimensionNames.put(node.getName(), List.of(info.getDimensionNames()));
        }
        List<TensorMetadata> outputs = new ArrayList<>();
        for (NodeInfo node : session.getOutputInfo().values()) {
            outputs.add(metadata("output", node.getName(), tensorInfo("output", node)));
        }
        return new OnnxTensorModel(
                version,
                environment,
                session,
                new TensorSignature(inputs, outputs),
                maxElements,
                Map.copyOf(dimensionNames));
    }

    private static TensorInfo tensorInfo(String role, NodeInfo node) {
        if (node.getInfo() instanceof TensorInfo info) {
            return info;
        }
        throw new ArtifactLoadException("the graph's " + role + " '" + node.getName() + "' is not a tensor but "
                + node.getInfo() + "; the " + OnnxTensorRuntime.ID
                + " runtime serves models whose inputs and outputs are all tensors");
    }

    private static TensorMetadata metadata(String role, String name, TensorInfo info) {
        Datatype datatype = OnnxTensors.datatype(info.onnxType)
                .orElseThrow(() -> new ArtifactLoadException("the graph's " + role + " '" + name + "' holds "
                        + info.onnxType + " elements; the " + OnnxTensorRuntime.ID + " runtime serves "
                        + OnnxTensors.served()));
        List<Long> shape = Arrays.stream(info.getShape())
                .map(size -> size < 0 ? TensorMetadata.DYNAMIC : size)
                .boxed()
                .toList();
        return new TensorMetadata(name, datatype, shape);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public TensorSignature signature() {
        return signature;
    }

    @Override
    public long maxElements() {
        return maxElements;
    }

    /** This model answers tensor requests only: {@link #infer}. */
    @Override
    public List<Map<String, Object>> predict(List<Map<String, Object>> inputs) {
        throw new UnsupportedOperationException(
                "a model of the " + OnnxTensorRuntime.ID + " runtime answers tensor requests only");
    }

    @Override
    public InferenceResponse infer(InferenceRequest request) {
        InferenceRequestValidator.validate(request, signature, maxElements);
        checkSharedDimensions(request.inputs());
        Set<String> wanted = new LinkedHashSet<>(request.outputs());
        if (wanted.isEmpty()) {
            signature.outputs().forEach(output -> wanted.add(output.name()));
        }
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Tensor input : request.inputs()) {
                feed.put(input.name(), OnnxTensors.create(environment, input));
            }
            try (OrtSession.Result result = session.run(feed, wanted)) {
                List<Tensor> outputs = new ArrayList<>(wanted.size());
                for (String name : wanted) {
                    OnnxValue value = result.get(name).orElseThrow();
                    Datatype datatype = signature.output(name).orElseThrow().datatype();
                    outputs.add(OnnxTensors.read(name, datatype, (OnnxTensor) value));
                }
                return new InferenceResponse(outputs);
            }
        } catch (OrtException e) {
            if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT) {
                throw new InputRejectedException("The model refused the inputs: " + reason(e), e);
            }
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * In an ONNX graph, dimensions that carry the same name have the same size (the batch, the sequence length):
     * inputs that disagree would fail inside the model, so they are refused here, by name.
     */
    private void checkSharedDimensions(List<Tensor> inputs) {
        Map<String, Tensor> firstWith = new HashMap<>();
        Map<String, Integer> firstDimension = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor input = inputs.get(i);
            List<String> names = dimensionNames.get(input.name());
            for (int d = 0; d < names.size(); d++) {
                String dimension = names.get(d);
                if (dimension.isEmpty()) {
                    continue;
                }
                Tensor first = firstWith.putIfAbsent(dimension, input);
                if (first == null) {
                    firstDimension.put(dimension, d);
                    continue;
                }
                long expected = first.shape().get(firstDimension.get(dimension));
                if (input.shape().get(d) != expected) {
                    throw new InvalidTensorException(
                            InvalidTensorException.Reason.SHAPE,
                            input.name(),
                            "/inputs/" + i + "/shape/" + d,
                            "Input '" + input.name() + "' has size "
                                    + input.shape().get(d) + " in dimension " + d
                                    + " (" + dimension + "); input '" + first.name() + "' has " + expected
                                    + ", and the model takes the same size in both.");
                }
            }
        }
    }

    /** ONNX Runtime's own reason, without the status code and the node it arose in. */
    private static String reason(OrtException e) {
        String message = e.getMessage();
        for (String marker : List.of("Status Message: ", "message: ")) {
            int at = message.indexOf(marker);
            if (at >= 0) {
                return message.substring(at + marker.length()).strip();
            }
        }
        return message;
    }

    @Override
    public void close() {
        OnnxArtifact.close(session);
    }
}
