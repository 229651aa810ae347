package ai.hokusai.sdk;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's notice that a call, or fields of its answer, will go away: RFC 9745 {@code Deprecation} (since when),
 * RFC 8594 {@code Sunset} (until when) and the {@code Link} with {@code rel="deprecation"} (how to migrate).
 */
public final class Deprecation {

    private final String deprecation;
    private final String sunset;
    private final String link;

    private Deprecation(String deprecation, String sunset, String link) {
        this.deprecation = deprecation;
        this.sunset = sunset;
        this.link = link;
    }

    /** The notice the headers carry, or empty when the response has no {@code Deprecation} header. */
    static Optional<Deprecation> from(Map<String, List<String>> headers) {
        return ResponseHeaders.first(headers, "Deprecation")
                .map(deprecation -> new Deprecation(
                        deprecation,
                        ResponseHeaders.first(headers, "Sunset").orElse(null),
                        deprecationLink(headers).orElse(null)));
    }

    /** The {@code Deprecation} header as sent, such as {@code @1796083200}. */
    public String getHeader() {
        return deprecation;
    }

    /** Since when the call or its fields are deprecated, when the header is an RFC 9745 date ({@code @<seconds>}). */
    public Optional<Instant> getDeprecatedSince() {
        if (!deprecation.matches("@-?\\d{1,15}")) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(deprecation.substring(1))));
    }

    /** When the deprecated call or fields will stop working ({@code Sunset}), if the server said. */
    public Optional<Instant> getSunset() {
        if (sunset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(sunset, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The {@code Sunset} header as sent. */
    public Optional<String> getSunsetHeader() {
        return Optional.ofNullable(sunset);
    }

    /** Where the migration is described: the target of the {@code Link} whose relation is {@code deprecation}. */
    public Optional<String> getLink() {
        return Optional.ofNullable(link);
    }

    @Override
    public String toString() {
        return "Deprecation{" + deprecation + (sunset == null ? "" : ", sunset=" + sunset)
                + (link == null ? "" : ", link=" + link) + "}";
    }

    /** The target of the {@code Link} whose relation is {@code deprecation}, if any. */
    static Optional<String> deprecationLink(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!"Link".equalsIgnoreCase(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                for (String link : value.split(",(?=\\s*<)")) {
                    String trimmed = link.trim();
                    if (trimmed.startsWith("<")
                            && trimmed.contains(">")
                            && trimmed.substring(trimmed.indexOf('>'))
                                    .matches("(?s).*;\\s*rel=\"?([^\";]*\\s)?deprecation(\\s[^\";]*)?\"?.*")) {
                        return Optional.of(trimmed.substring(1, trimmed.indexOf('>')));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
