package io.enclave.discovery.server;

import io.enclave.discovery.api.Cid;
import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads listings: search with filters, sorts and keyset pagination, and single listings. Bound parameters only. */
final class ListingQueries {
    static final String COLUMNS = "l.listing_id, l.seller, l.credential_hash, l.price_wei, l.metadata_digest, l.status,"
            + " l.purchase_count, l.seller_reputation, l.issuer, l.credential_type, l.title, l.description, l.tags,"
            + " l.metadata_status, l.created_block, l.created_at, l.created_tx";

    private static final String QUERY = "websearch_to_tsquery('english', ?)";

    /** The orders a search can come back in. */
    enum Sort { RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST, REPUTATION }

    /** Which listings a search covers. */
    enum Status { ACTIVE, REMOVED, ANY }

    /** A validated search. Null fields are "no filter". */
    record Search(String q, String type, BigDecimal minPriceWei, BigDecimal maxPriceWei, String seller, String issuer,
            Integer minReputation, Status status, Sort sort, int limit, String cursor) {
    }

    private final DataSource db;
    private final ResponseCache memo;

    ListingQueries(DataSource db) {
        this(db, null);
    }

    /** {@code memo} (may be null): the response cache whose memo of empty title tiers relevance searches use. */
    ListingQueries(DataSource db, ResponseCache memo) {
        this.db = db;
        this.memo = memo;
    }

