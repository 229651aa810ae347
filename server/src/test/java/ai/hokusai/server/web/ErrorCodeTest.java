package ai.hokusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hokusai.server.config.ApiSpecDocument;
import ai.hokusai.server.error.ErrorCode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The error vocabulary: one list of codes, each with a status and title, a docs section and a producer. */
class ErrorCodeTest {

    private final ApiSpecDocument spec = new ApiSpecDocument();

    @Test
    void theServersErrorCodesAreExactlyTheSpecs() {
        Set<String> server =
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toCollection(TreeSet::new));
        assertThat(server).isEqualTo(new TreeSet<>(spec.problemCodes().keySet()));
    }

    @Test
    void everyCodeHasAStatusAndATitle() {
        ProblemCatalog catalog = new ProblemCatalog(spec);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(catalog.status(code).value()).as(code.code()).isBetween(400, 599);
            assertThat(catalog.title(code)).as(code.code()).isNotBlank();
        }
    }

    @Test
    void theCatalogTakesStatusAndTitleFromTheSpec() {
        ProblemCatalog catalog = new ProblemCatalog(spec);
        Map<String, Object> documented = spec.problemCodes();
        for (ErrorCode code : ErrorCode.values()) {
            Map<?, ?> entry = (Map<?, ?>) documented.get(code.code());
            assertThat(catalog.status(code).value()).isEqualTo(((Number) entry.get("status")).intValue());
            assertThat(catalog.title(code)).isEqualTo(entry.get("title"));
        }
    }

    /** A code no server class ever raises would be documented but impossible: each one has a producer. */
    @Test
    void everyCodeIsRaisedSomewhereInTheServer() {
        JavaClasses server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.hokusai.server");
        Set<String> raised = server.stream()
                .filter(c -> !c.isEquivalentTo(ErrorCode.class))
                .flatMap(c -> c.getFieldAccessesFromSelf().stream())
                .filter(access -> access.getTarget().getOwner().isEquivalentTo(ErrorCode.class))
                .map(JavaFieldAccess::getTarget)
                .map(target -> target.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> all =
                Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(raised).isEqualTo(all);
    }
}
