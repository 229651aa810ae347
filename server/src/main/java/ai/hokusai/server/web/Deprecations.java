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

    private Deprecations() {}

    /** An answer with the body and the deprecation notice. */
    static <T> ResponseEntity<T> withDeprecatedFields(HttpStatus status, T body) {
        return ResponseEntity.status(status)
                // 2026-12-01T00:00:00Z, when `id`, `task` and `artifact` replaced the deprecated fields.
                .header("Deprecation", "@1796083200")
                .header("Sunset", "Wed, 30 Jun 2027 00:00:00 GMT")
                .header(
                        HttpHeaders.LINK,
                        "</docs/changelog.html#deprecated-fields>; rel=\"deprecation\"; type=\"text/html\"")
                .body(body);
    }
}
