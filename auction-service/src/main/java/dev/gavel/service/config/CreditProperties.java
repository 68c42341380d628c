package dev.gavel.service.config;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Without a chain, the credit each builder is granted (wei, keyed by address:
 * {@code --gavel.credit.limits[0xabc…]=1000000000000000000}): what its bids may stand for at once, as its escrow
 * would with the BuilderHub. A builder without a limit here has none.
 */
@ConfigurationProperties("gavel.credit")
public record CreditProperties(@DefaultValue Map<String, BigInteger> limits) {
    Map<Address, Wei> byBuilder() {
        return limits.entrySet().stream()
                .collect(Collectors.toMap(e -> address(e.getKey()), e -> new Wei(e.getValue())));
    }

    private static Address address(String key) {
        try {
            return Address.fromHex(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gavel.credit.limits: " + key + " is not an address: " + e.getMessage());
        }
    }
}
