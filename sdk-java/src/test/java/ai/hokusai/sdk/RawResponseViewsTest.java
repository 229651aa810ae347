package ai.hokusai.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One shape: every service answers values, and its {@code withRawResponse()} view offers each of its calls with the
 * same parameters, answering {@code RawResponse<the value's type>}. A call added to a service without its raw twin
 * (or a raw call that answers something else) fails here by name.
 */
class RawResponseViewsTest {

    /** Pages fetched on demand have no one response to show. */
    private static final Set<String> VALUE_ONLY = Set.of("ModelService.listAll", "AuditEventService.listAll");

    @Test
    void everyServiceCallHasARawTwinAnsweringRawResponseOfItsValue() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Class<?>> services = Arrays.stream(HokusaiClient.class.getMethods())
                .filter(m -> m.getDeclaringClass() == HokusaiClient.class
                        && m.getParameterCount() == 0
                        && m.getReturnType().getSimpleName().endsWith("Service"))
                .map(Method::getReturnType)
                .collect(Collectors.toList());
        assertThat(services).hasSizeGreaterThanOrEqualTo(9);

        for (Class<?> service : services) {
            Class<?> raw = service.getMethod("withRawResponse").getReturnType();
            for (Method call : publicCalls(service)) {
                if (call.getName().equals("withRawResponse")
                        || VALUE_ONLY.contains(service.getSimpleName() + "." + call.getName())) {
                    continue;
                }
                String name =
                        service.getSimpleName() + "." + call.getName() + Arrays.toString(call.getParameterTypes());
                Method twin;
                try {
                    twin = raw.getMethod(call.getName(), call.getParameterTypes());
                } catch (NoSuchMethodException missing) {
                    problems.add(name + " has no twin in withRawResponse()");
                    continue;
                }
                Type answered = twin.getGenericReturnType();
                if (!(answered instanceof ParameterizedType)
                        || ((ParameterizedType) answered).getRawType() != RawResponse.class) {
                    problems.add(name + ": the twin answers " + answered);
                    continue;
                }
                Type value = ((ParameterizedType) answered).getActualTypeArguments()[0];
                Type expected = call.getReturnType() == void.class ? Void.class : call.getGenericReturnType();
                if (!value.getTypeName().equals(expected.getTypeName())) {
                    problems.add(name + " answers " + expected.getTypeName() + ", its twin RawResponse<"
                            + value.getTypeName() + ">");
                }
            }
            for (Method twin : publicCalls(raw)) {
                try {
                    service.getMethod(twin.getName(), twin.getParameterTypes());
                } catch (NoSuchMethodException missing) {
                    problems.add(raw.getName() + "." + twin.getName() + " has no value-answering call in "
                            + service.getSimpleName());
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    private static List<Method> publicCalls(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m ->
                        Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .collect(Collectors.toList());
    }
}
