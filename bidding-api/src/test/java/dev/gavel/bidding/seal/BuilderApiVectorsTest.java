package dev.gavel.bidding.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.BidsQuery;
import dev.gavel.bidding.bid.BidsQuerySignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.BlockRlp;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.channel.ChannelChallenge;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.flashblocks.Flashblock;
import dev.gavel.bidding.flashblocks.FlashblockSignatures;
import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.rlp.RlpReader;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test vectors published in docs/builder-api.md, recomputed: a builder who reproduces them in any language
 * seals and signs exactly as Gavel opens and checks.
 */
class BuilderApiVectorsTest {
    private static final Pattern VECTORS = Pattern.compile("```json header-v2-vectors\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern BINARY_VECTORS =
            Pattern.compile("```json binary-frame-vectors\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FLASHBLOCK_VECTOR =
            Pattern.compile("```json flashblock-signature-vector\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LOGIN_VECTOR =
            Pattern.compile("```json channel-login-vector\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern BLOCK_VECTOR = Pattern.compile("```json block-hash-vector\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theHeaderV2VectorsOfTheBuilderApiDocumentHold() throws Exception {
        JsonNode vector = WireJson.MAPPER.readTree(block(VECTORS));
        JsonNode in = vector.get("inputs");
        JsonNode out = vector.get("outputs");
        AuctionKeyPair auctionKey =
                AuctionKeyPair.fromPrivateKey(in.get("keyId").asInt(), hex(in.get("auctionPrivateKey")));
        ECKeyPair builderKey = ECKeyPair.create(new BigInteger(1, hex(in.get("builderPrivateKey"))));
        Eip712Domain domain = Eip712Domain.gavel(
                in.get("chainId").asLong(),
                Address.fromHex(in.get("verifyingContract").asString()));
        HeaderSignatures headers = new HeaderSignatures(domain);
        Bid bid = new Bid(
                BlockNumber.of(in.get("blockNumber").asLong()),
                Hash32.fromHex(in.get("parentHash").asString()),
                Hash32.fromHex(in.get("blockHash").asString()),
                Wei.of(in.get("value").asLong()),
                Secp256k1.address(builderKey));
        RoundReference round = new RoundReference.ByPayloadId(
                PayloadId.fromHex(in.get("payloadId").asString()));
        byte[] plaintext = hex(in.get("plaintext"));

        SealedBid sealed = new BidSealer(auctionKey.publicKey(), headers)
                .sealWithEphemeralIkm(plaintext, bid, round, builderKey, hex(in.get("ephemeralIkm")));

        assertThat(Secp256k1.address(builderKey).toHex())
                .isEqualTo(out.get("builder").asString());
        assertThat(auctionKey.publicKey().publicKey().toHex())
                .isEqualTo(out.get("auctionPublicKey").asString());
        assertThat(domain.separator().toHex())
                .isEqualTo(out.get("domainSeparator").asString());
        assertThat(sealed.header().toHex()).isEqualTo(out.get("header").asString());
        assertThat(headers.digest(sealed.header().toArray()).toHex())
                .isEqualTo(out.get("headerDigest").asString());
        assertThat(sealed.headerSignature().toHex())
                .isEqualTo(out.get("headerSignature").asString());
        assertThat(sealed.ciphertext().toHex()).isEqualTo(out.get("ciphertext").asString());
        assertThat(WireJson.MAPPER.readTree(WireJson.write(sealed))).isEqualTo(out.get("body"));
        assertThat(new BidOpener(auctionKey).open(BidHeader.decode(sealed.header()), sealed))
                .isEqualTo(plaintext);
        BidSignatures bids = new BidSignatures(domain);
        assertThat(bids.digest(bid).toHex()).isEqualTo(out.get("bidDigest").asString());
        assertThat(bids.sign(bid, builderKey).signature().toHex())
                .isEqualTo(out.get("bidSignature").asString());
        JsonNode asked = in.get("bidsQuery");
        BidsQuery query = new BidsQuery(
                bid.builder(),
                BlockNumber.of(asked.get("fromBlock").asLong()),
                BlockNumber.of(asked.get("toBlock").asLong()),
                asked.get("expires").asLong());
        BidsQuerySignatures queries = new BidsQuerySignatures(domain);
        assertThat(queries.digest(query).toHex())
                .isEqualTo(out.get("queryDigest").asString());
        assertThat(queries.sign(query, builderKey).toHex())
                .isEqualTo(out.get("querySignature").asString());
        assertThat(queries.digest(query))
                .as("a query's digest is never a bid's or a header's")
                .isNotEqualTo(bids.digest(bid))
                .isNotEqualTo(headers.digest(sealed.header().toArray()));
    }

    @Test
    void theBinaryFrameVectorsOfTheBuilderApiDocumentHold() throws Exception {
        JsonNode vector = WireJson.MAPPER.readTree(block(BINARY_VECTORS));
        JsonNode in = vector.get("inputs");
        AuctionKeyPair auctionKey =
                AuctionKeyPair.fromPrivateKey(in.get("keyId").asInt(), hex(in.get("auctionPrivateKey")));
        ECKeyPair builderKey = ECKeyPair.create(new BigInteger(1, hex(in.get("builderPrivateKey"))));
        Eip712Domain domain = Eip712Domain.gavel(
                in.get("chainId").asLong(),
                Address.fromHex(in.get("verifyingContract").asString()));
        byte[] block = hex(in.get("block"));
        Wei blockValue = Wei.of(in.get("blockValue").asLong());
        ExecutionPayloadEnvelope envelope = BlockRlp.decode(new RlpReader(block), blockValue);
        ExecutionPayload payload = envelope.executionPayload();
        Bid bid = new Bid(
                payload.blockNumber(),
                payload.parentHash(),
                payload.blockHash(),
                Wei.of(in.get("value").asLong()),
                Secp256k1.address(builderKey));
        BidSignatures signatures = new BidSignatures(domain);
        BidSubmission submission = new BidSubmission(signatures.sign(bid, builderKey), envelope);
        byte[] plaintext = SubmissionRlp.encode(submission);
        SealedBid sealed = new BidSealer(auctionKey.publicKey(), new HeaderSignatures(domain))
                .sealWithEphemeralIkm(
                        plaintext,
                        bid,
                        new RoundReference.ByPayloadId(
                                PayloadId.fromHex(in.get("payloadId").asString())),
                        builderKey,
                        hex(in.get("ephemeralIkm")));
        ObjectNode computed = WireJson.MAPPER.createObjectNode();
        computed.put("blockHash", payload.blockHash().toHex());
        computed.put("blockNumber", payload.blockNumber().value());
        computed.put("parentHash", payload.parentHash().toHex());
        computed.put("bidDigest", signatures.digest(bid).toHex());
        computed.put("bidSignature", submission.bid().signature().toHex());
        computed.put("plaintext", Hex.encode(plaintext));
        computed.put("header", sealed.header().toHex());
        computed.put("headerSignature", sealed.headerSignature().toHex());
        computed.put("body", Hex.encode(sealed.toFrame()));

        assertThat(Hex.encode(plaintext))
                .as("the block travels as given, inside the plaintext")
                .contains(Hex.encode(block).substring(2));
        assertThat(WireJson.MAPPER.readTree(computed.toString())).isEqualTo(vector.get("outputs"));
        byte[] frame = sealed.toFrame();
        byte[] opened = new BidOpener(auctionKey)
                .open(
                        BidHeader.decode(sealed.header()),
                        sealed.header().toArray(),
                        frame,
                        SealedBid.FRAME_PREFIX_BYTES,
                        frame.length - SealedBid.FRAME_PREFIX_BYTES);
        assertThat(SubmissionRlp.decode(opened)).isEqualTo(submission);
    }

    @Test
    void theBlockHashVectorHolds() throws Exception {
        JsonNode vector = WireJson.MAPPER.readTree(block(BLOCK_VECTOR));
        ExecutionPayload payload = WireJson.MAPPER.treeToValue(vector.get("executionPayload"), ExecutionPayload.class);

        assertThat(BlockHashes.compute(
                                payload,
                                Hash32.fromHex(
                                        vector.get("parentBeaconBlockRoot").asString()),
                                List.of(),
                                ChainFamily.OP_STACK)
                        .toHex())
                .isEqualTo(vector.get("blockHash").asString());
    }

    /** The winner's signature over a flashblock's text. */
    @Test
    void theFlashblockSignatureVector() throws Exception {
        JsonNode vector = WireJson.MAPPER.readTree(block(FLASHBLOCK_VECTOR));
        ECKeyPair key = ECKeyPair.create(Hex.decode(vector.get("secretKey").asString()));
        FlashblockSignatures signatures = new FlashblockSignatures(Eip712Domain.gavel(
                vector.get("chainId").asLong(),
                Address.fromHex(vector.get("verifyingContract").asString())));
        byte[] json = vector.get("flashblock").asString().getBytes(StandardCharsets.UTF_8);
        Flashblock flashblock = WireJson.readStrict(json, Flashblock.class);
        BlockNumber blockNumber = BlockNumber.of(vector.get("blockNumber").asLong());

        assertThat(flashblock.payloadId().toHex())
                .isEqualTo(vector.get("payloadId").asString());
        assertThat(flashblock.index()).isEqualTo(vector.get("index").asLong());
        assertThat(flashblock.diff().blockHash().toHex())
                .isEqualTo(vector.get("blockHash").asString());
        assertThat(signatures.digest(blockNumber, flashblock, json).toHex())
                .isEqualTo(vector.get("digest").asString());
        BidSignature signature = signatures.sign(blockNumber, flashblock, json, key);
        assertThat(signature.toHex()).isEqualTo(vector.get("signature").asString());
        SignedFlashblock read = SignedFlashblock.fromFrame(new SignedFlashblock(signature, json, flashblock).toFrame());
        assertThat(signatures.recover(read, blockNumber)).isEqualTo(Secp256k1.address(key));
    }

    @Test
    void channelLoginVectorRecomputes() throws IOException {
        JsonNode vector = WireJson.MAPPER.readTree(block(LOGIN_VECTOR));
        JsonNode in = vector.get("inputs");
        ECKeyPair builderKey = ECKeyPair.create(new BigInteger(1, hex(in.get("builderPrivateKey"))));
        Address builder = Secp256k1.address(builderKey);
        ChannelChallenge challenge = new ChannelChallenge(
                Hash32.fromHex(in.get("nonce").asString()),
                in.get("issuedAt").asLong(),
                in.get("auctionKeyId").asInt());
        ChannelLogins logins = new ChannelLogins(Eip712Domain.gavel(
                in.get("chainId").asLong(),
                Address.fromHex(in.get("verifyingContract").asString())));
        JsonNode out = vector.get("outputs");

        assertThat(builder.toHex()).isEqualTo(out.get("builder").asString());
        assertThat(logins.digest(challenge, builder).toHex())
                .isEqualTo(out.get("digest").asString());
        assertThat(logins.sign(challenge, builder, builderKey).toHex())
                .isEqualTo(out.get("signature").asString());
    }

    private static String block(Pattern pattern) throws IOException {
        Path document = Path.of("").toAbsolutePath().getParent().resolve("docs/builder-api.md");
        Matcher matcher = pattern.matcher(Files.readString(document));
        assertThat(matcher.find()).as(pattern + " in " + document).isTrue();
        return matcher.group(1);
    }

    private static byte[] hex(JsonNode node) {
        return Hex.decode(node.asString());
    }
}
