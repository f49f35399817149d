package io.enclave.storage.ipfs;

import io.enclave.storage.BlobStore;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The storage plan of the seed: every blob is pinned on a primary and on secondary services, read back through any
 * node or gateway with verification, re-pinned where a pin went missing and checked periodically.
 */
public final class RedundantStorage {
    private final BlobStore primary;
    private final List<BlobStore> secondaries;
    private final TrustlessReader reader;
    private final EndpointHealth health;

    public RedundantStorage(BlobStore primary, List<BlobStore> secondaries, TrustlessReader reader,
                            EndpointHealth health) {
        this.primary = primary;
        this.secondaries = List.copyOf(secondaries);
        this.reader = reader;
        this.health = health;
    }

    /** Where a put landed: the CID and the services that did not take it (to repair later with {@link #repin}). */
    public record PutResult(Cid cid, List<String> pinnedOn, List<String> failures) {
        public boolean fullyReplicated() {
            return failures.isEmpty();
        }
    }

    /** What a re-pin pass did, per service and CID. */
    public record RepairReport(List<String> alreadyPinned, List<String> repaired, List<String> failed) {
    }

    /** The outcome of an integrity check of one CID. */
    public record CheckResult(Cid cid, boolean retrievable, List<String> pinnedOn, List<String> notPinnedOn,
                              String error) {
        public boolean healthy() {
            return retrievable && notPinnedOn.isEmpty();
        }
    }

    /** Uploads to the primary (must succeed) and to every secondary (failures are reported, not fatal). */
    public PutResult put(byte[] content) {
        Cid cid = timed(primary, () -> primary.put(content));
        List<String> pinned = new ArrayList<>(List.of(primary.name()));
        List<String> failures = new ArrayList<>();
        for (BlobStore s : secondaries) {
            try {
                timed(s, () -> s.put(content));
                pinned.add(s.name());
            } catch (StorageException e) {
                failures.add(s.name() + ": " + e.getMessage());
            }
        }
        return new PutResult(cid, pinned, failures);
    }

    /** The verified content of {@code cid}, from whichever node or gateway answers correctly first. */
    public byte[] get(Cid cid) {
        return reader.read(cid);
    }

    /**
     * Makes sure every service pins every CID: pins by hash where the service can fetch it, otherwise uploads the
     * bytes again after reading them with verification.
     */
    public RepairReport repin(Collection<Cid> cids) {
        List<String> ok = new ArrayList<>();
        List<String> repaired = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Cid cid : cids) {
            byte[] content = null;
            for (BlobStore s : all()) {
                String what = s.name() + " " + cid;
                try {
                    if (s.isPinned(cid)) {
                        ok.add(what);
                        continue;
                    }
                    if (content == null) {
                        content = reader.read(cid);
                    }
                    byte[] bytes = content;
                    timed(s, () -> s.put(bytes));
                    repaired.add(what);
                } catch (StorageException e) {
                    failed.add(what + ": " + e.getMessage());
                }
            }
        }
        return new RepairReport(ok, repaired, failed);
    }

    /** Reads every CID with full verification and asks every service whether it still pins it. */
    public List<CheckResult> check(Collection<Cid> cids) {
        List<CheckResult> results = new ArrayList<>();
        for (Cid cid : cids) {
            List<String> pinned = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (BlobStore s : all()) {
                try {
                    (s.isPinned(cid) ? pinned : missing).add(s.name());
                } catch (StorageException e) {
                    health.failure(s.name(), e.getMessage());
                    missing.add(s.name() + " (" + e.getMessage() + ")");
                }
            }
            try {
                reader.read(cid);
                results.add(new CheckResult(cid, true, pinned, missing, null));
            } catch (StorageException e) {
                results.add(new CheckResult(cid, false, pinned, missing, e.getMessage()));
            }
        }
        return results;
    }

    public EndpointHealth health() {
        return health;
    }

    private List<BlobStore> all() {
        List<BlobStore> all = new ArrayList<>();
        all.add(primary);
        all.addAll(secondaries);
        return all;
    }

    private <T> T timed(BlobStore s, java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T t = call.get();
            health.success(s.name(), (System.nanoTime() - start) / 1_000_000);
            return t;
        } catch (StorageException e) {
            health.failure(s.name(), e.getMessage());
            throw e;
        }
    }
}
