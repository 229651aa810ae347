package ai.hokusai.server.error;

/** One invalid field: a JSON pointer into the request body (or {@code #/query/name}) and what is wrong with it. */
public record FieldViolation(String pointer, String message) {}
