package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.io.entity.BufferedHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Fails every answer of the server that contains the Hugging Face token the pacts store, in a header or the body. A
 * pact can only say which fields an answer has, not which it must not have; this says it for the one value that must
 * never come back: the credential's own answer, the audit trail, an error message.
 */
final class SecretsNeverEchoed implements HttpResponseInterceptor {

    @Override
    public void process(HttpResponse response, EntityDetails details, HttpContext context) throws IOException {
        for (Header header : response.getHeaders()) {
            refuseIfEchoed("the header " + header.getName(), header.getValue());
        }
        if (response instanceof ClassicHttpResponse classic && classic.getEntity() != null) {
            HttpEntity buffered = new BufferedHttpEntity(classic.getEntity());
            classic.setEntity(buffered);
            refuseIfEchoed("the body", new String(EntityUtils.toByteArray(buffered), StandardCharsets.UTF_8));
        }
    }

    private static void refuseIfEchoed(String where, String text) throws IOException {
        if (text != null && text.contains(Contract.HUB_TOKEN)) {
            throw new IOException("The server answered with the stored Hugging Face token in " + where
                    + ": a stored secret must never be returned");
        }
    }
}
