package ai.hokusai.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The API reference: Redoc's standalone bundle with the spec embedded as a script, so the page renders from
 * {@code file://} and from {@code /docs/} alike and fetches nothing from the network. The embedded copy carries
 * request samples ({@link CodeSamples}) on every operation; {@code openapi.yaml} and {@code openapi.json} stay the contract as is.
 */
final class ReferencePage {

    static final String HREF = "reference.html";

    /**
     * Redoc's sidebar footer loads its logo from a CDN; the page must fetch nothing, so the bundle points it at an
     * empty inline image instead. The "API docs by Redocly" attribution text stays.
     */
    private static final String CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";

    private static final String INLINE_BLANK = "data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27/%3E";

    private final Spec spec;

    ReferencePage(Spec spec) {
        this.spec = spec;
    }

    void write(Path out, Path redocBundle, Path specFile, Layout layout) throws IOException {
        if (!Files.isRegularFile(redocBundle))
            throw new SiteException("Redoc bundle not found (unpacked from its webjar): " + redocBundle);
        Path assets = Files.createDirectories(out.resolve("assets"));
        Files.writeString(
                assets.resolve("redoc.standalone.js"),
                Files.readString(redocBundle).replace(CDN_LOGO, INLINE_BLANK));
        Files.copy(specFile, out.resolve("openapi.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(out.resolve("openapi.json"), Json.pretty(spec.root()));
        // "</" cannot appear inside a script element; JSON allows escaping the slash.
        Files.writeString(
                assets.resolve("reference-spec.js"),
                "window.HOKUSAI_SPEC = "
                        + Json.compact(new CodeSamples(spec).withSamples()).replace("</", "<\\/") + ";\n");
        String scripts = "<script src=\"assets/reference-spec.js\"></script>"
                + "<script src=\"assets/redoc.standalone.js\"></script>"
                + "<script src=\"assets/baseurl.js\"></script>"
                + "<script src=\"assets/reference.js\"></script>";
        Files.writeString(out.resolve(HREF), layout.referencePage("API reference", scripts));
    }
}
