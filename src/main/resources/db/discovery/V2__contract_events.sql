-- The projections of the contracts' real events (contracts/src): Marketplace, CredentialRegistry, TrustStaking and
-- the Governor. V1 was written against a provisional event list; this migration aligns the tables with the ABIs.

ALTER TABLE listings ADD COLUMN key_commitment VARCHAR(66);

ALTER TABLE purchases DROP CONSTRAINT purchases_status_check;
ALTER TABLE purchases ADD CONSTRAINT purchases_status_check
    CHECK (status IN ('escrowed', 'delivered', 'refunded', 'disputed', 'resolved'));
ALTER TABLE purchases
    ADD COLUMN buyer_public_key VARCHAR(130),
    ADD COLUMN deliver_by       BIGINT,
    ADD COLUMN dispute_by       BIGINT,
    ADD COLUMN seller_amount_wei NUMERIC(78, 0),
    ADD COLUMN fee_wei          NUMERIC(78, 0),
    ADD COLUMN royalty_wei      NUMERIC(78, 0),
    ADD COLUMN royalty_issuer   VARCHAR(42),
    ADD COLUMN refunded_wei     NUMERIC(78, 0),
    ADD COLUMN buyer_won        BOOLEAN;

ALTER TABLE disputes
    ADD COLUMN buyer             VARCHAR(42),
    ADD COLUMN buyer_wins        BOOLEAN,
    ADD COLUMN clawed_back_wei   NUMERIC(78, 0),
    ADD COLUMN resolved_block    BIGINT,
    ADD COLUMN resolved_tx       VARCHAR(66);

ALTER TABLE vouches ADD COLUMN shares NUMERIC(78, 0) NOT NULL DEFAULT 0;

-- Withdrawal requests (stake leaves the pool, unbonding) and completed withdrawals.
CREATE TABLE stake_withdrawals (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    kind            VARCHAR(16) NOT NULL CHECK (kind IN ('requested', 'withdrawn')),
    voucher         VARCHAR(42) NOT NULL,
    subject         VARCHAR(42) NOT NULL,
    shares          NUMERIC(78, 0) NOT NULL,
    amount_wei      NUMERIC(78, 0) NOT NULL,
    release_at      BIGINT,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_withdrawals_subject ON stake_withdrawals (subject, kind);

ALTER TABLE slashing_events
    ADD COLUMN bps              INTEGER,
    ADD COLUMN beneficiary      VARCHAR(42),
    ADD COLUMN compensation_wei NUMERIC(78, 0);

-- Issuers as the registry knows them: id, BabyJubJub public key, royalty. No names on chain.
ALTER TABLE issuers DROP COLUMN name;
ALTER TABLE issuers
    ADD COLUMN issuer_id    BIGINT,
    ADD COLUMN babyjub_x    NUMERIC(78, 0),
    ADD COLUMN babyjub_y    NUMERIC(78, 0),
    ADD COLUMN royalty_bps  INTEGER NOT NULL DEFAULT 0;

-- Anchored credentials (hash, holder, issuer, schema, content digest, Arweave copy) and their revocation.
CREATE TABLE credentials (
    credential_hash VARCHAR(66) PRIMARY KEY,
    holder          VARCHAR(42) NOT NULL,
    issuer          VARCHAR(42) NOT NULL,
    schema_id       VARCHAR(66) NOT NULL,
    content_digest  VARCHAR(66) NOT NULL,
    arweave_tx      VARCHAR(66) NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
    revoked_by      VARCHAR(42),
    anchored_block  BIGINT NOT NULL,
    anchored_tx     VARCHAR(66) NOT NULL,
    updated_block   BIGINT NOT NULL
);
CREATE INDEX idx_credentials_holder ON credentials (holder);
CREATE INDEX idx_credentials_issuer ON credentials (issuer);
CREATE INDEX idx_credentials_schema ON credentials (schema_id);

CREATE TABLE credential_verifications (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    credential_hash VARCHAR(66) NOT NULL,
    circuit_id      INTEGER NOT NULL,
    prover          VARCHAR(42) NOT NULL,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_verifications_credential ON credential_verifications (credential_hash);

CREATE TABLE circuits (
    circuit_id      INTEGER PRIMARY KEY,
    verifier        VARCHAR(42) NOT NULL,
    public_inputs   INTEGER NOT NULL,
    credential_index INTEGER NOT NULL,
    issuer_key_index INTEGER NOT NULL,
    is_active       BOOLEAN NOT NULL,
    block_number    BIGINT NOT NULL
);

-- Schemas are not registered on chain: they are the schema ids credentials are anchored with.
DROP TABLE credential_schemas;
CREATE VIEW credential_schemas AS
    SELECT schema_id, count(*) AS credentials, min(anchored_block) AS first_block FROM credentials GROUP BY schema_id;

CREATE TABLE governance_proposals (
    proposal_id     NUMERIC(78, 0) PRIMARY KEY,
    proposer        VARCHAR(42) NOT NULL,
    description     TEXT NOT NULL,
    targets         TEXT NOT NULL,
    vote_start      BIGINT NOT NULL,
    vote_end        BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'queued', 'executed', 'canceled')),
    eta_seconds     BIGINT,
    block_number    BIGINT NOT NULL,
    tx_hash         VARCHAR(66) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_block   BIGINT NOT NULL
);
CREATE INDEX idx_proposals_newest ON governance_proposals (block_number DESC);

CREATE TABLE governance_votes (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    proposal_id     NUMERIC(78, 0) NOT NULL,
    voter           VARCHAR(42) NOT NULL,
    support         SMALLINT NOT NULL,
    weight          NUMERIC(78, 0) NOT NULL,
    reason          TEXT NOT NULL,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_votes_proposal ON governance_votes (proposal_id);

ALTER TABLE platform_config ADD COLUMN block_number BIGINT;
