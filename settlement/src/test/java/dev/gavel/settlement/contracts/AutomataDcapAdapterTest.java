package dev.gavel.settlement.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.fixtures.Fixtures;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.Reverts;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * The Automata adapter reads the TD report where each of Automata's output layouts puts it, and refuses any other:
 * checked with the real op-rbuilder quote's report.
 */
class AutomataDcapAdapterTest {
    private static final byte[] QUOTE = Fixtures.bytes("tdx/op-rbuilder-test-quote.bin");
    private static AnvilChain chain;
    private static MockAutomataDcap automata;
    private static AutomataDcapAdapter adapter;

    @BeforeAll
    static void deploy() throws Exception {
        chain = AnvilChain.start();
        automata = MockAutomataDcap.deploy(chain.web3j(), chain.tx(chain.account(0)), chain.gas())
                .send();
        adapter = AutomataDcapAdapter.deploy(
                        chain.web3j(), chain.tx(chain.account(0)), chain.gas(), automata.getContractAddress())
                .send();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void theWorkloadIdAndReportDataComeFromTheTdReportInAutomatasV10Output() throws Exception {
        automata.setAnswer(true, v10Output(0)).send();

        assertOpRbuilderReport(verify());
    }

    @Test
    void theWorkloadIdAndReportDataComeFromTheTdReportInTheBodyTypeOutputOfLaterReleases() throws Exception {
        automata.setAnswer(true, bodyTypeOutput(4, 2, 1, 584)).send();
        assertOpRbuilderReport(verify());

        automata.setAnswer(true, bodyTypeOutput(5, 3, 0, 648)).send();
        assertOpRbuilderReport(verify());
    }

    @Test
    void anOutputOfAnUnknownVersionOrLayoutIsRefusedByName() throws Exception {
        String unknown = Reverts.selector("UnknownOutputVersion(uint16,bytes4)");
        byte[] v3 = v10Output(0);
        v3[1] = 3;
        automata.setAnswer(true, v3).send();
        assertThat(revert()).as("quote version 3 (SGX only)").startsWith(unknown);
        byte[] sgx = v10Output(0);
        sgx[5] = 0;
        automata.setAnswer(true, sgx).send();
        assertThat(revert()).as("v1.0 layout with an SGX tee").startsWith(unknown);
        automata.setAnswer(true, bodyTypeOutput(4, 1, 0, 584)).send();
        assertThat(revert()).as("an SGX enclave report body").startsWith(unknown);
        automata.setAnswer(true, bodyTypeOutput(4, 3, 0, 648)).send();
        assertThat(revert()).as("a TD 1.5 body in a v4 quote's output").startsWith(unknown);
        automata.setAnswer(true, bodyTypeOutput(4, 9, 0, 584)).send();
        assertThat(revert()).as("an unknown body type").startsWith(unknown);
    }

    @Test
    void failedOrShortOrOutdatedAttestationsAreRefused() throws Exception {
        automata.setAnswer(true, v10Output(4)).send();
        assertThat(revert()).startsWith(Reverts.selector("TcbStatusNotAccepted(uint8)"));
        automata.setAnswer(true, bodyTypeOutput(4, 2, 8, 584)).send();
        assertThat(revert()).as("TD relaunch advised").startsWith(Reverts.selector("TcbStatusNotAccepted(uint8)"));
        automata.setAnswer(false, new byte[] {1, 2, 3}).send();
        assertThat(revert()).startsWith(Reverts.selector("AttestationFailed(bytes)"));
        automata.setAnswer(true, Arrays.copyOf(v10Output(0), 100)).send();
        assertThat(revert()).startsWith(Reverts.selector("OutputTooShort(uint256)"));
        automata.setAnswer(true, Arrays.copyOf(bodyTypeOutput(5, 3, 0, 648), 11 + 600))
                .send();
        assertThat(revert()).as("a TD 1.5 body cut short").startsWith(Reverts.selector("OutputTooShort(uint256)"));
        automata.setAnswer(true, new byte[] {0, 4}).send();
        assertThat(revert()).startsWith(Reverts.selector("OutputTooShort(uint256)"));
    }

    private static void assertOpRbuilderReport(List<Type> result) {
        assertThat(Numeric.toHexString((byte[]) result.get(0).getValue()))
                .isEqualTo("0x952569f637f3f7e36cd8f5a7578ae4d03a1cb05ddaf33b35d3054464bb1c862e");
        assertThat(Numeric.toHexString((byte[]) result.get(1).getValue()))
                .isEqualTo(
                        "0x41ad2bc63a2059f9b623533d87fe99887d794847c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
                                + "00".repeat(12));
    }

    /** Automata's v1.0 output: u16 version ‖ bytes4 tee ‖ u8 tcbStatus ‖ bytes6 fmspc ‖ the TD report body. */
    private static byte[] v10Output(int tcbStatus) {
        byte[] output = new byte[13 + 584];
        output[1] = 4;
        output[5] = (byte) 0x81;
        output[6] = (byte) tcbStatus;
        System.arraycopy(QUOTE, 48, output, 13, 584);
        return output;
    }

    /**
     * The output of Automata's later releases: u16 version ‖ u16 quoteBodyType ‖ u8 tcbStatus ‖ bytes6 fmspc ‖
     * the TD report body ({@code bodyLength} bytes: the op-rbuilder report, padded for a TD 1.5 body), then an
     * ABI-encoded advisory list as Automata appends it.
     */
    private static byte[] bodyTypeOutput(int version, int bodyType, int tcbStatus, int bodyLength) {
        byte[] advisories = Numeric.hexStringToByteArray(new org.web3j.abi.DefaultFunctionEncoder()
                .encodeParameters(List.of(new org.web3j.abi.datatypes.DynamicArray<>(
                        org.web3j.abi.datatypes.Utf8String.class,
                        List.of(new org.web3j.abi.datatypes.Utf8String("INTEL-SA-00837"))))));
        byte[] output = new byte[11 + bodyLength + advisories.length];
        output[1] = (byte) version;
        output[3] = (byte) bodyType;
        output[4] = (byte) tcbStatus;
        System.arraycopy(QUOTE, 48, output, 11, 584);
        System.arraycopy(advisories, 0, output, 11 + bodyLength, advisories.length);
        return output;
    }

    private static Function verifyCall() {
        return new Function(
                "verify",
                List.of(new DynamicBytes(QUOTE), new DynamicBytes(new byte[0])),
                List.of(new TypeReference<Bytes32>() {}, new TypeReference<DynamicBytes>() {}));
    }

    private static List<Type> verify() throws Exception {
        String result = chain.web3j()
                .ethCall(
                        Transaction.createEthCallTransaction(
                                chain.account(0).getAddress(),
                                adapter.getContractAddress(),
                                FunctionEncoder.encode(verifyCall())),
                        DefaultBlockParameterName.LATEST)
                .send()
                .getValue();
        return FunctionReturnDecoder.decode(result, verifyCall().getOutputParameters());
    }

    private static String revert() throws Exception {
        return Reverts.revertData(
                chain.web3j(),
                chain.account(0).getAddress(),
                adapter.getContractAddress(),
                FunctionEncoder.encode(verifyCall()));
    }
}
