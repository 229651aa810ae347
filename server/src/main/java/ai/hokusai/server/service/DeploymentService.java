package ai.hokusai.server.service;

import ai.hokusai.runtime.ArtifactLoadException;
import ai.hokusai.runtime.ArtifactResolver;
import ai.hokusai.runtime.ArtifactRoot;
import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.server.error.FieldViolation;
import ai.hokusai.server.persistence.DeploymentMapper;
import ai.hokusai.server.persistence.DeploymentRecord;
import ai.hokusai.server.persistence.ModelMapper;
import ai.hokusai.server.persistence.RegistryGenerationMapper;
import ai.hokusai.server.registry.DeploymentNotFoundException;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.RegisteredModel;
import ai.hokusai.server.security.AuditTrail;
import ai.hokusai.server.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deploying versions of a model, switching the live one and retiring old ones. Every deployment takes this path, the
 * seeded ones included. Each change moves the registry's generation forward in its own transaction, so every
 * instance applies it within a poll interval; the instance that made it applies it before answering.
 */
@Service
public class DeploymentService {

    private static final Pattern HUB_URI = Pattern.compile(
            "hf://([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*(?:@[A-Za-z0-9][A-Za-z0-9._-]*)?)");
    private static final Pattern FILE_URI = Pattern.compile("file://(/.+)");

    private final DeploymentMapper deployments;
    private final ModelMapper models;
    private final RegistryGenerationMapper generation;
    private final ModelRegistry registry;
    private final LoadedModelCache loadedModels;
    private final DeploymentLoader loader;
    private final TransactionTemplate transaction;
    private final ModelAccess access;
    private final AuditTrail audit;
    private final ArtifactRoot artifactRoot;

    public DeploymentService(
            DeploymentMapper deployments,
            ModelMapper models,
            RegistryGenerationMapper generation,
            ModelRegistry registry,
            LoadedModelCache loadedModels,
            DeploymentLoader loader,
            TransactionTemplate transaction,
            ModelAccess access,
            AuditTrail audit,
            ArtifactRoot artifactRoot) {
        this.access = access;
        this.audit = audit;
        this.deployments = deployments;
        this.models = models;
        this.generation = generation;
        this.registry = registry;
        this.loadedModels = loadedModels;
        this.loader = loader;
        this.transaction = transaction;
        this.artifactRoot = artifactRoot;
    }

    /** Where an artifact lives: a provider ({@code huggingface}, {@code filesystem}, {@code bundled}) and a location. */
    public record ArtifactLocation(String provider, String location) {}

    /** A deployment to create; {@code id} is fixed beforehand for seeded deployments, else null. */
    public record NewDeployment(UUID id, String version, String runtime, ArtifactLocation artifact, boolean activate) {}

    /** A deployment just created, and the load that runs for it in the background. */
    public record Created(ModelDeployment deployment, CompletableFuture<String> loading) {}

    /**
     * {@code hf://owner/repo[@revision]} or {@code file:///absolute/path}, by form only: whether a {@code file://}
     * path may be used is {@link #requireAcceptedSource}'s to say.
     *
     * @throws InvalidRequestException for any other form
     */
    public static ArtifactLocation parseArtifactUri(String uri) {
        Matcher hub = HUB_URI.matcher(uri == null ? "" : uri);
        if (hub.matches()) {
            return new ArtifactLocation(ArtifactResolver.HUGGINGFACE, hub.group(1));
        }
        Matcher file = FILE_URI.matcher(uri == null ? "" : uri);
        if (file.matches()) {
            return new ArtifactLocation(ArtifactResolver.FILESYSTEM, file.group(1));
        }
        throw InvalidRequestException.envelope(
                "/artifact_uri", "must be hf://owner/repo, hf://owner/repo@revision or file:///absolute/path");
    }

    /**
     * A {@code file://} artifact must be a directory beneath the operator's artifact root ({@link ArtifactRoot}).
     * Every location that is not gets the same answer, whether it exists elsewhere or not, so the answer is no probe
     * of the server's file system; without a root the answer names the setting that is missing.
     *
     * @throws InvalidRequestException (pointer {@code /artifact_uri}) when the artifact may not be used
     */
    private void requireAcceptedSource(ArtifactLocation artifact) {
        if (!ArtifactResolver.FILESYSTEM.equals(artifact.provider())) {
            return;
        }
        if (!artifactRoot.configured()) {
            throw InvalidRequestException.envelope(
                    "/artifact_uri",
                    "is a file:// URI, which this server does not " + "accept: its operator has set no artifact root ("
                            + ArtifactRoot.VARIABLE + ")");
        }
        try {
            artifactRoot.confine(artifact.location());
        } catch (ArtifactLoadException e) {
            throw InvalidRequestException.envelope("/artifact_uri", ArtifactRoot.OUTSIDE);
        }
    }

