package io.enclave.storage.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The child JVM of {@link OutboxCrashIT}: reads its configuration (including the sender's key) as one JSON line on
 * stdin — never from the command line — enqueues the publication and runs it until the crash point, where the parent
 * kills it with SIGKILL.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        JsonNode cfg = new ObjectMapper().readTree(in.readLine());
        DataSource vault = PublicationFixture.vault(cfg.get("vault").asText());
        Web3j web3j = PublicationFixture.web3j(cfg.get("rpc").asText());
        Credentials sender = Credentials.create(cfg.get("key").asText());
        Outbox outbox = PublicationFixture.outbox(vault, cfg.get("ipfs").asText(), web3j, cfg.get("chainId").asLong(),
                sender, PublicationFixture.arweave(cfg.get("arweave").asText(),
                        java.util.Base64.getDecoder().decode(cfg.get("arweaveJwk").asText()), cfg.get("job").asText()),
                cfg.get("crashAt").asText(), System.out);
        outbox.enqueue(cfg.get("job").asText(), PublicationFixture.KIND,
                cfg.get("plaintext").asText().getBytes(StandardCharsets.UTF_8));
        outbox.runDue();
        System.out.println("FINISHED");
        System.out.flush();
        System.exit(0);
    }
}
