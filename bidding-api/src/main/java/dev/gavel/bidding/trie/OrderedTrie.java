package dev.gavel.bidding.trie;

import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The root of a Merkle-Patricia trie holding an ordered list, keyed by RLP(index): Ethereum's
 * transactionsRoot, withdrawalsRoot and receiptsRoot. Built in one pass over the sorted keys. Leaves are
 * hashed by streaming their prefixes and value into one reused digest: the values (transactions) are
 * most of the bytes, and are never copied.
 */
public final class OrderedTrie {
    /** keccak256(RLP("")): the root of the empty trie. */
    public static final Hash32 EMPTY_ROOT =
            Hash32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    private static final int HASH_REFERENCE_THRESHOLD = 32;
    private static final byte[] EMPTY_STRING = Rlp.encodeBytes(new byte[0]);
    private static final byte HASH_PREFIX = (byte) (0x80 + 32);

    private final Keccak256 keccak = new Keccak256();

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
        entries.sort((a, b) -> Arrays.compare(a.key, b.key));
        OrderedTrie trie = new OrderedTrie();
        byte[][] rootNode = entries.size() == 1
                ? trie.leaf(entries.get(0), 0)
                : new byte[][] {trie.inner(entries, 0, entries.size(), 0)};
        return Hash32.of(trie.hash(rootNode));
    }

    /** How the parent refers to the node of entries [from, to): its RLP if shorter than 32 bytes, else its hash. */
    private byte[] reference(List<Entry> entries, int from, int to, int depth) {
        byte[][] parts =
                to - from == 1 ? leaf(entries.get(from), depth) : new byte[][] {inner(entries, from, to, depth)};
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        if (length < HASH_REFERENCE_THRESHOLD) {
            byte[] embedded = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, embedded, at, part.length);
                at += part.length;
            }
            return embedded;
        }
        byte[] reference = new byte[33];
        reference[0] = HASH_PREFIX;
        System.arraycopy(hash(parts), 0, reference, 1, 32);
        return reference;
    }

    /** A leaf's RLP, in parts: list prefix, key, value prefix, value (left uncopied). */
    private byte[][] leaf(Entry entry, int depth) {
        byte[] key = Rlp.encodeBytes(compact(entry.key, depth, entry.key.length, true));
        byte[] valuePrefix = Rlp.stringPrefix(entry.value);
        byte[] listPrefix = Rlp.listPrefix(key.length + valuePrefix.length + entry.value.length);
        return new byte[][] {listPrefix, key, valuePrefix, entry.value};
    }

    /** The RLP of a branch or extension node over entries [from, to), which agree on their first {@code depth} nibbles. */
    private byte[] inner(List<Entry> entries, int from, int to, int depth) {
        int shared = sharedPrefix(entries, from, to, depth);
        if (shared > 0) {
            byte[] path = Rlp.encodeBytes(compact(entries.get(from).key, depth, depth + shared, false));
            return Rlp.encodeList(List.of(path, reference(entries, from, to, depth + shared)));
        }
        List<byte[]> branch = new ArrayList<>(17);
        byte[] value = EMPTY_STRING;
        int start = from;
        if (entries.get(start).key.length == depth) {
            value = Rlp.encodeBytes(entries.get(start++).value);
        }
        for (int nibble = 0; nibble < 16; nibble++) {
            int end = start;
            while (end < to && entries.get(end).key[depth] == nibble) {
                end++;
            }
            branch.add(end == start ? EMPTY_STRING : reference(entries, start, end, depth + 1));
            start = end;
        }
        branch.add(value);
        return Rlp.encodeList(branch);
    }

    private byte[] hash(byte[][] parts) {
        for (byte[] part : parts) {
            keccak.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        keccak.digest(out, 0);
        return out;
    }

    private static int sharedPrefix(List<Entry> entries, int from, int to, int depth) {
        byte[] first = entries.get(from).key;
        byte[] last = entries.get(to - 1).key; // sorted: what the first and last share, all share
        int shared = 0;
        while (depth + shared < first.length
                && depth + shared < last.length
                && first[depth + shared] == last[depth + shared]) {
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

    private record Entry(byte[] key, byte[] value) {}
}
