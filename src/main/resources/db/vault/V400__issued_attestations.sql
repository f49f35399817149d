-- The issuer's record of attestations it signed (desktop issuer screen, io.enclave.ui.issuer). No attribute value is
-- kept: the value went only into the attestation file, encrypted to the subject. The hash is what revocation needs.
CREATE TABLE issued_attestation (
    hash        VARCHAR(66)  PRIMARY KEY,
    issuer_ax   VARCHAR(80)  NOT NULL,
    subject     VARCHAR(42)  NOT NULL,
    schema_id   VARCHAR(64)  NOT NULL,
    attribute   VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    file        VARCHAR(1024) NOT NULL
);
CREATE INDEX issued_attestation_issuer ON issued_attestation (issuer_ax, issued_at);
