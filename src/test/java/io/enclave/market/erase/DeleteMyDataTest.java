package io.enclave.market.erase;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.credentials.store.LocalCredentialStore;
import io.enclave.market.MarketStore;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local step and the report of "delete my data"; the chain and IPFS steps run against real nodes in the ITs. */
class DeleteMyDataTest {
    private static final byte[] HASH = new byte[32];

    static {
        HASH[31] = 7;
    }

    @Test
    void erasesThePackageFolderAndSavedCopiesAndIsSafeToRunAgain(@TempDir Path home) throws Exception {
        LocalCredentialStore store = new LocalCredentialStore(home);
        Path key = store.keepPackageFile(HASH, "seller-key.bin", new byte[] {1, 2, 3});
        Path saved = Files.writeString(home.resolve("salary.json"), "{\"a package\":1}");
        Path other = Files.writeString(home.resolve("other.json"), "{}");

        DeleteMyData.Step first = DeleteMyData.eraseLocal(store, null, HASH, List.of(saved));
        assertThat(first.outcome()).isEqualTo(DeleteMyData.Outcome.DONE);
        assertThat(first.items()).containsExactlyInAnyOrder(key.toString(), saved.toString());
        assertThat(key).doesNotExist();
        assertThat(store.packageDir(HASH)).doesNotExist();
        assertThat(saved).doesNotExist();
        assertThat(other).exists();

        DeleteMyData.Step again = DeleteMyData.eraseLocal(store, null, HASH, List.of(saved));
        assertThat(again.outcome()).isEqualTo(DeleteMyData.Outcome.NOTHING_TO_DO);
        assertThat(again.message()).isEqualTo("No local file held this data.");
    }

    @Test
    void aFileThatCannotBeDeletedIsAFailedStepNotAnException(@TempDir Path home) throws Exception {
        LocalCredentialStore store = new LocalCredentialStore(home);
        Path dir = store.packageDir(HASH);
        Files.createDirectories(dir.resolve("nested")); // a folder in the package folder: the folder cannot be removed
        store.keepPackageFile(HASH, "sealed.bin", new byte[] {9});
        DeleteMyData.Step step = DeleteMyData.eraseLocal(store, null, HASH, List.of());
        assertThat(step.failed()).isTrue();
        assertThat(step.message()).startsWith("Could not delete every local file").contains("try again");
    }

    @Test
    void whatRemainsNamesThePublishedCidsOnlyWhenThereIsAPublication() {
        MarketStore.OwnListing own = new MarketStore.OwnListing("job", 1, "0xabc", "0x07", "0xdef", BigInteger.ONE, "t",
                "d", "0x01", new byte[0], "bafkpackage", "bafkmeta", BigInteger.TWO, List.of());
        List<String> cids = DeleteMyData.cids(own);
        assertThat(cids).containsExactly("bafkpackage", "bafkmeta");
        String published = String.join("\n", DeleteMyData.remains(cids));
        assertThat(published).contains("bafkpackage and bafkmeta", "inactive", "encrypted vault", "Arweave",
                "credential hash");
        String unpublished = String.join("\n", DeleteMyData.remains(List.of()));
        assertThat(unpublished).contains("credential hash", "Arweave").doesNotContain("inactive", "bafk");
    }
}
