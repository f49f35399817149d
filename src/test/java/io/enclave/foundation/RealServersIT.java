package io.enclave.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/** The test support really starts anvil, PostgreSQL and the IPFS daemon, and each answers. */
@ExtendWith({AnvilExtension.class, PostgresExtension.class, IpfsExtension.class})
class RealServersIT {

    /**
     * Init code that deploys a contract whose every call returns 42 as a uint256:
     * runtime {@code 602a60005260206000f3} (PUSH1 42, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN).
     */
    private static final String FORTY_TWO = "0x600a600c600039600a6000f3602a60005260206000f3";

    @Test
    void anvilDeploysAndCallsAContract(Anvil anvil) throws Exception {
        TransactionManager tm = new RawTransactionManager(anvil.web3j(), anvil.account(0), anvil.chainId());
        var sent = tm.sendEIP1559Transaction(anvil.chainId(), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(100_000), "", FORTY_TWO, BigInteger.ZERO);
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(anvil.web3j(), 100, 50)
                .waitForTransactionReceipt(sent.getTransactionHash());
        assertThat(receipt.isStatusOK()).isTrue();
        String address = receipt.getContractAddress();

        String result = anvil.web3j().ethCall(Transaction.createEthCallTransaction(anvil.account(1).getAddress(),
                address, "0x12345678"), DefaultBlockParameterName.LATEST).send().getValue();
        assertThat(Numeric.toBigInt(result)).isEqualTo(BigInteger.valueOf(42));
        assertThat(anvil.web3j().ethChainId().send().getChainId().longValue()).isEqualTo(AnvilExtension.CHAIN_ID);
    }

    @Test
    void eachTestStartsFromTheSameChainState(Anvil anvil) throws Exception {
        // The snapshot taken before this test was reverted after the other one: no deployment is visible here
        // beyond the genesis state, whichever order the tests ran in.
        BigInteger nonce = anvil.web3j().ethGetTransactionCount(anvil.account(0).getAddress(),
                DefaultBlockParameterName.LATEST).send().getTransactionCount();
        assertThat(nonce).isZero();
    }

    @Test
    void postgresAnswersInAFreshSchema(Postgres.Schema schema) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id int PRIMARY KEY, body text)");
            s.execute("INSERT INTO probe VALUES (1, 'hello')");
            try (ResultSet r = s.executeQuery("SELECT current_schema(), version(), (SELECT count(*) FROM probe)")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo(schema.name());
                assertThat(r.getString(2)).startsWith("PostgreSQL 18");
                assertThat(r.getInt(3)).isEqualTo(1);
            }
        }
    }

    @Test
    void ipfsAddsThenCatsWithTheExpectedCid(IpfsNode ipfs) throws Exception {
        byte[] body = ("enclave " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String boundary = "enclave-boundary";
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + new String(body, StandardCharsets.UTF_8) + "\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(ipfs.apiUrl()
                + "/api/v0/add?cid-version=1&raw-leaves=true&cid-base=base32&pin=true"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(added.body());
        String cid = json.get("Hash").asText();

        // CIDv1, raw codec (0x55), sha2-256 multihash: "b" + base32("01 55 12 20" + sha256(body)).
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        byte[] cidBytes = new byte[36];
        cidBytes[0] = 0x01;
        cidBytes[1] = 0x55;
        cidBytes[2] = 0x12;
        cidBytes[3] = 0x20;
        System.arraycopy(digest, 0, cidBytes, 4, 32);
        assertThat(cid).isEqualTo("b" + base32(cidBytes));

        HttpResponse<byte[]> cat = http.send(HttpRequest.newBuilder(URI.create(ipfs.apiUrl() + "/api/v0/cat?arg=" + cid
                + "&timeout=5s")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cat.statusCode()).isEqualTo(200);
        assertThat(cat.body()).isEqualTo(body);
        assertThat(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(cat.body())))
                .isEqualTo(Base64.getEncoder().encodeToString(digest));
    }

    /** RFC 4648 base32, lower case, no padding (multibase 'b'). */
    private static String base32(byte[] data) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
