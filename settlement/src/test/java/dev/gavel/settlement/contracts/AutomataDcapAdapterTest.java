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

/** The Automata adapter reads the TD report where Automata's output puts it: checked with the real op-rbuilder quote. */
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
    void theWorkloadIdAndReportDataComeFromTheTdReportInAutomatasOutput() throws Exception {
        automata.setAnswer(true, output(0)).send();

        List<Type> result = verify();

        assertThat(Numeric.toHexString((byte[]) result.get(0).getValue()))
                .isEqualTo("0x952569f637f3f7e36cd8f5a7578ae4d03a1cb05ddaf33b35d3054464bb1c862e");
        assertThat(Numeric.toHexString((byte[]) result.get(1).getValue()))
                .isEqualTo(
                        "0x41ad2bc63a2059f9b623533d87fe99887d794847c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
                                + "00".repeat(12));
    }

    @Test
    void failedOrShortOrOutdatedAttestationsAreRefused() throws Exception {
        automata.setAnswer(true, output(4)).send();
        assertThat(revert()).startsWith(Reverts.selector("TcbStatusNotAccepted(uint8)"));
        automata.setAnswer(false, new byte[] {1, 2, 3}).send();
        assertThat(revert()).startsWith(Reverts.selector("AttestationFailed(bytes)"));
        automata.setAnswer(true, Arrays.copyOf(output(0), 100)).send();
        assertThat(revert()).startsWith(Reverts.selector("OutputTooShort(uint256)"));
    }

    /** Automata's v1.0 output: u16 version ‖ bytes4 tee ‖ u8 tcbStatus ‖ bytes6 fmspc ‖ the TD report body. */
    private static byte[] output(int tcbStatus) {
        byte[] output = new byte[13 + 584];
        output[1] = 4;
        output[5] = (byte) 0x81;
        output[6] = (byte) tcbStatus;
        System.arraycopy(QUOTE, 48, output, 13, 584);
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
