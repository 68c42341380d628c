package dev.gavel.bidding.payload;

import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Quantity;
import java.util.List;

/** An EIP-4895 withdrawal (always empty on OP Stack chains). {@code amount} is in gwei. */
public record Withdrawal(Quantity index, Quantity validatorIndex, Address address, Quantity amount) {
    public byte[] rlp() {
        return Rlp.encodeList(List.of(
                Rlp.encodeLong(index.value()),
                Rlp.encodeLong(validatorIndex.value()),
                Rlp.encodeBytes(address.toArray()),
                Rlp.encodeLong(amount.value())));
    }

    public static byte[] rlpList(List<Withdrawal> withdrawals) {
        return Rlp.encodeList(withdrawals.stream().map(Withdrawal::rlp).toList());
    }
}
