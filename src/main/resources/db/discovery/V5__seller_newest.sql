-- A seller's listings newest first (the API's seller filter, the seller profile) and the indexer's count of a seller's
-- active listings (Accounts.refresh): (seller, status, listing_id DESC) reads the page's 21 keys in order, and the count
-- as an index-only scan, where (seller, credential_type) fetched and sorted every listing of the seller (54 heap pages
-- for a seller with 50 listings: 4-19 ms -> 0.05-0.4 ms per search on 1,000,000 listings, docs/DISCOVERY.md). It
-- replaces (seller, credential_type), whose prefix it serves too, so a listing still updates one seller index.
CREATE INDEX IF NOT EXISTS idx_listings_seller_newest ON listings (seller, status, listing_id DESC);
DROP INDEX IF EXISTS idx_listings_seller_type;
