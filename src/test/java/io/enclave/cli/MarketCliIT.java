package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.chain.Actors;
import io.enclave.cli.CliHarness.Run;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketFixtures;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** enclave market/trust/gov end to end, in-process, against anvil and js-ipfs: two wallets trade from the terminal. */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class MarketCliIT {
    private static final ObjectMapper JSON = CliHarness.JSON;

    @TempDir
    Path dir;
    private IpfsNode ipfs;
    private CliHarness cli;

    private Run run(String home, String... args) {
        return cli.run(home, args);
    }

    /** A market command as {@code home}'s wallet, on the devnet suite, signing without a prompt. */
    private Run market(String home, String... args) {
        return cli.market(home, args);
    }

    @Test
    void twoWalletsTradeFromTheTerminal(Anvil anvil, IpfsNode ipfs) throws Exception {
        this.ipfs = ipfs;
        Actors suite = Actors.deploy(anvil, dir.resolve("deployments.json"));
        cli = new CliHarness(dir).onChain(anvil, ipfs.apiUrl(), MarketContracts.of(suite.deployment).byName());
        Credentials seller = Actors.fresh(anvil);
        Credentials buyer = Actors.fresh(anvil);
        cli.wallet("seller", seller);
        cli.wallet("buyer", buyer);
        Path pkg = Files.write(dir.resolve("package.json"), MarketFixtures.credential(77).canonicalBytes());

        Run unconfirmed = market("seller", "market", "publish", "--package", pkg.toString(), "--title", "Salary band",
                "--price", "1.5", "--issuer", suite.issuer.getAddress());
        assertThat(unconfirmed.code()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("pass --yes");

        Run published = market("seller", "market", "publish", "--package", pkg.toString(), "--title", "Salary band",
                "--price", "1.5", "--issuer", suite.issuer.getAddress(), "--yes");
        assertThat(published.code()).as(published.err()).isZero();
        String listing = published.json().get("listing").asText();
        assertThat(published.json().get("priceWei").asText()).isEqualTo("1500000000000000000");

        Run shown = market("buyer", "market", "show", listing);
        assertThat(shown.json().get("title").asText()).isEqualTo("Salary band");
        Run search = market("buyer", "market", "search");
        assertThat(search.json()).hasSize(1);

        Run bought = market("buyer", "market", "buy", listing, "--yes");
        assertThat(bought.code()).as(bought.err()).isZero();
        assertThat(bought.json().get("state").asText()).isEqualTo("escrowed");
        assertThat(bought.err()).contains("Function       purchase");
        String purchase = bought.json().get("purchase").asText();

        Run delivered = market("seller", "market", "deliver", "--yes");
        assertThat(delivered.code()).as(delivered.err()).isZero();
        assertThat(delivered.json().get(0).get("outcome").asText()).isEqualTo("delivered");

        Run opened = market("buyer", "market", "open", purchase, "--on-chain");
        assertThat(opened.code()).as(opened.err()).isZero();
        assertThat(opened.json().get("state").asText()).isEqualTo("opened");
        assertThat(opened.json().get("proofVerified").asBoolean()).isTrue();
        assertThat(opened.json().get("onChain").asText()).isEqualTo("accepted");
        assertThat(opened.json().get("onChainCircuit").asInt()).isEqualTo(1);
        assertThat(opened.json().get("onChainVerifier").asText()).isEqualToIgnoringCase(
                suite.deployment.verifiers().get("RangeVerifier"));
        assertThat(opened.err()).contains("no transaction, no gas").doesNotContain("Function");

        Run withdrawn = market("seller", "market", "withdraw", "--yes");
        assertThat(withdrawn.code()).as(withdrawn.err()).isZero();
        assertThat(new BigInteger(withdrawn.json().get("marketplaceWei").asText())).isPositive();

        Run vouched = market("buyer", "trust", "vouch", seller.getAddress(), "2", "--yes");
        assertThat(vouched.code()).as(vouched.err()).isZero();
        Run rep = market("buyer", "trust", "show", seller.getAddress());
        assertThat(rep.json().get(0).get("deliveries").asInt()).isEqualTo(1);
        assertThat(rep.json().get(1).get("activeWei").asText()).isEqualTo("2000000000000000000");

        anvil.mine(1);
        Run proposed = market("buyer", "gov", "propose", "--description", "Unpause the marketplace", "--unpause",
                suite.deployment.marketplace(), "--yes");
        assertThat(proposed.code()).as(proposed.err()).isZero();
        assertThat(proposed.json().get("actions").get(0).asText()).isEqualTo("Marketplace: unpause the contract");
        Run bad = market("buyer", "gov", "vote", proposed.json().get("proposal").asText(), "maybe", "--yes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'for', 'against' or 'abstain'");
        Run typo = market("buyer", "gov", "propose", "--description", "Settle", "--resolve", purchase + ":byer:1", "--yes");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("'buyer' or 'seller', not 'byer'");

        deleteMyData(published.json().get("credentialHash").asText(), listing, shown.json().get("package").asText(), pkg);
    }

    /**
     * The seller's GDPR flow: local files, revocation, delisting and unpinning. The first run has the IPFS node
     * unreachable: everything else is still done and the message says what to run; running it again finishes.
     */
    private void deleteMyData(String hash, String listing, String packageCid, Path pkg) throws Exception {
        Run sealed = run("seller", "credential", "package", pkg.toString(), "--password-file", cli.password().toString());
        assertThat(sealed.code()).as(sealed.err()).isZero();
        Matcher where = Pattern.compile("Sealed (\\S+) \\(upload").matcher(sealed.out());
        assertThat(where.find()).as(sealed.out()).isTrue();
        Path local = Path.of(where.group(1)).getParent();
        assertThat(local.resolve("seller-key.bin")).exists();
        int pinsBefore = pins().size();
        assertThat(pinned(packageCid)).isTrue();

        Run partial = gdpr(hash, "http://127.0.0.1:" + closedPort(), "--revoke");
        assertThat(partial.code()).as(partial.out()).isEqualTo(2);
        assertThat(partial.out()).contains("Overwritten and deleted", "seller-key.bin", "Revoked on-chain in transaction",
                "removeListing", "Marketplace: delisted listing " + listing, "What cannot be deleted");
        assertThat(partial.err()).contains("2 step(s) did not finish", "could not be unpinned",
                "delete-my-data --credential " + hash + " --unpublish");
        assertThat(local).doesNotExist();
        assertThat(market("buyer", "market", "show", listing).json().get("active").asBoolean()).isFalse();
        assertThat(pins()).hasSize(pinsBefore);
        assertThat(pinned(packageCid)).isTrue();

        Run finished = gdpr(hash, ipfs.apiUrl(), "--revoke");
        assertThat(finished.code()).as(finished.err()).isZero();
        assertThat(finished.out()).contains("No local file held this data.", "Already revoked on-chain.",
                "listing " + listing + " is already inactive", "IPFS: unpinned " + packageCid)
                .doesNotContain("removeListing");
        List<String> unpinned = new ArrayList<>();
        Matcher m = Pattern.compile("IPFS: unpinned (\\S+)").matcher(finished.out());
        while (m.find()) {
            unpinned.add(m.group(1));
        }
        assertThat(unpinned).hasSize(2).contains(packageCid);
        for (String cid : unpinned) {
            assertThat(pinned(cid)).as(cid).isFalse();
        }
        assertThat(pins()).hasSize(pinsBefore - 2);
    }

    private Run gdpr(String hash, String ipfsUrl, String... more) {
        List<String> all = new ArrayList<>(List.of("credential", "delete-my-data", "--credential", hash, "--unpublish"));
        all.addAll(cli.chainFlags(ipfsUrl));
        all.add("--yes");
        all.addAll(List.of(more));
        return run("seller", all.toArray(String[]::new));
    }

    /** The node's recursive pins, asked over its RPC API directly (not through the code under test). */
    private Set<String> pins() throws Exception {
        HttpResponse<String> r = pinLs("");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<String> keys = new HashSet<>();
        JSON.readTree(r.body()).path("Keys").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private boolean pinned(String cid) throws Exception {
        HttpResponse<String> r = pinLs("&arg=" + cid + "&cid-base=base32");
        assertThat(r.statusCode() == 200 || r.body().contains("not pinned")).as(r.body()).isTrue();
        return r.statusCode() == 200 && JSON.readTree(r.body()).path("Keys").has(cid);
    }

    private HttpResponse<String> pinLs(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ipfs.apiUrl() + "/api/v0/pin/ls?type=recursive" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
