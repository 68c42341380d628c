package dev.gavel.bidding.trie;

import dev.gavel.bidding.primitives.Hash32;
import dev.gavel.bidding.rlp.Rlp;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The root of a Merkle-Patricia trie holding an ordered list, keyed by RLP(index): Ethereum's
 * transactionsRoot, withdrawalsRoot and receiptsRoot. Built in one pass over the sorted keys.
 */
public final class OrderedTrie {
    /** keccak256(RLP("")): the root of the empty trie. */
    public static final Hash32 EMPTY_ROOT = Hash32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    private static final int HASH_REFERENCE_THRESHOLD = 32;

    private OrderedTrie() {}

    /** The root of {@code values}, each stored under RLP(its index). */
    public static Hash32 root(List<byte[]> values) {
        if (values.isEmpty()) {
            return EMPTY_ROOT;
        }
        List<Entry> entries = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            entries.add(new Entry(nibbles(Rlp.encodeLong(i)), values.get(i)));
        }
        entries.sort((a, b) -> compare(a.key, b.key));
        return Hash32.of(Hash.sha3(node(entries, 0, entries.size(), 0)));
    }

    /** The RLP of the node holding entries [from, to), whose keys agree on their first {@code depth} nibbles. */
    private static byte[] node(List<Entry> entries, int from, int to, int depth) {
        if (to - from == 1) {
            Entry only = entries.get(from);
            return Rlp.encodeList(List.of(Rlp.encodeBytes(compact(only.key, depth, only.key.length, true)), Rlp.encodeBytes(only.value)));
        }
        int shared = sharedPrefix(entries, from, to, depth);
        if (shared > 0) {
            byte[] child = node(entries, from, to, depth + shared);
            return Rlp.encodeList(List.of(Rlp.encodeBytes(compact(entries.get(from).key, depth, depth + shared, false)), reference(child)));
        }
        List<byte[]> branch = new ArrayList<>(17);
        byte[] value = new byte[0];
        int start = from;
        if (entries.get(start).key.length == depth) {
            value = entries.get(start++).value;
        }
        for (int nibble = 0; nibble < 16; nibble++) {
            int end = start;
            while (end < to && entries.get(end).key[depth] == nibble) {
                end++;
            }
            branch.add(end == start ? Rlp.encodeBytes(new byte[0]) : reference(node(entries, start, end, depth + 1)));
            start = end;
        }
        branch.add(Rlp.encodeBytes(value));
        return Rlp.encodeList(branch);
    }

    /** A child is embedded when its RLP is shorter than 32 bytes, else referred to by its hash. */
    private static byte[] reference(byte[] child) {
        return child.length < HASH_REFERENCE_THRESHOLD ? child : Rlp.encodeBytes(Hash.sha3(child));
    }

    private static int sharedPrefix(List<Entry> entries, int from, int to, int depth) {
        byte[] first = entries.get(from).key;
        byte[] last = entries.get(to - 1).key; // sorted: what the first and last share, all share
        int shared = 0;
        while (depth + shared < first.length && depth + shared < last.length && first[depth + shared] == last[depth + shared]) {
            shared++;
        }
        return shared;
    }

    /** Hex-prefix encoding of nibbles [from, to) (yellow paper, appendix C). */
    private static byte[] compact(byte[] nibbles, int from, int to, boolean leaf) {
        int length = to - from;
        boolean odd = length % 2 == 1;
        byte[] out = new byte[length / 2 + 1];
        int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
        out[0] = (byte) (flag << 4);
        int i = from;
        if (odd) {
            out[0] |= nibbles[i++];
        }
        for (int o = 1; o < out.length; o++) {
            out[o] = (byte) ((nibbles[i] << 4) | nibbles[i + 1]);
            i += 2;
        }
        return out;
    }

    private static byte[] nibbles(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = (byte) ((bytes[i] >> 4) & 0xf);
            out[2 * i + 1] = (byte) (bytes[i] & 0xf);
        }
        return out;
    }

    private static int compare(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            if (a[i] != b[i]) {
                return Byte.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private record Entry(byte[] key, byte[] value) {}
}
