package ai.hokusai.archfixture.persistence;

/** A database row. */
public record FixtureRow(String id) {}
