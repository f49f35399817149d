-- Marketplace state kept on the desktop. Versions 200+ belong to io.enclave.market.
-- Everything here can be rebuilt from the chain except the seller's wrapped content keys (market_listing), which are
-- ECIES-encrypted to the seller's own account key, and the buyer's received packages, which stay encrypted.

-- The seller's publications: one row per outbox publication job, filled in as its steps complete.
CREATE TABLE market_listing (
    job_id             VARCHAR(64)  PRIMARY KEY,
    chain_id           BIGINT       NOT NULL,
    seller             VARCHAR(42)  NOT NULL,
    credential_hash    VARCHAR(66)  NOT NULL,
    issuer             VARCHAR(42)  NOT NULL,
    price_wei          DECIMAL(78, 0) NOT NULL,
    title              VARCHAR(200) NOT NULL,
    description        VARCHAR(4000) NOT NULL,
    key_commitment     VARCHAR(66),
    seller_wrapped_key VARBINARY(1024),
    package_cid        VARCHAR(128),
    metadata_cid       VARCHAR(128),
    listing_id         BIGINT,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX market_listing_credential ON market_listing (chain_id, credential_hash);

-- The buyer's purchases: the local part of the purchase state machine (the chain holds the rest).
CREATE TABLE market_purchase (
    chain_id       BIGINT        NOT NULL,
    marketplace    VARCHAR(42)   NOT NULL,
    purchase_id    BIGINT        NOT NULL,
    listing_id     BIGINT        NOT NULL,
    buyer          VARCHAR(42)   NOT NULL,
    state          VARCHAR(16)   NOT NULL,
    wrapped_key    VARBINARY(1024),
    sealed_package BLOB,
    package_cid    VARCHAR(128),
    credential_hash VARCHAR(66),
    proof_verified BOOLEAN,
    note           VARCHAR(4000),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (chain_id, marketplace, purchase_id)
);

-- The delivery watcher's progress: the last block whose purchase events were turned into delivery jobs.
CREATE TABLE market_cursor (
    name       VARCHAR(160) PRIMARY KEY,
    last_block BIGINT       NOT NULL
);
