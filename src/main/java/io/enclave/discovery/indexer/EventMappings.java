package io.enclave.discovery.indexer;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The one place that says which contract events the indexer follows. Each line names the contract, the event's ABI and
 * the decoder of the generated web3j wrapper ({@code io.enclave.chain.contracts}), so the indexer can only follow events
 * that the compiled contracts really declare. Following a new event is one line here; {@link Projector#HANDLERS} gives
 * it a projection (without one it is kept in {@code chain_events} only).
 */
public final class EventMappings {
    public static final String MARKETPLACE = "Marketplace";
    public static final String REGISTRY = "CredentialRegistry";
    public static final String STAKING = "TrustStaking";
    public static final String GOVERNOR = "EnclaveGovernor";
    /** The contracts the indexer knows, by the names deployments and devnet.json use. */
    public static final Set<String> CONTRACTS = Set.of(MARKETPLACE, REGISTRY, STAKING, GOVERNOR);

    /** One followed event. Its {@link #name()} ({@code Contract.Event}) is what projections and chain_events use. */
    public record Mapping(String contract, Event event, Function<Log, ? extends BaseEventResponse> fromLog) {
        public String name() {
            return contract + "." + event.getName();
        }

        public String topic() {
            return EventEncoder.encode(event).toLowerCase(Locale.ROOT);
        }
    }

    public static final List<Mapping> DECLARATIONS = List.of(
            on(MARKETPLACE, Marketplace.LISTINGCREATED_EVENT, Marketplace::getListingCreatedEventFromLog),
            on(MARKETPLACE, Marketplace.PRICEUPDATED_EVENT, Marketplace::getPriceUpdatedEventFromLog),
            on(MARKETPLACE, Marketplace.LISTINGREMOVED_EVENT, Marketplace::getListingRemovedEventFromLog),
            on(MARKETPLACE, Marketplace.CREDENTIALPURCHASED_EVENT, Marketplace::getCredentialPurchasedEventFromLog),
            on(MARKETPLACE, Marketplace.KEYDELIVERED_EVENT, Marketplace::getKeyDeliveredEventFromLog),
            on(MARKETPLACE, Marketplace.ROYALTYPAID_EVENT, Marketplace::getRoyaltyPaidEventFromLog),
            on(MARKETPLACE, Marketplace.REFUNDED_EVENT, Marketplace::getRefundedEventFromLog),
            on(MARKETPLACE, Marketplace.DISPUTEOPENED_EVENT, Marketplace::getDisputeOpenedEventFromLog),
            on(MARKETPLACE, Marketplace.DISPUTERESOLVED_EVENT, Marketplace::getDisputeResolvedEventFromLog),
            on(MARKETPLACE, Marketplace.PAYMENTWITHDRAWN_EVENT, Marketplace::getPaymentWithdrawnEventFromLog),
            on(MARKETPLACE, Marketplace.PARAMSCHANGED_EVENT, Marketplace::getParamsChangedEventFromLog),
            on(REGISTRY, CredentialRegistry.CREDENTIALANCHORED_EVENT, CredentialRegistry::getCredentialAnchoredEventFromLog),
            on(REGISTRY, CredentialRegistry.CREDENTIALREVOKED_EVENT, CredentialRegistry::getCredentialRevokedEventFromLog),
            on(REGISTRY, CredentialRegistry.CREDENTIALVERIFIED_EVENT, CredentialRegistry::getCredentialVerifiedEventFromLog),
            on(REGISTRY, CredentialRegistry.ISSUERREGISTERED_EVENT, CredentialRegistry::getIssuerRegisteredEventFromLog),
            on(REGISTRY, CredentialRegistry.ISSUERROYALTYCHANGED_EVENT,
                    CredentialRegistry::getIssuerRoyaltyChangedEventFromLog),
            on(REGISTRY, CredentialRegistry.ISSUERREMOVED_EVENT, CredentialRegistry::getIssuerRemovedEventFromLog),
            on(REGISTRY, CredentialRegistry.ATTESTATIONREVOKED_EVENT, CredentialRegistry::getAttestationRevokedEventFromLog),
            on(REGISTRY, CredentialRegistry.CIRCUITREGISTERED_EVENT, CredentialRegistry::getCircuitRegisteredEventFromLog),
            on(REGISTRY, CredentialRegistry.CIRCUITREMOVED_EVENT, CredentialRegistry::getCircuitRemovedEventFromLog),
            on(STAKING, TrustStaking.VOUCHED_EVENT, TrustStaking::getVouchedEventFromLog),
            on(STAKING, TrustStaking.WITHDRAWALREQUESTED_EVENT, TrustStaking::getWithdrawalRequestedEventFromLog),
            on(STAKING, TrustStaking.WITHDRAWN_EVENT, TrustStaking::getWithdrawnEventFromLog),
            on(STAKING, TrustStaking.SLASHED_EVENT, TrustStaking::getSlashedEventFromLog),
            on(STAKING, TrustStaking.VOTINGPOWERSYNCED_EVENT, TrustStaking::getVotingPowerSyncedEventFromLog),
            on(STAKING, TrustStaking.PAYMENTWITHDRAWN_EVENT, TrustStaking::getPaymentWithdrawnEventFromLog),
            on(STAKING, TrustStaking.PARAMSCHANGED_EVENT, TrustStaking::getParamsChangedEventFromLog),
            on(GOVERNOR, EnclaveGovernor.PROPOSALCREATED_EVENT, EnclaveGovernor::getProposalCreatedEventFromLog),
            on(GOVERNOR, EnclaveGovernor.VOTECAST_EVENT, EnclaveGovernor::getVoteCastEventFromLog),
            on(GOVERNOR, EnclaveGovernor.PROPOSALQUEUED_EVENT, EnclaveGovernor::getProposalQueuedEventFromLog),
            on(GOVERNOR, EnclaveGovernor.PROPOSALEXECUTED_EVENT, EnclaveGovernor::getProposalExecutedEventFromLog),
            on(GOVERNOR, EnclaveGovernor.PROPOSALCANCELED_EVENT, EnclaveGovernor::getProposalCanceledEventFromLog));

    private EventMappings() {
    }

    private static Mapping on(String contract, Event event, Function<Log, ? extends BaseEventResponse> fromLog) {
        return new Mapping(contract, event, fromLog);
    }

    /** The key {@link #decoders} uses: a log is decoded only when this contract declares this event. */
    public static String key(String address, String topic) {
        return address.toLowerCase(Locale.ROOT) + "/" + topic.toLowerCase(Locale.ROOT);
    }

    /** Decoders for the deployed contracts ({@code name -> address}), keyed by {@link #key}. */
    public static Map<String, EventDecoder> decoders(Map<String, String> contracts) {
        return decoders(DECLARATIONS, contracts);
    }

    public static Map<String, EventDecoder> decoders(List<Mapping> mappings, Map<String, String> contracts) {
        return decoders(mappings, contracts, AbiEventDecoder::of);
    }

    /**
     * Decoders made by {@code make}: the indexer uses {@link AbiEventDecoder} (straight from the ABI); the generated
     * wrappers' decoding ({@link WrapperEventDecoder}) is the reference the tests hold it to.
     */
    static Map<String, EventDecoder> decoders(List<Mapping> mappings, Map<String, String> contracts,
            Function<Mapping, EventDecoder> make) {
        Map<String, EventDecoder> byKey = new LinkedHashMap<>();
        for (Mapping m : mappings) {
            String address = contracts.get(m.contract());
            if (address == null) {
                continue;
            }
            EventDecoder previous = byKey.putIfAbsent(key(address, m.topic()), make.apply(m));
            if (previous != null && previous.name().equals(m.name())) {
                throw new IllegalArgumentException("Duplicate event mapping: " + m.name());
            }
            // else one address named as two contracts (a test fixture): an event both declare decodes as the first
        }
        return byKey;
    }

    /** Names of every mapped event, for checks. */
    static Set<String> names() {
        return DECLARATIONS.stream().map(Mapping::name).collect(Collectors.toUnmodifiableSet());
    }
}
