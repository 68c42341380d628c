package dev.gavel.service.config;

import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Settings bind to Gavel's value types: addresses, wei (decimal, or a 0x quantity), block numbers, auction
 * formats, workload ids (hex, 0x optional), TCB statuses (Intel's names). An empty value is no value. A value that is not one fails start-up;
 * Spring's binder names the property, and the reason says what was expected.
 */
@Configuration(proxyBeanMethods = false)
class ValueConverters {
    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter addressSetting() {
        return new Setting<>(Address.class, "an address (0x and 40 hex digits)", false, Address::fromHex);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter weiSetting() {
        return new Setting<>(Wei.class, "an amount of wei (a uint256)", true, ValueConverters::wei);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter blockNumberSetting() {
        return new Setting<>(BlockNumber.class, "a block number", true, ValueConverters::blockNumber);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter auctionFormatSetting() {
        return new Setting<>(AuctionFormat.class, "an auction format", false, AuctionFormat::named);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter workloadIdSetting() {
        return new Setting<>(
                WorkloadId.class,
                "a workload id (32 bytes of hex)",
                false,
                text -> new WorkloadId(Hash32.of(Hex.decodeOptionalPrefix(text))));
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter tcbStatusSetting() {
        return new Setting<>(
                TcbStatus.class,
                "a TCB status as Intel names it (UpToDate, SWHardeningNeeded, …)",
                false,
                TcbStatus::named);
    }

    private static Wei wei(String text) {
        return text.startsWith("0x") ? Wei.fromHex(text) : new Wei(new BigInteger(text));
    }

    private static BlockNumber blockNumber(String text) {
        return text.startsWith("0x") ? BlockNumber.fromHex(text) : BlockNumber.of(Long.parseLong(text));
    }

    /** One value type read from its text (or, for numbers, from a number in YAML or JSON). */
    private record Setting<T>(Class<T> type, String expected, boolean numeric, Function<String, T> parse)
            implements GenericConverter {
        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return numeric
                    ? Set.of(new ConvertiblePair(String.class, type), new ConvertiblePair(Number.class, type))
                    : Set.of(new ConvertiblePair(String.class, type));
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            if (source == null) {
                return null;
            }
            String text = source.toString().strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not " + expected + ": " + e.getMessage(), e);
            }
        }
    }
}
