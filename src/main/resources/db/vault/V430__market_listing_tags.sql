-- The seller's tags for a listing's metadata document, one per line (io.enclave.market.ListingMetadata#tags).
ALTER TABLE market_listing ADD COLUMN tags VARCHAR(400) DEFAULT '' NOT NULL;
