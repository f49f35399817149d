package io.enclave.credentials.attest;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.credentials.schema.SchemaException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Issuer mode: makes a signed attestation of one attribute for one subject, with a fresh random salt and an expiry. */
public final class AttestationIssuer {
    private final AttestationSigner signer;
    private final SecureRandom random;
    private final Clock clock;

    public AttestationIssuer(AttestationSigner signer, SecureRandom random, Clock clock) {
        this.signer = signer;
        this.random = random;
        this.clock = clock;
    }

    public Attestation attest(CredentialSchema schema, String attributeName, JsonNode value, BigInteger subject,
                              Duration validFor) throws SchemaException {
        Attribute attribute = schema.attribute(attributeName);
        schema.requireValidValue(attribute.name(), value);
        BigInteger encoded = FieldEncoding.encode(attribute, value);
        if (subject.signum() < 0 || subject.compareTo(FieldEncoding.R) >= 0) {
            throw new SchemaException("The subject must be a field element (an address as an integer)");
        }
        if (validFor.isNegative() || validFor.isZero()) {
            throw new SchemaException("An attestation must be valid for a positive time");
        }
        BigInteger salt;
        do {
            salt = new BigInteger(254, random);
        } while (salt.signum() == 0 || salt.compareTo(FieldEncoding.R) >= 0);
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Attestation unsigned = new Attestation(schema.id(), attribute.name(), value, encoded, salt, subject, now,
                now.plus(validFor), signer.issuer(), null);
        return new Attestation(schema.id(), attribute.name(), value, encoded, salt, subject, now, now.plus(validFor),
                signer.issuer(), signer.sign(unsigned.signedMessage()));
    }
}
