package dev.gavel.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/** Settings bind to value types, and a bad one fails start-up naming its property. */
class ValueConvertersTest {
    private static final String ALICE = "0x" + "a1".repeat(20);
    private static final String BOB = "0x" + "B2".repeat(20);

    private final ApplicationContextRunner gavel =
            new ApplicationContextRunner().withUserConfiguration(ValueConverters.class, Settings.class);

    @Test
    void settingsBindToGavelsValueTypes() {
        gavel.withPropertyValues(
                        "gavel.auction.settlement-contract=" + ALICE,
                        "gavel.auction.builders=" + ALICE + "," + BOB,
                        "gavel.auction.policy.format=first-price",
                        "gavel.auction.policy.reserve-price=1000",
                        "gavel.auction.policy.min-builder-balance=0x10",
                        "gavel.chain.rpc-url=http://127.0.0.1:8545",
                        "gavel.chain.hub-address=" + ALICE,
                        "gavel.chain.settlement-address=" + BOB,
                        "gavel.chain.from-block=123",
                        "gavel.attestation.approved-workloads=" + "ab".repeat(32) + ",0x" + "cd".repeat(32))
                .run(context -> {
                    AuctionProperties auction = context.getBean(AuctionProperties.class);
                    assertThat(auction.settlementContract()).isEqualTo(Address.fromHex(ALICE));
                    assertThat(auction.builders()).containsExactly(Address.fromHex(ALICE), Address.fromHex(BOB));
                    assertThat(auction.policy().format()).isEqualTo(AuctionFormat.FIRST_PRICE);
                    assertThat(auction.policy().reservePrice()).isEqualTo(Wei.of(1_000));
                    assertThat(auction.policy().minBuilderBalance()).isEqualTo(Wei.of(16));
                    ChainProperties chain = context.getBean(ChainProperties.class);
                    assertThat(chain.hubAddress()).isEqualTo(Address.fromHex(ALICE));
                    assertThat(chain.fromBlock()).isEqualTo(BlockNumber.of(123));
                    assertThat(context.getBean(AttestationProperties.class).approvedWorkloads())
                            .containsExactly(
                                    new WorkloadId(Hash32.fromHex("0x" + "ab".repeat(32))),
                                    new WorkloadId(Hash32.fromHex("0x" + "cd".repeat(32))));
                });
    }

    @Test
    void theDefaultsBindToo() {
        gavel.run(context -> {
            AuctionProperties auction = context.getBean(AuctionProperties.class);
            assertThat(auction.settlementContract()).isEqualTo(Address.of(new byte[20]));
            assertThat(auction.policy().format()).isEqualTo(AuctionFormat.SECOND_PRICE);
            assertThat(auction.policy().reservePrice()).isEqualTo(Wei.ZERO);
            assertThat(context.getBean(ChainProperties.class).fromBlock()).isEqualTo(BlockNumber.of(0));
        });
    }

    @Test
    void numbersFromYamlOrJsonBindAsWellAsText() {
        gavel.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "json",
                                Map.of("gavel.chain.from-block", 42, "gavel.auction.policy.reserve-price", 7L))))
                .run(context -> {
                    assertThat(context.getBean(ChainProperties.class).fromBlock())
                            .isEqualTo(BlockNumber.of(42));
                    assertThat(context.getBean(AuctionProperties.class).policy().reservePrice())
                            .isEqualTo(Wei.of(7));
                });
    }

    @Test
    void aBadAddressFailsStartUpNamingThePropertyAndWhatWasExpected() {
        gavel.withPropertyValues("gavel.chain.hub-address=0x1234")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("Failed to bind properties under 'gavel.chain.hub-address'")
                        .hasStackTraceContaining("\"0x1234\" is not an address (0x and 40 hex digits)"));
    }

    @Test
    void aNegativeOrNonNumericAmountFailsStartUpNamingTheProperty() {
        gavel.withPropertyValues("gavel.auction.policy.reserve-price=-1")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("Failed to bind properties under 'gavel.auction.policy.reserve-price'")
                        .hasStackTraceContaining("\"-1\" is not an amount of wei"));
        gavel.withPropertyValues("gavel.auction.policy.min-builder-balance=lots")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining(
                                "Failed to bind properties under 'gavel.auction.policy.min-builder-balance'"));
    }

    @Test
    void anExAntePolicyFailsStartUpUntilGavelServesIt() {
        gavel.withPropertyValues("gavel.auction.policy.format=ex-ante")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("gavel.auction.policy.format ex-ante is not served yet"));
    }

    @Test
    void theAttestationPolicyAndThePcsAreSettings() {
        gavel.withPropertyValues(
                        "gavel.attestation.accepted-statuses=UpToDate",
                        "gavel.attestation.min-tcb-evaluation-data-number=17",
                        "gavel.attestation.require-sept-ve-disable=false",
                        "gavel.attestation.pcs.url=http://127.0.0.1:8081/pccs",
                        "gavel.attestation.pcs.grace-period=3d")
                .run(context -> {
                    AttestationProperties attestation = context.getBean(AttestationProperties.class);
                    assertThat(attestation.acceptedStatuses()).containsExactly(TcbStatus.UP_TO_DATE);
                    assertThat(attestation.minTcbEvaluationDataNumber()).isEqualTo(17);
                    assertThat(attestation.requireSeptVeDisable()).isFalse();
                    assertThat(attestation.verifyHubQuotes()).isTrue();
                    assertThat(attestation.pcs().url()).hasToString("http://127.0.0.1:8081/pccs");
                    assertThat(attestation.pcs().rootCrlUrl())
                            .hasToString("https://certificates.trustedservices.intel.com/IntelSGXRootCA.der");
                    assertThat(attestation.pcs().gracePeriod()).isEqualTo(Duration.ofDays(3));
                    assertThat(attestation.pcs().maxAge()).isEqualTo(Duration.ofHours(24));
                });
        gavel.run(context -> {
            AttestationProperties defaults = context.getBean(AttestationProperties.class);
            assertThat(defaults.acceptedStatuses())
                    .containsExactly(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED);
            assertThat(defaults.requireSeptVeDisable()).isTrue();
            assertThat(defaults.pcs().url()).hasToString("https://api.trustedservices.intel.com");
        });
    }

    @Test
    void anUnknownTcbStatusOrAPcsUrlThatIsNotHttpFailsStartUp() {
        gavel.withPropertyValues("gavel.attestation.accepted-statuses=UpToDate,Fine")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("gavel.attestation.accepted-statuses")
                        .hasStackTraceContaining("\"Fine\" is not a TCB status"));
        gavel.withPropertyValues("gavel.attestation.pcs.url=ftp://pcs.example")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("gavel.attestation.pcs.url must be an http(s) URL"));
    }

    @Test
    void anRpcUrlWithoutTheContractsFailsStartUp() {
        gavel.withPropertyValues("gavel.chain.rpc-url=http://127.0.0.1:8545")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("gavel.chain.hub-address and gavel.chain.settlement-address"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AuctionProperties.class, ChainProperties.class, AttestationProperties.class})
    static class Settings {}
}
