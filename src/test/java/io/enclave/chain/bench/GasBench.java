package io.enclave.chain.bench;

import io.enclave.chain.Actors;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.testsupport.Anvil;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The gas budget, measured as full transaction gasUsed (21,000 base and calldata included) from anvil receipts
 * after a real deployment by the suite deployer. Prints a Markdown table for docs/BENCHMARKS.md.
 * Run: {@code mvn -B -q test-compile} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.enclave.chain.bench.GasBench}
 * (class path from {@code mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt}).
 */
public final class GasBench {
    private GasBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("enclave-gasbench");
        try (Anvil anvil = Anvil.start(31337)) {
            Actors suite = Actors.deploy(anvil, dir.resolve("deployments.json"));
            Credentials seller = Actors.fresh(anvil);
            Credentials buyer = Actors.fresh(anvil);
            Credentials voucher = Actors.fresh(anvil);
            Credentials voucher2 = Actors.fresh(anvil);
            String issuer = suite.issuer.getAddress();
            CredentialRegistry registry = suite.registry(seller);
            Marketplace sellerMarket = suite.market(seller);
            Marketplace buyerMarket = suite.market(buyer);
            BigInteger price = Actors.ETHER;
            byte[] wrapped = new byte[145];
            Map<String, Long> gas = new LinkedHashMap<>();
            byte[] none = new byte[32];

            gas.put("anchor (one credential, no Arweave copy)", used(registry.anchor(h("c-1"), issuer, h("schema"),
                    h("digest-1"), none).send()));
            gas.put("anchor (one credential, Arweave id set)", used(registry.anchor(h("c-3"), issuer, h("schema"),
                    h("digest-3"), h("arweave-3")).send()));
            List<CredentialRegistry.AnchorRequest> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(new CredentialRegistry.AnchorRequest(h("b-" + i), issuer, h("schema"), h("d-" + i), h("a-" + i)));
            }
            long batchGas = used(registry.anchorBatch(batch).send());
            gas.put("anchorBatch, 20 credentials (total)", batchGas);
            gas.put("anchorBatch, per credential at 20", batchGas / 20);

            registry.anchor(h("c-2"), issuer, h("schema"), h("digest-2"), none).send();
            TransactionReceipt listed = sellerMarket.createListing(h("c-1"), price, h("meta"), h("commit")).send();
            gas.put("createListing (first listing on the chain)", used(listed));
            TransactionReceipt listed2 = sellerMarket.createListing(h("c-2"), price, h("meta"), h("commit")).send();
            gas.put("createListing", used(listed2));
            BigInteger l1 = sellerMarket.getListingCreatedEvents(listed).get(0).listingId;
            BigInteger l2 = sellerMarket.getListingCreatedEvents(listed2).get(0).listingId;

            TransactionReceipt bought1 = buyerMarket.purchase(l1, Actors.publicKey(buyer), price).send();
            gas.put("purchase (first purchase ever)", used(bought1));
            TransactionReceipt bought2 = buyerMarket.purchase(l2, Actors.publicKey(buyer), price).send();
            gas.put("purchase", used(bought2));
            BigInteger p1 = buyerMarket.getCredentialPurchasedEvents(bought1).get(0).purchaseId;
            BigInteger p2 = buyerMarket.getCredentialPurchasedEvents(bought2).get(0).purchaseId;
            gas.put("deliverKey (seller's first, 145-byte wrapped key)", used(sellerMarket.deliverKey(p1, wrapped).send()));
            gas.put("deliverKey (second by the same seller)", used(sellerMarket.deliverKey(p2, wrapped).send()));

            TrustStaking staking = suite.staking(voucher);
            gas.put("vouch (first vouch on the chain)", used(staking.vouch(seller.getAddress(), price).send()));
            gas.put("vouch (voucher's first, vouchee already backed)",
                    used(suite.staking(voucher2).vouch(seller.getAddress(), price).send()));
            anvil.mine(1);
            gas.put("vouch (adding to an existing vouch)", used(staking.vouch(seller.getAddress(), price).send()));
            gas.put("withdrawPayments (seller)", used(sellerMarket.withdrawPayments().send()));

            StringBuilder out = new StringBuilder("| operation | gasUsed |\n|---|---:|\n");
            gas.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(String.format("%,d", v)).append(" |\n"));
            System.out.print(out);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long used(TransactionReceipt r) {
        return r.getGasUsed().longValueExact();
    }

    private static byte[] h(String s) {
        return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
    }
}
