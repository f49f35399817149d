-- The discovery database: only what the chain said (plus metadata documents verified against their on-chain digest).
-- Wallet addresses only, no personal data. Amounts are uint256 in wei (NUMERIC(78,0)); addresses are lower-case 0x-hex.

-- The indexer's position, committed in the same transaction as the data it covers.
CREATE TABLE indexer_cursor (
    id              SMALLINT PRIMARY KEY CHECK (id = 1),
    chain_id        BIGINT NOT NULL,
    next_block      BIGINT NOT NULL CHECK (next_block >= 0),
    head_block      BIGINT NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Block hashes the indexer has seen (every block that carried an event, and each batch's last block):
-- reorg detection compares them with the chain and rolls back to the highest one still on it.
CREATE TABLE indexed_blocks (
    number          BIGINT PRIMARY KEY,
    hash            VARCHAR(66) NOT NULL,
    parent_hash     VARCHAR(66) NOT NULL,
    block_time      TIMESTAMPTZ NOT NULL
);

-- Every decoded event, once: the idempotency key is (tx_hash, log_index). Projections below are derived from it,
-- so a rollback can delete the orphaned events and replay the survivors for the entities they touched.
CREATE TABLE chain_events (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    block_number    BIGINT NOT NULL,
    block_hash      VARCHAR(66) NOT NULL,
    block_time      TIMESTAMPTZ NOT NULL,
    contract        VARCHAR(42) NOT NULL,
    event_name      VARCHAR(64) NOT NULL,
    listing_id      NUMERIC(78, 0),
    purchase_id     NUMERIC(78, 0),
    args            JSONB NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_events_block ON chain_events (block_number, log_index);
CREATE INDEX idx_events_listing ON chain_events (listing_id, block_number, log_index) WHERE listing_id IS NOT NULL;
CREATE INDEX idx_events_purchase ON chain_events (purchase_id, block_number, log_index) WHERE purchase_id IS NOT NULL;

-- Wallets seen on chain, with the reputation inputs (recomputed from the tables below; see Reputation.java).
CREATE TABLE accounts (
    address             VARCHAR(42) PRIMARY KEY,
    stake_received      NUMERIC(78, 0) NOT NULL DEFAULT 0,
    distinct_vouchers   INTEGER NOT NULL DEFAULT 0,
    completed_sales     INTEGER NOT NULL DEFAULT 0,
    refunds             INTEGER NOT NULL DEFAULT 0,
    slashes             INTEGER NOT NULL DEFAULT 0,
    slashed_amount      NUMERIC(78, 0) NOT NULL DEFAULT 0,
    active_listings     INTEGER NOT NULL DEFAULT 0,
    reputation          INTEGER NOT NULL DEFAULT 0,
    first_seen_block    BIGINT NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_accounts_reputation ON accounts (reputation DESC);

-- Credential types (schemas) and attestors (issuers); registered on chain.
CREATE TABLE credential_schemas (
    schema_id       VARCHAR(66) PRIMARY KEY,
    type_name       VARCHAR(50) NOT NULL,
    registered_by   VARCHAR(42) NOT NULL,
    is_active       BOOLEAN NOT NULL DEFAULT true,
    block_number    BIGINT NOT NULL,
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL
);
CREATE INDEX idx_schemas_type ON credential_schemas (type_name);

CREATE TABLE issuers (
    address         VARCHAR(42) PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    is_active       BOOLEAN NOT NULL DEFAULT true,
    block_number    BIGINT NOT NULL,
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL
);

-- Marketplace inventory. title/description/tags/credential_type come from the metadata document on IPFS, verified
-- against metadata_digest; until then metadata_status is 'pending' and the listing is found by filters only.
CREATE TABLE listings (
    listing_id          NUMERIC(78, 0) PRIMARY KEY,
    seller              VARCHAR(42) NOT NULL,
    credential_hash     VARCHAR(66) NOT NULL,
    price_wei           NUMERIC(78, 0) NOT NULL,
    metadata_digest     VARCHAR(66) NOT NULL,
    status              VARCHAR(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
    purchase_count      INTEGER NOT NULL DEFAULT 0,
    seller_reputation   INTEGER NOT NULL DEFAULT 0,
    issuer              VARCHAR(42),
    credential_type     VARCHAR(50),
    title               VARCHAR(200),
    description         TEXT,
    tags                TEXT[] NOT NULL DEFAULT '{}',
    tags_text           TEXT NOT NULL DEFAULT '',
    metadata_status     VARCHAR(16) NOT NULL DEFAULT 'pending'
                        CHECK (metadata_status IN ('pending', 'verified', 'invalid')),
    metadata_attempts   INTEGER NOT NULL DEFAULT 0,
    metadata_next_try   TIMESTAMPTZ NOT NULL DEFAULT now(),
    metadata_error      VARCHAR(300),
    created_block       BIGINT NOT NULL,
    created_tx          VARCHAR(66) NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_block       BIGINT NOT NULL,
    search              TSVECTOR GENERATED ALWAYS AS (
                            setweight(to_tsvector('english', coalesce(title, '')), 'A')
                            || setweight(to_tsvector('english', coalesce(tags_text, '')), 'B')
                            || setweight(to_tsvector('english', coalesce(description, '')), 'C')) STORED
);
CREATE INDEX idx_listings_search ON listings USING gin (search);
CREATE INDEX idx_listings_seller_type ON listings (seller, credential_type);
CREATE INDEX idx_listings_status_price ON listings (status, price_wei, listing_id);
CREATE INDEX idx_listings_status_newest ON listings (status, listing_id DESC);
CREATE INDEX idx_listings_type_created ON listings (credential_type, listing_id DESC);
CREATE INDEX idx_listings_reputation ON listings (status, seller_reputation DESC, listing_id);
CREATE INDEX idx_listings_metadata_due ON listings (metadata_next_try) WHERE metadata_status = 'pending';

CREATE TABLE purchases (
    purchase_id     NUMERIC(78, 0) PRIMARY KEY,
    listing_id      NUMERIC(78, 0) NOT NULL,
    buyer           VARCHAR(42) NOT NULL,
    seller          VARCHAR(42) NOT NULL,
    price_wei       NUMERIC(78, 0) NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'escrowed'
                    CHECK (status IN ('escrowed', 'delivered', 'refunded', 'disputed')),
    tx_hash         VARCHAR(66) NOT NULL,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_block   BIGINT NOT NULL
);
CREATE INDEX idx_purchases_buyer_seller ON purchases (buyer, seller);
CREATE INDEX idx_purchases_seller ON purchases (seller, status);
CREATE INDEX idx_purchases_listing ON purchases (listing_id);
CREATE INDEX idx_purchases_tx_hash ON purchases (tx_hash);

CREATE TABLE disputes (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    purchase_id     NUMERIC(78, 0) NOT NULL,
    evidence_digest VARCHAR(66) NOT NULL,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_disputes_purchase ON disputes (purchase_id);

-- Vouches are stake events (a voucher may vouch for the same subject several times; the sum is the stake).
CREATE TABLE vouches (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    voucher         VARCHAR(42) NOT NULL,
    subject         VARCHAR(42) NOT NULL,
    amount_wei      NUMERIC(78, 0) NOT NULL,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_vouches_subject ON vouches (subject, voucher);
CREATE INDEX idx_vouches_voucher ON vouches (voucher, subject);

CREATE TABLE slashing_events (
    tx_hash         VARCHAR(66) NOT NULL,
    log_index       INTEGER NOT NULL,
    subject         VARCHAR(42) NOT NULL,
    amount_wei      NUMERIC(78, 0) NOT NULL,
    block_number    BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX idx_slashing_subject_date ON slashing_events (subject, created_at);

-- Aggregated, privacy-preserving metrics per UTC hour.
CREATE TABLE marketplace_analytics (
    metric_type     VARCHAR(50) NOT NULL,
    day             DATE NOT NULL,
    hour            SMALLINT NOT NULL CHECK (hour BETWEEN 0 AND 23),
    count           BIGINT NOT NULL DEFAULT 0,
    volume_wei      NUMERIC(78, 0) NOT NULL DEFAULT 0,
    PRIMARY KEY (metric_type, day, hour)
);
CREATE INDEX idx_analytics_metric_date ON marketplace_analytics (metric_type, day);

CREATE TABLE platform_config (
    key             VARCHAR(100) PRIMARY KEY,
    value           JSONB NOT NULL,
    description     TEXT,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO platform_config (key, value, description) VALUES
    ('reputation.formula', '"see io.enclave.discovery.indexer.Reputation"', 'How reputation is derived from chain data');
