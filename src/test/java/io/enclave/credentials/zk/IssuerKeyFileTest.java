package io.enclave.credentials.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.crypto.Argon2id;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted signing-key file: round trip, wrong password, swapped public key, no overwrite, no key in clear. */
class IssuerKeyFileTest {
    private static final Argon2id.Params FAST = new Argon2id.Params(64, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void createsOpensAndRefusesWhatItShould() throws Exception {
        Path f = dir.resolve("key.json");
        Issuer pub = IssuerKeyFile.create(f, "pw one".toCharArray(), Issuer.Provenance.ISSUER, FAST);
        try (EddsaAttestationSigner s = IssuerKeyFile.open(f, "pw one".toCharArray())) {
            assertThat(s.issuer()).isEqualTo(pub);
            var sig = s.sign(List.of(BigInteger.ONE, BigInteger.TWO));
            assertThat(new EddsaAttestationVerifier().verify(pub, List.of(BigInteger.ONE, BigInteger.TWO), sig)).isTrue();
        }
        assertThatThrownBy(() -> IssuerKeyFile.open(f, "pw two".toCharArray())).isInstanceOf(IOException.class)
                .hasMessageContaining("Wrong password");
        assertThatThrownBy(() -> IssuerKeyFile.create(f, "x".toCharArray(), Issuer.Provenance.ISSUER, FAST))
                .isInstanceOf(FileAlreadyExistsException.class);

        // another key's public half pasted in: the AAD no longer matches, so the file does not open
        Path other = dir.resolve("other.json");
        Issuer otherPub = IssuerKeyFile.create(other, "pw one".toCharArray(), Issuer.Provenance.ISSUER, FAST);
        ObjectNode o = (ObjectNode) JSON.readTree(f.toFile());
        o.put("ax", otherPub.ax().toString());
        o.put("ay", otherPub.ay().toString());
        Path swapped = Files.writeString(dir.resolve("swapped.json"), o.toString());
        assertThatThrownBy(() -> IssuerKeyFile.open(swapped, "pw one".toCharArray())).isInstanceOf(IOException.class);
        // provenance flipped to pass a holder's key off as an issuer's (or back): refused the same way
        ObjectNode p = (ObjectNode) JSON.readTree(f.toFile());
        p.put("provenance", "self-attested");
        Path flipped = Files.writeString(dir.resolve("flipped.json"), p.toString());
        assertThatThrownBy(() -> IssuerKeyFile.open(flipped, "pw one".toCharArray())).isInstanceOf(IOException.class);
        assertThat(Files.readString(f)).contains("\"ciphertext\"").doesNotContain("privateKey");
    }
}
