-- What the seller's delivery job needs to prove a listing's statement again for each buyer (io.enclave.market.sell,
-- io.enclave.market.deliver): the attestation file exactly as the holder keeps it (ECIES-encrypted to the seller's
-- account key: the value, salt and signature never sit here in the clear) and the anchored package (no attribute
-- value; it names the predicate, circuit and issuer the per-buyer proof must repeat). A listing without a row here
-- is delivered key-only, as before version 447.
CREATE TABLE market_listing_proving (
    job_id           VARCHAR(64) PRIMARY KEY,
    attestation_file VARBINARY(65536) NOT NULL,
    package_json     BLOB NOT NULL
);
