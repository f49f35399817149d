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

    /** The orders a search can come back in. */
    enum Sort { RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST, REPUTATION }

    /** Which listings a search covers. */
    enum Status { ACTIVE, REMOVED, ANY }

    /** A validated search. Null fields are "no filter". */
    record Search(String q, String type, BigDecimal minPriceWei, BigDecimal maxPriceWei, String seller, String issuer,
            Integer minReputation, Status status, Sort sort, int limit, String cursor) {
    }

    private final DataSource db;

    ListingQueries(DataSource db) {
        this.db = db;
    }

    SearchPage search(Search s) throws SQLException {
        Sort sort = s.sort() == Sort.RELEVANCE && s.q() == null ? Sort.NEWEST : s.sort();
        String[] key = s.cursor() == null ? null : decodeCursor(s.cursor(), sort);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
        List<Object> args = new ArrayList<>();
        if (s.q() != null) {
            sql.append(", ts_rank(l.search, query) AS rank FROM listings l, websearch_to_tsquery('english', ?) AS query"
                    + " WHERE l.search @@ query");
            args.add(s.q());
        } else {
            sql.append(" FROM listings l WHERE true");
        }
        if (s.status() != Status.ANY) {
            sql.append(" AND l.status = ?");
            args.add(s.status() == Status.ACTIVE ? "active" : "removed");
        }
        filter(sql, args, " AND l.credential_type = ?", s.type());
        filter(sql, args, " AND l.seller = ?", s.seller());
        filter(sql, args, " AND l.issuer = ?", s.issuer());
        filter(sql, args, " AND l.price_wei >= ?", s.minPriceWei());
        filter(sql, args, " AND l.price_wei <= ?", s.maxPriceWei());
        filter(sql, args, " AND l.seller_reputation >= ?", s.minReputation());
        if (key != null) {
            switch (sort) {
                case RELEVANCE -> {
                    sql.append(" AND (ts_rank(l.search, query), l.listing_id) < (?::real, ?)");
                    args.add(Float.parseFloat(key[0]));
                }
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
            case RELEVANCE -> " ORDER BY rank DESC, l.listing_id DESC";
            case PRICE_ASC -> " ORDER BY l.price_wei, l.listing_id";
            case PRICE_DESC -> " ORDER BY l.price_wei DESC, l.listing_id DESC";
            case NEWEST -> " ORDER BY l.listing_id DESC";
            case REPUTATION -> " ORDER BY l.seller_reputation DESC, l.listing_id";
        });
        sql.append(" LIMIT ?");
        args.add(s.limit() + 1);
        List<Listing> items = new ArrayList<>();
        String last = null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == s.limit()) {
                        return new SearchPage(items, last);
                    }
                    items.add(listing(rs));
                    last = encodeCursor(sort, switch (sort) {
                        case RELEVANCE -> Float.toString(rs.getFloat("rank"));
                        case PRICE_ASC, PRICE_DESC -> rs.getBigDecimal("price_wei").toPlainString();
                        case NEWEST -> "-";
                        case REPUTATION -> Integer.toString(rs.getInt("seller_reputation"));
                    }, rs.getBigDecimal("listing_id").toPlainString());
                }
            }
        }
        return new SearchPage(items, null);
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
            case RELEVANCE -> p[2].matches("[0-9]{1,10}(\\.[0-9]{1,12})?(E-?[0-9]{1,2})?")
                    && Float.isFinite(Float.parseFloat(p[2]));
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
