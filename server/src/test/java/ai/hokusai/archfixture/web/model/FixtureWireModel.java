package ai.hokusai.archfixture.web.model;

/** Stands for a model generated from the spec. */
public record FixtureWireModel(String id) {}
