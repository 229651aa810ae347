package ai.hokusai.sdk;

import static ai.hokusai.sdk.TestData.MODEL_21;
import static ai.hokusai.sdk.TestData.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hokusai.sdk.TestData.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class HokusaiClientTest {

    private final StubServer stub = new StubServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void defaultBaseUrlIsTheSpecsFirstServer() throws IOException {
        Map<String, Object> spec;
        try (InputStream in = Files.newInputStream(Path.of("../api-spec/src/main/openapi/openapi.yaml"))) {
            spec = new Yaml().load(in);
        }
        List<Map<String, Object>> servers = (List<Map<String, Object>>) spec.get("servers");

        assertThat(HokusaiClient.DEFAULT_BASE_URL).isEqualTo(servers.get(0).get("url"));
        assertThat(HokusaiClient.builder().apiKey("hk_test_unit").build().getBaseUrl())
                .isEqualTo(servers.get(0).get("url"));
    }

    @Test
    void sendsTheKeyAsBearerAndTheSdkUserAgent() {
        stub.json(200, MODEL_21);

        clientFor(stub, sleeper).build().models().get("21");

        StubServer.Recorded request = stub.lastRequest();
        assertThat(request.header("Authorization")).isEqualTo("Bearer hk_test_unit");
        assertThat(request.header("User-Agent"))
                .isEqualTo("hokusai-sdk-java/" + System.getProperty("sdk.version"))
                .doesNotEndWith("/");
        assertThat(request.method).isEqualTo("GET");
        assertThat(request.path).isEqualTo("/api/v1/models/21");
    }

    @Test
    void requestOptionsOverrideTheKeyAndSendTheRequestId() {
        stub.json(200, MODEL_21);

        clientFor(stub, sleeper)
                .build()
                .models()
                .get(
                        "21",
                        RequestOptions.builder()
                                .apiKey("hk_test_other")
                                .requestId("req_mine")
                                .build());

        assertThat(stub.lastRequest().header("Authorization")).isEqualTo("Bearer hk_test_other");
        assertThat(stub.lastRequest().header("X-Request-Id")).isEqualTo("req_mine");
    }

    @Test
    void getsCarryNoIdempotencyKey() {
        stub.json(200, MODEL_21);

        clientFor(stub, sleeper).build().models().get("21");

        assertThat(stub.lastRequest().header("Idempotency-Key")).isNull();
    }

    @Test
    void aBaseUrlWithATrailingSlashStillHitsTheRoute() {
        stub.json(200, MODEL_21);

        HokusaiClient.builder()
                .apiKey("hk_test_unit")
                .baseUrl(stub.url() + "/")
                .build()
                .models()
                .get("lscor-v2");

        assertThat(stub.lastRequest().path).isEqualTo("/api/v1/models/lscor-v2");
    }

    @Test
    void sendsThroughTheCallersHttpClient() {
        stub.json(200, MODEL_21);
        List<URI> proxied = new CopyOnWriteArrayList<>();
        ProxySelector recording = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                proxied.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {}
        };

        clientFor(stub, sleeper)
                .httpClient(HttpClient.newBuilder().proxy(recording).build())
                .build()
                .models()
                .get("21");

        assertThat(proxied).extracting(URI::getPath).contains("/api/v1/models/21");
    }

    @Test
    void refusesToBuildWithoutAKeyOrWithANonHttpUrl() {
        assertThatThrownBy(() -> HokusaiClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("API key");
        assertThatThrownBy(() -> HokusaiClient.builder().baseUrl("ftp://api.hokus.ai"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HokusaiClient.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
