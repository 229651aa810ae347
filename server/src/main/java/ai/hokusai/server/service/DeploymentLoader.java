package ai.hokusai.server.service;

import ai.hokusai.runtime.ArtifactContents;
import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.ResolvedModel;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads new deployments in the background, a few at a time: {@code pending → loading}, then fetches, verifies and
 * loads the artifact, and records {@code ready} with the revision, the files' checksums and the load time, or
 * {@code failed} with a reason fit to show (never a stack trace or a secret). A ready deployment stays loaded on this
 * instance, so activating it costs no request a wait.
 */
@Component
public class DeploymentLoader {

    private static final Logger log = LoggerFactory.getLogger(DeploymentLoader.class);
    private static final int MAX_REASON_LENGTH = 1000;
    private static final int THREADS = 2;
    private static final int QUEUE = 64;

    private final DeploymentMapper deployments;
    private final ModelRegistry registry;
    private final LoadedModelCache loadedModels;
    private final JsonMapper json;
    private final ThreadPoolExecutor executor =
            new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread thread = new Thread(r, "deployment-loader");
                thread.setDaemon(true);
                return thread;
            });

    public DeploymentLoader(
            DeploymentMapper deployments, ModelRegistry registry, LoadedModelCache loadedModels, JsonMapper json) {
        this.deployments = deployments;
        this.registry = registry;
        this.loadedModels = loadedModels;
        this.json = json;
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Queues a pending deployment for loading; {@code whenReady} runs once it is ready.
     *
     * @return completes with the deployment's final load status ({@code ready} or {@code failed})
     */
    public CompletableFuture<String> submit(UUID deploymentId, Runnable whenReady) {
        CompletableFuture<String> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    String status = load(deploymentId);
                    if (DeploymentRecord.READY.equals(status)) {
                        whenReady.run();
                    }
                    done.complete(status);
                } catch (RuntimeException e) {
                    log.error("Deployment {} could not be loaded or activated", deploymentId, e);
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            deployments.markFailed(
                    deploymentId,
                    "The server is loading " + QUEUE + " deployments already; " + "deploy again in a few minutes.",
                    0);
            done.complete(DeploymentRecord.FAILED);
        }
        return done;
    }

    private String load(UUID deploymentId) {
        if (deployments.markLoading(deploymentId) == 0) {
            return deployments
                    .findById(deploymentId)
                    .map(DeploymentRecord::loadStatus)
                    .orElse(DeploymentRecord.FAILED);
        }
        long started = System.nanoTime();
        try {
            ModelDeployment deployment = registry.deployment(deploymentId);
            ResolvedModel model = registry.resolve(String.valueOf(deployment.modelId()));
            LoadedModelCache.Entry entry = loadedModels.warm(ResolvedModel.artifactOf(model.model(), deployment));
            ArtifactContents contents = entry.contents();
            deployments.markReady(deploymentId, contents.revision(), filesJson(contents.files()), entry.loadMillis());
            log.info(
                    "Deployment {} of model {} is ready ({} files, revision {}, {} ms)",
                    deploymentId,
                    deployment.modelId(),
                    contents.files().size(),
                    contents.revision(),
                    Math.round(entry.loadMillis()));
            return DeploymentRecord.READY;
        } catch (ArtifactLoadException e) {
            fail(deploymentId, reason(e.getMessage()), started);
            log.warn("Deployment {} failed to load: {}", deploymentId, e.getMessage());
        } catch (RuntimeException e) {
            fail(
                    deploymentId,
                    "The artifact could not be loaded because of an unexpected server error; the server "
                            + "log has the details.",
                    started);
            log.error("Deployment {} failed to load", deploymentId, e);
        }
        return DeploymentRecord.FAILED;
    }

    private void fail(UUID deploymentId, String reason, long started) {
        deployments.markFailed(deploymentId, reason, (System.nanoTime() - started) / 1_000_000.0);
    }

    /** The reason as a sentence: first letter capitalised, one line, bounded. */
    private static String reason(String message) {
        String text = message == null || message.isBlank()
                ? "The artifact could not be loaded."
                : message.lines().findFirst().orElse(message).strip();
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        if (text.length() > MAX_REASON_LENGTH) {
            text = text.substring(0, MAX_REASON_LENGTH - 1) + "…";
        }
        return text.endsWith(".") || text.endsWith(")") || text.endsWith("…") ? text : text + ".";
    }

    private String filesJson(List<ArtifactContents.File> files) {
        return json.writeValueAsString(files);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
