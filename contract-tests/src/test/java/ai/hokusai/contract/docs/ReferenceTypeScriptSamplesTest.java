package ai.hokusai.contract.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript samples of the API reference compile as shown — their own import, nothing added — with
 * {@code tsc --strict} against {@code @hokusai/sdk} as the sdk-typescript build packed it, installed from its tarball.
 * A sample that calls a method the SDK lacks, or leaves a type to {@code any}, fails the build.
 */
class ReferenceTypeScriptSamplesTest {

    private final DocSite site = DocSite.built();

    @Test
    void everyOperationHasATypeScriptSampleThatCompilesAgainstThePackage() throws Exception {
        List<ReferenceSamples.Sample> samples =
                ReferenceSamples.readForEveryOperation(site, ReferenceSamples.TYPESCRIPT);
        assertThat(samples)
                .allSatisfy(sample -> assertThat(sample.source())
                        .as(sample.toString())
                        .startsWith("import { Hokusai } from '" + TypeScriptExampleRunner.PACKAGE + "';\n"));

        TypeScriptExampleRunner.Compiled compiled = TypeScriptExampleRunner.compileAsShown(examples(samples));

        assertThat(compiled.problems())
                .as("the reference's TypeScript samples, compiled against the package")
                .isEmpty();
    }

    @Test
    void aSampleCallingWhatTheSdkLacksOrWritingAnyDoesNotCompile() throws Exception {
        ReferenceSamples.Sample listModels = ReferenceSamples.of(site, ReferenceSamples.TYPESCRIPT, "listModels");
        DocSite.Example lacking = drifted(listModels, "lacking", "models.list()", "models.listEverything()");
        DocSite.Example implicitAny = drifted(
                listModels, "implicitAny", "console.log(result);", "const show = (value) => value;\nshow(result);");
        DocSite.Example writtenAny = drifted(listModels, "writtenAny", "const result = ", "const result: any = ");
        DocSite.Example asShown = listModels.asExample("sdk-typescript");

        TypeScriptExampleRunner.Compiled compiled =
                TypeScriptExampleRunner.compileAsShown(List.of(lacking, implicitAny, writtenAny, asShown));

        assertThat(compiled.problems(lacking)).contains("TS2339").contains("listEverything");
        assertThat(compiled.problems(implicitAny)).contains("TS7006").contains("implicitly has an 'any' type");
        assertThat(compiled.problems(writtenAny)).contains("writes any");
        assertThat(compiled.problems(asShown))
                .as("the sample as shown, in the same tsc run")
                .isNull();
    }

    @Test
    void anyInACommentOrAStringIsNoType() {
        assertThat(TypeScriptExampleRunner.writtenAny(
                        "// any key\nconst text = 'any' + \"any\" + `any`; /* any */\nconsole.log(text);"))
                .isNull();
        assertThat(TypeScriptExampleRunner.writtenAny("const a = 1;\nconst b = a as any;"))
                .startsWith("line 2 writes any");
    }

    private static List<DocSite.Example> examples(List<ReferenceSamples.Sample> samples) {
        return samples.stream()
                .map(sample -> sample.asExample("sdk-typescript"))
                .toList();
    }

    private static DocSite.Example drifted(ReferenceSamples.Sample sample, String id, String from, String to) {
        String source = sample.source().replace(from, to);
        assertThat(source).as(id).isNotEqualTo(sample.source());
        DocSite.Example shown = sample.asExample("sdk-typescript");
        return new DocSite.Example(
                shown.page(),
                id,
                shown.kind(),
                source,
                shown.expectStatus(),
                shown.expectHeader(),
                shown.expectBody(),
                shown.freeFormPaths(),
                shown.expectOutput());
    }
}