    /**
     * Creates a pending deployment of the model and starts loading it in the background.
     *
     * @throws ai.hokusai.server.registry.ModelNotFoundException when no model the caller may see answers to
     *     {@code modelRef}
     * @throws NotOwnerException        when the model is another account's
     * @throws InvalidRequestException  when the runtime is not installed, or the artifact may not be used
     *                                  ({@link #requireAcceptedSource})
     * @throws VersionTakenException    when the model has a deployment with this version
     */
    public Created deploy(Caller caller, String modelRef, NewDeployment request) {
        RegisteredModel model = access.writable(caller, modelRef).model();
        int modelId = model.id();
        if (!loadedModels.installedRuntimes().contains(request.runtime())) {
            throw new InvalidRequestException(
                    false,
                    "The request body is invalid: /runtime names no installed runtime.",
                    List.of(new FieldViolation(
                            "/runtime",
                            "names no installed runtime (installed: "
                                    + String.join(
                                            ", ",
                                            loadedModels.installedRuntimes().stream()
                                                    .sorted()
                                                    .toList()) + ")")));
        }
        requireAcceptedSource(request.artifact());
        UUID id = request.id() != null ? request.id() : UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            models.lockById(modelId);
            if (deployments.versionExists(modelId, request.version())) {
                throw new VersionTakenException(modelId, request.version());
            }
            deployments.insertIfAbsent(DeploymentRecord.pending(
                    id,
                    modelId,
                    request.version(),
                    request.artifact().provider(),
                    request.artifact().location(),
                    request.runtime()));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("model_id", modelId);
            fields.put("version", request.version());
            fields.put("runtime", request.runtime());
            fields.put("artifact_provider", request.artifact().provider());
            fields.put("activate", request.activate());
            audit.record(caller, model.ownerAccountId(), "deployment.create", "deployment", id, fields);
            generation.advance();
        });
        ModelDeployment created = registry.deployment(id);
        CompletableFuture<String> loading =
                loader.submit(id, request.activate() ? () -> activateOwned(caller, id) : () -> {});
        return new Created(created, loading);
    }

    /**
     * Makes the deployment its model's only active one, in one transaction; the one it replaces stays ready.
     *
     * @throws DeploymentNotFoundException when no deployment (that is not retired) of a model the caller may see has
     *     the id
     * @throws NotOwnerException           when it is a deployment of another account's model
     * @throws DeploymentStateException    when it is not ready
     */
    public ModelDeployment activate(Caller caller, UUID id) {
        access.writableDeployment(caller, id);
        return activateOwned(caller, id);
    }

    private ModelDeployment activateOwned(Caller caller, UUID id) {
        transaction.executeWithoutResult(status -> {
            DeploymentRecord target = deployments.findById(id).orElseThrow(() -> new DeploymentNotFoundException(id));
            models.lockById(target.modelId());
            target = deployments.lockById(id).orElseThrow(() -> new DeploymentNotFoundException(id));
            if (target.active()) {
                return;
            }
            if (!DeploymentRecord.READY.equals(target.loadStatus())) {
                throw DeploymentStateException.notReady(id, target.loadStatus());
            }
            deployments.deactivateOthers(target.modelId(), id);
            deployments.activate(id);
            audit.record(
                    caller,
                    ownerOf(target.modelId()),
                    "deployment.activate",
                    "deployment",
                    id,
                    Map.of("model_id", target.modelId()));
            generation.advance();
        });
        registry.refreshAll();
        return registry.deployment(id);
    }

    /**
     * Retires a deployment that is not active: it is unloaded and answers 404 from then on.
     *
     * @throws DeploymentNotFoundException when no deployment (that is not retired) of a model the caller may see has
     *     the id
     * @throws NotOwnerException           when it is a deployment of another account's model
     * @throws DeploymentStateException    when it is its model's active deployment
     */
    public void retire(Caller caller, UUID id) {
        access.writableDeployment(caller, id);
        transaction.executeWithoutResult(status -> {
            DeploymentRecord target = deployments.findById(id).orElseThrow(() -> new DeploymentNotFoundException(id));
            models.lockById(target.modelId());
            target = deployments.lockById(id).orElseThrow(() -> new DeploymentNotFoundException(id));
            if (target.active()) {
                throw DeploymentStateException.active(id);
            }
            deployments.retire(id);
            audit.record(
                    caller,
                    ownerOf(target.modelId()),
                    "deployment.retire",
                    "deployment",
                    id,
                    Map.of("model_id", target.modelId()));
            generation.advance();
        });
        loadedModels.evict(id);
        registry.refreshAll();
    }

    private UUID ownerOf(int modelId) {
        return registry.resolve(String.valueOf(modelId)).model().ownerAccountId();
    }
}
