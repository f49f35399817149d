-- Numbered after V400 (not V201): a vault already at V400 would refuse a lower pending version.
-- The buyer's on-chain proof check of an opened purchase (enclave market open --on-chain): the verdict of the
-- circuit's verifier registered in the CredentialRegistry, asked in a view call, and the registry's own record.
ALTER TABLE market_purchase ADD COLUMN onchain_outcome VARCHAR(16);
ALTER TABLE market_purchase ADD COLUMN onchain_circuit INT;
ALTER TABLE market_purchase ADD COLUMN onchain_verifier VARCHAR(42);
ALTER TABLE market_purchase ADD COLUMN onchain_reason VARCHAR(1000);
ALTER TABLE market_purchase ADD COLUMN onchain_registry VARCHAR(1000);
ALTER TABLE market_purchase ADD COLUMN onchain_checked_at TIMESTAMP WITH TIME ZONE;
