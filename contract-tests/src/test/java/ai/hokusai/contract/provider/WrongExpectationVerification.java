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
 * The same verification as {@link ProviderPactIT}, over the deliberately wrong pact that
 * {@link ProviderRejectsWrongExpectationIT} writes. Named so that neither test plugin runs it on its own: only that
 * test launches it, and expects it to fail.
 */
@Provider(Contract.PROVIDER)
@PactFolder(WrongExpectationVerification.FOLDER)
class WrongExpectationVerification extends ProviderVerificationSupport {

    static final String FOLDER = "target/wrong-expectation-pacts";

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
