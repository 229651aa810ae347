package ai.hokusai.contract.provider;

import ai.hokusai.contract.consumer.Contract;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactBroker;
import au.com.dius.pact.provider.junitsupport.loader.PactBrokerConsumerVersionSelectors;
import au.com.dius.pact.provider.junitsupport.loader.SelectorBuilder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * With a Pact Broker ({@code PACT_BROKER_BASE_URL} set, and the {@code pact-broker} profile active with it): verifies
 * the pacts the broker holds for this provider — the consumer's main branch, whatever is deployed or released, and
 * the same branch as this build — and publishes the results under this commit's SHA and branch, which is what
 * {@code can-i-deploy} reads. Without the variable this class is skipped and nothing touches the network.
 */
@Provider(Contract.PROVIDER)
@PactBroker(url = "${pactbroker.url}", providerBranch = "${pact.provider.branch}")
@EnabledIfEnvironmentVariable(named = "PACT_BROKER_BASE_URL", matches = ".+")
class ProviderBrokerPactIT extends ProviderVerification {

    @PactBrokerConsumerVersionSelectors
    static SelectorBuilder consumerVersions() {
        return new SelectorBuilder().mainBranch().deployedOrReleased().matchingBranch();
    }
}
