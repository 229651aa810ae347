package ai.hokusai.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The deprecation notice of responses that carry fields the contract marks {@code deprecated} ({@code model_id},
 * {@code model_type} and {@code storage.location} of {@code /info}, {@code artifact.location} of deployments): RFC
 * 9745 {@code Deprecation}, RFC 8594 {@code Sunset} and a {@code Link} with {@code rel="deprecation"} to the
 * migration notes, as the spec documents on exactly these responses. The dates are the changelog's timeline.
 */
final class Deprecations {

    /** 2026-12-01T00:00:00Z, when {@code id}, {@code task} and {@code artifact} replaced the deprecated fields. */
    static final String DEPRECATION = "@1796083200";

    static final String SUNSET = "Wed, 30 Jun 2027 00:00:00 GMT";
    static final String LINK = "</docs/changelog.html#deprecated-fields>; rel=\"deprecation\"; type=\"text/html\"";

    private Deprecations() {}

    /** A 200 with the body and the deprecation notice. */
    static <T> ResponseEntity<T> okWithDeprecatedFields(T body) {
        return withDeprecatedFields(HttpStatus.OK, body);
    }

    /** An answer with the body and the deprecation notice. */
    static <T> ResponseEntity<T> withDeprecatedFields(HttpStatus status, T body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Deprecation", DEPRECATION);
        headers.set("Sunset", SUNSET);
        headers.set(HttpHeaders.LINK, LINK);
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}
