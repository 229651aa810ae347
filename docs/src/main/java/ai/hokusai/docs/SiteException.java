package ai.hokusai.docs;

/** A fact the site needs is missing or contradicts the spec; the build stops with this message. */
final class SiteException extends RuntimeException {
    SiteException(String message) {
        super(message);
    }
}
