-- The desktop's transaction history and the local nonce record (issue 4, wallet).
CREATE TABLE tx_activity (
    tx_hash         VARCHAR(66)  PRIMARY KEY,
    chain_id        BIGINT       NOT NULL,
    from_address    VARCHAR(42)  NOT NULL,
    to_address      VARCHAR(42),
    nonce           BIGINT       NOT NULL,
    value_wei       DECIMAL(78, 0) NOT NULL,
    input_data      CLOB         NOT NULL,
    gas_limit       DECIMAL(78, 0) NOT NULL,
    max_fee         DECIMAL(78, 0) NOT NULL,
    max_priority    DECIMAL(78, 0) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    replaces        VARCHAR(66),
    summary         VARCHAR(1000) NOT NULL,
    raw_tx          CLOB         NOT NULL,
    block_number    BIGINT,
    gas_used        DECIMAL(78, 0),
    error_message   VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tx_activity_account ON tx_activity (chain_id, from_address, nonce);
CREATE INDEX tx_activity_status ON tx_activity (chain_id, status);
