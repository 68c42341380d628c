package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hash32;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EIP-7685: requestsHash = sha256(sha256(r_0) ‖ sha256(r_1) ‖ …) over the requests with data. */
class RequestsHashTest {
    @Test
    void noRequestsHashToSha256OfNothing() {
        assertThat(BlockHashes.requestsHash(List.of())).isEqualTo(BlockHeader.EMPTY_REQUESTS_HASH);
    }

    @Test
    void requestsWithDataAreHashedInOrderAndBareTypesAreSkipped() {
        Bytes deposits = Bytes.fromHex("0x00aabbcc");
        Bytes withdrawals = Bytes.fromHex("0x01ddee");
        var outer = Digests.sha256();
        outer.update(Digests.sha256().digest(deposits.toArray()));
        outer.update(Digests.sha256().digest(withdrawals.toArray()));
        Hash32 expected = Hash32.of(outer.digest());

        assertThat(BlockHashes.requestsHash(List.of(deposits, Bytes.fromHex("0x02"), withdrawals)))
                .isEqualTo(expected);
        assertThat(BlockHashes.requestsHash(List.of(withdrawals, deposits))).isNotEqualTo(expected);
    }
}
