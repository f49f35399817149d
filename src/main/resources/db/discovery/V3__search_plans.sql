-- Search plans (measured with SearchPlans on 1,000,000 listings):
-- the relevance tier "title matches the query" gets its own tsvector, with its own statistics (the planner could not
-- estimate ts_filter(search, '{a}') and chose a bitmap scan over every match of a common pair of words), and its own
-- GIN index; browsing one type by price gets an index that does not skip over the other types' cheap listings.
ALTER TABLE listings ADD COLUMN title_search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, ''))) STORED;
CREATE INDEX idx_listings_title_search ON listings USING gin (title_search);
CREATE INDEX idx_listings_type_price ON listings (credential_type, status, price_wei, listing_id);
