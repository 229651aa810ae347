package ai.hokusai.server.service;

import ai.hokusai.runtime.LoadedModelCache;
import ai.hokusai.server.registry.ModelDeployment;
import ai.hokusai.server.registry.ModelRegistry;
import ai.hokusai.server.registry.ResolvedModel;
import ai.hokusai.server.runtime.ModelUnavailableException;
import ai.hokusai.server.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Read use cases of the registry: listing, describing and warming models and deployments. */
@Service
public class ModelCatalogService {

    private final ModelRegistry registry;
    private final ModelAccess access;
    private final LoadedModelCache loadedModels;

    public ModelCatalogService(ModelRegistry registry, ModelAccess access, LoadedModelCache loadedModels) {
        this.registry = registry;
        this.access = access;
        this.loadedModels = loadedModels;
    }

    /** One page of models; {@code nextCursor} is null on the last page. */
    public record ModelPage(List<ResolvedModel> models, String nextCursor) {}

    /** Loading state of a model's live deployment on this instance; {@code revision} is its loaded commit. */
    public record Health(ResolvedModel model, String status, boolean cached, Instant loadedAt, String revision) {}

    /** The caller's models and every public one; every model for the operator. */
    public ModelPage list(Caller caller, int limit, String cursor) {
        Integer afterId = cursor == null ? null : decodeCursor(cursor);
        List<ResolvedModel> rows =
                registry.listAfter(afterId, caller.isOperator() ? null : caller.accountId(), limit + 1);
        boolean hasMore = rows.size() > limit;
        List<ResolvedModel> models = hasMore ? rows.subList(0, limit) : rows;
        String next =
                hasMore ? encodeCursor(models.get(models.size() - 1).model().id()) : null;
        return new ModelPage(models, next);
    }

    public ResolvedModel get(Caller caller, String modelRef) {
        return access.readable(caller, modelRef);
    }

    /**
     * @param warmup load the live deployment first, so the next prediction pays no loading cost
     * @throws ModelUnavailableException when the model has no active deployment ready to serve, or warming it fails
     */
    public Health health(Caller caller, String modelRef, boolean warmup) {
        ResolvedModel resolved = access.readable(caller, modelRef);
        ModelDeployment deployment = resolved.requireActiveDeployment();
        if (!deployment.ready()) {
            throw new ModelUnavailableException(
                    "Model " + resolved.model().id() + " has no deployment ready to serve.");
        }
        if (warmup) {
            resolved.loadLive(loadedModels);
        }
        Optional<LoadedModelCache.Entry> entry = loadedModels.peek(deployment.id());
        return entry.map(e -> new Health(
                        resolved, "ready", true, e.loadedAt(), e.contents().revision()))
                .orElseGet(() -> new Health(resolved, "not_loaded", false, null, deployment.revision()));
    }

    public List<ModelDeployment> deployments(Caller caller, String modelRef) {
        return registry.deploymentsOf(access.readable(caller, modelRef).model().id());
    }

    public ModelDeployment deployment(Caller caller, UUID id) {
        return access.readableDeployment(caller, id);
    }

    static String encodeCursor(int lastId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(lastId).getBytes(StandardCharsets.US_ASCII));
    }

    static int decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return Integer.parseInt(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(
                    "cursor",
                    "The cursor is not one a previous page returned.",
                    "is not a cursor a previous page returned");
        }
    }
}
