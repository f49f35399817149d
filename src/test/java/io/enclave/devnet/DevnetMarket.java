package io.enclave.devnet;

import io.enclave.chain.EstimatedGas;
import io.enclave.chain.EstimatingTransactionManager;
import io.enclave.chain.RevertDecoder;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Drives the devnet's real contracts like users would: a voucher stakes on a seller, governance (a vote through the
 * Governor and the timelock) registers an issuer, the seller anchors a credential attested by it and lists it.
 */
final class DevnetMarket {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final BigInteger PRICE = ETHER.divide(BigInteger.TEN);
    static final Credentials ISSUER = fresh();

    private DevnetMarket() {
    }

    private static Credentials fresh() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists one credential of {@code seller} on the devnet; returns the listing id. */
    static BigInteger listOne(DevnetInfo info, Credentials seller) throws Exception {
        HttpService service = new HttpService(info.rpcUrl());
        Web3j web3j = Web3j.build(service);
        try {
            return listOne(web3j, service, info, seller);
        } finally {
            web3j.shutdown();
        }
    }

    private static BigInteger listOne(Web3j web3j, HttpService service, DevnetInfo info, Credentials seller) throws Exception {
        Credentials voter = fresh();
        fund(service, voter);
        fund(service, seller);
        TrustStaking staking = TrustStaking.load(info.contracts().get("TrustStaking"), web3j, tm(web3j, info, voter), gas(info));
        staking.vouch(seller.getAddress(), ETHER).send();
        rpc(service, "anvil_mine", "0x1");

        EnclaveGovernor governor = EnclaveGovernor.load(info.contracts().get("EnclaveGovernor"), web3j,
                tm(web3j, info, voter), gas(info));
        CredentialRegistry asVoter = CredentialRegistry.load(info.contracts().get("CredentialRegistry"), web3j,
                tm(web3j, info, voter), gas(info));
        List<String> targets = List.of(info.contracts().get("CredentialRegistry"));
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calls = List.of(Numeric.hexStringToByteArray(asVoter.registerIssuer(ISSUER.getAddress(),
                BigInteger.valueOf(5), BigInteger.valueOf(6), BigInteger.valueOf(100)).encodeFunctionCall()));
        String description = "Register the test issuer " + ISSUER.getAddress();
        byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
        governor.propose(targets, values, calls, description).send();
        BigInteger id = governor.hashProposal(targets, values, calls, descriptionHash).send();
        rpc(service, "anvil_mine", "0x" + Long.toHexString(governor.votingDelay().send().longValueExact() + 1));
        governor.castVote(id, BigInteger.ONE).send();
        rpc(service, "anvil_mine", "0x" + Long.toHexString(governor.votingPeriod().send().longValueExact() + 1));
        governor.queue(targets, values, calls, descriptionHash).send();
        rpc(service, "evm_increaseTime", 3600);
        rpc(service, "anvil_mine", "0x1");
        governor.execute(targets, values, calls, descriptionHash, BigInteger.ZERO).send();

        byte[] credential = Hash.sha3(("devnet credential " + seller.getAddress()).getBytes(StandardCharsets.UTF_8));
        CredentialRegistry registry = CredentialRegistry.load(info.contracts().get("CredentialRegistry"), web3j,
                tm(web3j, info, seller), gas(info));
        registry.anchor(credential, ISSUER.getAddress(), Hash.sha3("schema".getBytes(StandardCharsets.UTF_8)),
                Hash.sha3("content".getBytes(StandardCharsets.UTF_8)), new byte[32]).send();
        Marketplace market = Marketplace.load(info.contracts().get("Marketplace"), web3j, tm(web3j, info, seller), gas(info));
        TransactionReceipt r = market.createListing(credential, PRICE, Hash.sha3("metadata".getBytes(StandardCharsets.UTF_8)),
                Hash.sha3("key".getBytes(StandardCharsets.UTF_8))).send();
        return market.getListingCreatedEvents(r).get(0).listingId;
    }

    private static void fund(HttpService service, Credentials who) throws IOException {
        rpc(service, "anvil_setBalance", who.getAddress(),
                Numeric.toHexStringWithPrefix(ETHER.multiply(BigInteger.valueOf(100))));
    }

    private static void rpc(HttpService service, String method, Object... params) throws IOException {
        var response = new Request<>(method, List.of(params), service, VoidResponse.class).send();
        if (response.hasError()) {
            throw new IllegalStateException(method + ": " + response.getError().getMessage());
        }
    }

    private static EstimatingTransactionManager tm(Web3j web3j, DevnetInfo info, Credentials who) throws IOException {
        return EstimatingTransactionManager.connect(web3j, who, info.chainId(), RevertDecoder.bundled());
    }

    private static EstimatedGas gas(DevnetInfo info) {
        return new EstimatedGas(info.chainId());
    }
}