    /**
     * One page of a search. Relevance (with query text) is read tier by tier in bounded steps by {@link RelevanceSearch};
     * every other order is one keyset-ordered query with a LIMIT.
     */
    SearchPage search(Search s) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (s.sort() == Sort.RELEVANCE && s.q() != null) {
                return RelevanceSearch.page(c, s, memo);
            }
            return run(c, query(s), s.limit());
        }
    }

    static SearchPage run(Connection c, Query query, int limit) throws SQLException {
        Sort sort = query.sort();
        List<Listing> items = new ArrayList<>();
        String last = null;
        try (PreparedStatement ps = prepare(c, query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (items.size() == limit) {
                    return new SearchPage(items, last);
                }
                items.add(listing(rs));
                last = encodeCursor(sort, switch (sort) {
                    case RELEVANCE -> Integer.toString(rs.getInt("tier"));
                    case PRICE_ASC, PRICE_DESC -> rs.getBigDecimal("price_wei").toPlainString();
                    case NEWEST -> "-";
                    case REPUTATION -> Integer.toString(rs.getInt("seller_reputation"));
                }, rs.getBigDecimal("listing_id").toPlainString());
            }
        }
        return new SearchPage(items, null);
    }

    static PreparedStatement prepare(Connection c, Query query) throws SQLException {
        PreparedStatement ps = c.prepareStatement(query.sql());
        try {
            for (int i = 0; i < query.args().size(); i++) {
                ps.setObject(i + 1, query.args().get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** A search as SQL with its bound values (also what the bench explains). */
    record Query(Sort sort, String sql, List<Object> args) {
    }

    /**
     * The search's SQL. For relevance this is the order's definition in one statement (a {@code UNION ALL} of the two
     * tiers); the server reads the same rows in bounded steps ({@link RelevanceSearch}), and tests compare the two.
     */
    static Query query(Search s) {
        Sort sort = s.sort() == Sort.RELEVANCE && s.q() == null ? Sort.NEWEST : s.sort();
        String[] key = s.cursor() == null ? null : decodeCursor(s.cursor(), sort);
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (sort == Sort.RELEVANCE) {
            // The query text is bound in place each time (not via a CTE), so each branch is planned with its real
            // selectivity: the tsquery folds to a constant the planner can estimate.
            boolean titleTierDone = key != null && key[0].equals("0");
            sql.append("SELECT * FROM (");
            if (!titleTierDone) {
                sql.append("(SELECT ").append(COLUMNS).append(", 1 AS tier FROM listings l WHERE l.title_search @@ ")
                        .append(QUERY);
                args.add(s.q());
                filters(sql, args, s, true);
                if (key != null) {
                    sql.append(" AND l.listing_id < ?");
                    args.add(new BigDecimal(key[1]));
                }
                sql.append(" ORDER BY l.listing_id DESC LIMIT ?) UNION ALL ");
                args.add(s.limit() + 1);
            }
            sql.append("(SELECT ").append(COLUMNS).append(", 0 AS tier FROM listings l WHERE l.search @@ ").append(QUERY)
                    .append(" AND NOT l.title_search @@ ").append(QUERY);
            args.add(s.q());
            args.add(s.q());
            filters(sql, args, s, true);
            if (titleTierDone) {
                sql.append(" AND l.listing_id < ?");
                args.add(new BigDecimal(key[1]));
            }
            sql.append(" ORDER BY l.listing_id DESC LIMIT ?)) r ORDER BY tier DESC, listing_id DESC LIMIT ?");
            args.add(s.limit() + 1);
            args.add(s.limit() + 1);
        } else {
            // A price sort filtered only by type, status and price reads its keys from a covering index first
            // (index-only, so the planner takes (credential_type, status, price_wei, listing_id) for a type instead of
            // walking (status, price_wei) and skipping the other types: 1 s -> 1 ms in SearchPlans), then the rows.
            boolean keysFirst = (sort == Sort.PRICE_ASC || sort == Sort.PRICE_DESC) && s.q() == null && s.seller() == null
                    && s.issuer() == null && s.minReputation() == null;
            if (keysFirst) {
                sql.append("SELECT ").append(COLUMNS).append(" FROM listings l JOIN (");
            }
            sql.append("SELECT ").append(keysFirst ? "l.listing_id, l.price_wei" : COLUMNS).append(" FROM listings l WHERE true");
            if (s.q() != null) {
                sql.append(" AND l.search @@ ").append(QUERY);
                args.add(s.q());
            }
            filters(sql, args, s, true);
            if (key != null) {
                switch (sort) {
                    case PRICE_ASC -> {
                        sql.append(" AND (l.price_wei, l.listing_id) > (?, ?)");
                        args.add(new BigDecimal(key[0]));
                    }
                    case PRICE_DESC -> {
                        sql.append(" AND (l.price_wei, l.listing_id) < (?, ?)");
                        args.add(new BigDecimal(key[0]));
                    }
                    case NEWEST -> sql.append(" AND l.listing_id < ?");
                    case REPUTATION -> {
                        sql.append(" AND (l.seller_reputation < ? OR (l.seller_reputation = ? AND l.listing_id > ?))");
                        args.add(Integer.parseInt(key[0]));
                        args.add(Integer.parseInt(key[0]));
                    }
                    default -> throw new IllegalStateException(sort.name());
                }
                args.add(new BigDecimal(key[1]));
            }
            sql.append(switch (sort) {
                case PRICE_ASC -> " ORDER BY l.price_wei, l.listing_id";
                case PRICE_DESC -> " ORDER BY l.price_wei DESC, l.listing_id DESC";
                case REPUTATION -> " ORDER BY l.seller_reputation DESC, l.listing_id";
                default -> " ORDER BY l.listing_id DESC";
            });
            sql.append(" LIMIT ?");
            args.add(s.limit() + 1);
            if (keysFirst) {
                sql.append(") k USING (listing_id) ORDER BY ").append(sort == Sort.PRICE_ASC ? "k.price_wei, k.listing_id"
                        : "k.price_wei DESC, k.listing_id DESC");
            }
        }
        return new Query(sort, sql.toString(), args);
    }

    /**
     * One relevance tier (1: the title matches the query; 0: only tags or description do) among listing ids in
     * [{@code lower}, {@code upper}) ({@code lower} null: no lower bound), newest first, at most {@code limit} rows.
     * <ul>
     * <li>{@code WALK}: the text is matched with the function behind {@code @@} ({@code ts_match_vq}), which no index
     * serves, so PostgreSQL walks the id range newest first (the primary key, or a b-tree that also filters) and stops at
     * {@code limit}: at most the range's rows are read, whatever the planner believes about the words.</li>
     * <li>{@code BITMAP}: the order is an expression no index provides, so PostgreSQL cannot walk; it takes the GIN
     * bitmap of the text (with the id range, the type, the seller or the issuer when that is cheaper) and sorts the
     * matches. Status, price and reputation filters are written so that no b-tree serves them: their indexes cover
     * hundreds of thousands of rows, and intersecting those bitmaps costs more than checking the text's matches.</li>
     * </ul>
     */
    static Query tierQuery(Search s, int tier, BigDecimal lower, BigDecimal upper, int limit, Scan scan) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM listings l WHERE ");
        List<Object> args = new ArrayList<>();
        boolean walk = scan == Scan.WALK;
        String title = walk ? "ts_match_vq(l.title_search, " + QUERY + ")" : "l.title_search @@ " + QUERY;
        if (tier == 1) {
            sql.append(title);
            args.add(s.q());
        } else {
            sql.append(walk ? "ts_match_vq(l.search, " + QUERY + ")" : "l.search @@ " + QUERY).append(" AND NOT ")
                    .append(title);
            args.add(s.q());
            args.add(s.q());
        }
        filters(sql, args, s, walk);
        sql.append(" AND l.listing_id < ?");
        args.add(upper);
        filter(sql, args, " AND l.listing_id >= ?", lower);
        sql.append(walk ? " ORDER BY l.listing_id DESC LIMIT ?" : " ORDER BY l.listing_id + 0 DESC LIMIT ?");
        args.add(limit);
        return new Query(Sort.RELEVANCE, sql.toString(), args);
    }

    /** How {@link #tierQuery} reads its id range. */
    enum Scan { WALK, BITMAP }

    /**
     * The search's filters. {@code indexable} false writes status, price and reputation so that no b-tree can serve them
     * ({@code l.price_wei + 0}, {@code l.status || ''}): the same rows, for the bitmap steps of {@link #tierQuery}.
     */
    private static void filters(StringBuilder sql, List<Object> args, Search s, boolean indexable) {
        String status = indexable ? "l.status" : "l.status || ''";
        String price = indexable ? "l.price_wei" : "l.price_wei + 0";
        String reputation = indexable ? "l.seller_reputation" : "l.seller_reputation + 0";
        if (s.status() != Status.ANY) {
            sql.append(" AND ").append(status).append(" = ?");
            args.add(s.status() == Status.ACTIVE ? "active" : "removed");
        }
        filter(sql, args, " AND l.credential_type = ?", s.type());
        filter(sql, args, " AND l.seller = ?", s.seller());
        filter(sql, args, " AND l.issuer = ?", s.issuer());
        filter(sql, args, " AND " + price + " >= ?", s.minPriceWei());
        filter(sql, args, " AND " + price + " <= ?", s.maxPriceWei());
        filter(sql, args, " AND " + reputation + " >= ?", s.minReputation());
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    static String encodeCursor(Sort sort, String key, String id) {
        String raw = "v1:" + sort.name() + ":" + key + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** [key, id] of a cursor made by {@link #encodeCursor} for the same sort; anything else is a {@link BadRequest}. */
    static String[] decodeCursor(String cursor, Sort sort) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("cursor", "Not a cursor from this API; pass nextCursor from the previous page");
        }
        String[] p = raw.split(":", -1);
        if (p.length != 4 || !p[0].equals("v1") || !p[1].equals(sort.name())) {
            throw new BadRequest("cursor", "This cursor belongs to another search or sort; start again without cursor");
        }
        Params.uint256("cursor", p[3]);
        boolean ok = switch (sort) {
            case RELEVANCE -> p[2].equals("0") || p[2].equals("1");
            case PRICE_ASC, PRICE_DESC -> p[2].matches("[0-9]{1,78}");
            case NEWEST -> p[2].equals("-");
            case REPUTATION -> p[2].matches("-?[0-9]{1,9}");
        };
        if (!ok) {
            throw new BadRequest("cursor", "Not a cursor from this API; pass nextCursor from the previous page");
        }
        if (sort == Sort.PRICE_ASC || sort == Sort.PRICE_DESC) {
            Params.uint256("cursor", p[2]);
        }
        return Arrays.copyOfRange(p, 2, 4);
    }

    Optional<Listing> byId(BigDecimal id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM listings l WHERE l.listing_id = ?")) {
            ps.setBigDecimal(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(listing(rs)) : Optional.empty();
            }
        }
    }

    static Listing listing(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        String digest = rs.getString("metadata_digest");
        return new Listing(rs.getBigDecimal("listing_id").toPlainString(), rs.getString("seller"),
                rs.getString("credential_hash"), rs.getBigDecimal("price_wei").toPlainString(), digest,
                Cid.rawSha256(digest), rs.getString("status"), rs.getInt("purchase_count"), rs.getInt("seller_reputation"),
                rs.getString("issuer"), rs.getString("credential_type"), rs.getString("title"), rs.getString("description"),
                tags == null ? List.of() : List.of((String[]) tags.getArray()), rs.getString("metadata_status"),
                rs.getLong("created_block"), rs.getTimestamp("created_at").toInstant().toString(), rs.getString("created_tx"));
    }
}
