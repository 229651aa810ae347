package ai.hokusai.server.runtime;

import ai.hokusai.runtime.ArtifactResolver;
import ai.hokusai.runtime.ArtifactRoot;
import ai.hokusai.runtime.HubTokens;
import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.runtime.ModelRuntime;
import ai.hokusai.runtime.lscor.LscorRuntime;
import ai.hokusai.runtime.onnx.OnnxTensorRuntime;
import ai.hokusai.runtime.onnx.OnnxTextEmbeddingRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime module (plain Java, {@code ai.hokusai.runtime}) as the server's beans, with the server's settings, its
 * JSON mapper, clock and meter registry. Every runtime bean here is one a deployment can name.
 */
@Configuration(proxyBeanMethods = false)
public class RuntimeConfiguration {

    @Bean
    LscorRuntime lscorRuntime(JsonMapper json) {
        return new LscorRuntime(json);
    }

    @Bean
    OnnxTextEmbeddingRuntime onnxTextEmbeddingRuntime(JsonMapper json) {
        return new OnnxTextEmbeddingRuntime(json);
    }

    /** Any ONNX model whose inputs and outputs are tensors, answering the Open Inference Protocol's requests. */
    @Bean
    OnnxTensorRuntime onnxTensorRuntime(JsonMapper json) {
        return new OnnxTensorRuntime(json);
    }

    @Bean
    ArtifactRoot artifactRoot(@Value("${hokusai.artifact-root:}") String root) {
        return new ArtifactRoot(root);
    }

    @Bean
    ArtifactResolver artifactResolver(
            @Value("${hokusai.data-dir}") String dataDirectory,
            @Value("${hokusai.huggingface.endpoint:https://huggingface.co}") String huggingFaceEndpoint,
            ArtifactRoot root,
            HubTokens tokens,
            JsonMapper json) {
        return new ArtifactResolver(dataDirectory, huggingFaceEndpoint, root, tokens, json);
    }

    /** Closed with the application context: background work stops and every loaded model is freed. */
    @Bean(destroyMethod = "close")
    LoadedModelCache loadedModelCache(
            List<ModelRuntime> runtimes, ArtifactResolver artifacts, Clock clock, MeterRegistry metrics) {
        return new LoadedModelCache(runtimes, artifacts, clock, metrics);
    }
}
