package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import au.com.dius.pact.provider.spring.junit5.PactVerificationSpringProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replays every interaction the SDK's consumer tests recorded in {@code target/pacts} against the real server. No
 * pact file there fails the run (Pact's default), so the verification cannot pass by having nothing to verify.
 */
@Provider(Contract.PROVIDER)
@PactFolder("target/pacts")
class ProviderPactIT extends ProviderVerificationSupport {

    @Autowired
    ProviderStates states;

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("localhost", port));
        context.withStateChangeHandlers(states);
    }

    @TestTemplate
    @ExtendWith(PactVerificationSpringProvider.class)
    void theServerHonoursTheInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }
}
