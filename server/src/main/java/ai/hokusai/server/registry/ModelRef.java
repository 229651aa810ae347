package ai.hokusai.server.registry;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one path parameter that names a model, in three disjoint forms (see {@code ModelRef} in the spec):
 * the public model number, the slug, or the UUID of one of the model's deployments.
 */
public sealed interface ModelRef {

    Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    record ModelNumber(int id) implements ModelRef {}

    record Slug(String slug) implements ModelRef {}

    record DeploymentUuid(UUID deploymentId) implements ModelRef {}

    /**
     * Parses a reference. The UUID shape is tested before the slug shape, which is what keeps the forms disjoint:
     * a slug that looks like a UUID can never be registered.
     *
     * @throws IllegalArgumentException when the text has none of the three forms
     */
    static ModelRef parse(String text) {
        if (text == null || text.length() > 64) {
            throw new IllegalArgumentException("not a model reference");
        }
        if (NUMBER.matcher(text).matches()) {
            return new ModelNumber(Integer.parseInt(text));
        }
        if (UUID_SHAPE.matcher(text).matches()) {
            return new DeploymentUuid(UUID.fromString(text));
        }
        if (SLUG.matcher(text).matches()) {
            return new Slug(text);
        }
        throw new IllegalArgumentException("not a model reference");
    }
}
