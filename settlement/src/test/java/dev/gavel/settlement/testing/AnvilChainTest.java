package dev.gavel.settlement.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnvilChainTest {
    @Test
    void theHarnessKeysAreAnvilsFundedAccountsOnAPragueChain() throws Exception {
        try (AnvilChain chain = AnvilChain.start()) {
            List<String> accounts = chain.web3j().ethAccounts().send().getAccounts();
            for (int i = 0; i < chain.accounts(); i++) {
                assertThat(accounts.get(i))
                        .isEqualToIgnoringCase(chain.account(i).getAddress());
            }
            assertThat(chain.web3j().ethChainId().send().getChainId())
                    .isEqualTo(BigInteger.valueOf(AnvilChain.CHAIN_ID));
            BigInteger before = chain.blockNumber();
            chain.mine(5);
            assertThat(chain.blockNumber()).isEqualTo(before.add(BigInteger.valueOf(5)));
            assertThat(chain.web3j()
                            .ethGetCode(
                                    "0x0000F90827F1C53a10cb7A02335B175320002935",
                                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                            .send()
                            .getCode())
                    .as("EIP-2935 history contract")
                    .hasSizeGreaterThan(2);
        }
    }
}
