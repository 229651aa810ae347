package ai.hokusai.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's walls, as README.md's architecture section draws them, written against a root package (and the runtime
 * module's package, which is the bottom layer beside persistence) so that the same rules can be shown failing on
 * classes that break them on purpose ({@code ArchitectureRulesFailTest}).
 */
final class ArchitectureRules {

    private ArchitectureRules() {}

    /**
     * Every rule by name, in the order README.md lists them.
     *
     * @param runtime the runtime module's package; the runtime layer is it and {@code root.runtime} (its wiring)
     */
    static Map<String, ArchRule> all(String root, String runtime) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("layers", layers(root, runtime));
        rules.put("web never reads persistence", webNeverReadsPersistence(root));
        rules.put("persistence depends on nothing above it", persistenceDependsOnNothingAbove(root, runtime));
        rules.put("runtime knows no HTTP", runtimeKnowsNoHttp(root, runtime));
        rules.put("no cycles between packages", noCycles(root));
        rules.put("generated types stay in web", generatedTypesStayInWeb(root));
        rules.put("one JSON library", oneJsonLibrary(root));
        rules.put("time comes from the Clock bean", timeComesFromTheClock(root));
        return rules;
    }

    /**
     * web → service, security, registry; service → registry, runtime, persistence; registry → runtime, persistence;
     * security → persistence. {@code config} (settings, the spec document) and {@code error} (codes, violations)
     * may be used by every layer and use none.
     */
    static ArchRule layers(String root, String runtime) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("web")
                .definedBy(root + ".web..")
                .layer("service")
                .definedBy(root + ".service..")
                .layer("security")
                .definedBy(root + ".security..")
                .layer("registry")
                .definedBy(root + ".registry..")
                .layer("runtime")
                .definedBy(root + ".runtime..", runtime + "..")
                .layer("persistence")
                .definedBy(root + ".persistence..")
                .layer("config")
                .definedBy(root + ".config..")
                .layer("error")
                .definedBy(root + ".error..")
                .whereLayer("web")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("web")
                .whereLayer("security")
                .mayOnlyBeAccessedByLayers("web", "service")
                .whereLayer("registry")
                .mayOnlyBeAccessedByLayers("web", "service")
                .whereLayer("runtime")
                .mayOnlyBeAccessedByLayers("service", "registry")
                .whereLayer("persistence")
                .mayOnlyBeAccessedByLayers("service", "registry", "security")
                .whereLayer("config")
                .mayOnlyAccessLayers("error")
                .whereLayer("error")
                .mayNotAccessAnyLayer()
                .as("the server's packages are layered web → service/security/registry → runtime/persistence");
    }

    /** Rows stay in persistence: the web layer maps domain types, never database rows or mappers. */
    static ArchRule webNeverReadsPersistence(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".persistence..")
                .as("no class in web depends on persistence");
    }

    static ArchRule persistenceDependsOnNothingAbove(String root, String runtime) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        root + ".web..",
                        root + ".service..",
                        root + ".security..",
                        root + ".registry..",
                        root + ".runtime..",
                        runtime + "..",
                        root + ".config..")
                .as("persistence depends on nothing above it");
    }

    /** Loading and running models is the same whether the call came over HTTP or not. */
    static ArchRule runtimeKnowsNoHttp(String root, String runtime) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".runtime..", runtime + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "org.apache.catalina..",
                        "org.apache.tomcat..")
                .as("runtime knows no Spring MVC, servlet or HTTP server types");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .as("no cycles between the server's packages");
    }

    /** The interfaces and models generated from the spec are the wire; only the web layer speaks it. */
    static ArchRule generatedTypesStayInWeb(String root) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(root + ".web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".web.api..", root + ".web.model..")
                .as("the generated interfaces and models are used only inside web");
    }

    /**
     * One JSON library on the request path: Jackson 3, which Spring binds with and the JSON Schema validator reads.
     * Jackson 2's annotations are Jackson 3's too; its parser and mapper are not used. The generated models are
     * exempt: their annotations are the generator's.
     */
    static ArchRule oneJsonLibrary(String root) {
        return noClasses()
                .that()
                .resideOutsideOfPackages(root + ".web.api..", root + ".web.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml.jackson.core..", "com.fasterxml.jackson.databind..")
                .as("no class uses Jackson 2's parser or mapper");
    }

    /** One clock for everything that reads the time, so tests move it instead of sleeping through a window. */
    static ArchRule timeComesFromTheClock(String root) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(root + ".config..")
                .should()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now", java.time.ZoneId.class)
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now", java.time.ZoneId.class)
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .as("time is read from the injected Clock, not from the system");
    }
}
