package dev.gavel.service.data;

import dev.gavel.db.data.DataQuery;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A data API request's query string, checked as a hostile one: only the parameters the route names, each at most
 * once and at most {@link #MAX_VALUE} characters, block numbers in decimal, a builder's address, ISO-8601 times,
 * ranges that are not empty, a limit within bounds, a state the table knows. Anything else is a {@link DataRefusal}
 * naming the parameter and what was expected.
 */
final class DataParameters {
    static final int MAX_VALUE = 160;
    private static final Pattern BLOCK = Pattern.compile("[0-9]{1,18}");

    private final Map<String, List<String>> values;

    private DataParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** {@code allowed}: the parameters this route takes besides {@code format}. */
    static DataParameters of(Map<String, List<String>> query, Set<String> allowed) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!allowed.contains(name) && !name.equals("format")) {
                throw new DataRefusal(
                        DataError.UNKNOWN_PARAMETER,
                        "unknown parameter '" + shown(name) + "'; this route takes "
                                + String.join(", ", allowed.stream().sorted().toList()) + " and format");
            }
            if (parameter.getValue().size() > 1) {
                throw new DataRefusal(DataError.REPEATED_PARAMETER, "parameter '" + name + "' is given more than once");
            }
            String value = parameter.getValue().getFirst();
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
                throw new DataRefusal(
                        DataError.INVALID_PARAMETER,
                        "parameter '" + name + "' must have a value of 1 to " + MAX_VALUE + " characters");
            }
        }
        return new DataParameters(query);
    }

    Optional<String> text(String name) {
        List<String> given = values.get(name);
        return given == null ? Optional.empty() : Optional.of(given.getFirst());
    }

    Optional<BlockNumber> block(String name) {
        return text(name).map(value -> {
            if (!BLOCK.matcher(value).matches()) {
                throw invalid(name, "a block number (decimal)", value);
            }
            return BlockNumber.of(Long.parseLong(value));
        });
    }

    Optional<Address> address(String name) {
        return text(name).map(value -> {
            try {
                return Address.fromHex(value);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "an address (0x and 40 hex digits)", value);
            }
        });
    }

    Optional<Instant> time(String name) {
        return text(name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(name, "an ISO-8601 time in UTC such as 2026-11-29T20:00:00Z", value);
            }
        });
    }

    Optional<Long> unixSeconds(String name) {
        return text(name).map(value -> {
            if (!BLOCK.matcher(value).matches()) {
                throw invalid(name, "a time in Unix seconds", value);
            }
            return Long.parseLong(value);
        });
    }

    Optional<String> oneOf(String name, Set<String> states) {
        return text(name).map(value -> {
            if (!states.contains(value)) {
                throw invalid(
                        name,
                        "one of " + String.join(", ", states.stream().sorted().toList()),
                        value);
            }
            return value;
        });
    }

    int limit(int defaultLimit, int maxLimit) {
        return text("limit")
                .map(value -> {
                    if (!BLOCK.matcher(value).matches()
                            || Long.parseLong(value) < 1
                            || Long.parseLong(value) > maxLimit) {
                        throw new DataRefusal(
                                DataError.INVALID_LIMIT,
                                "limit must be a whole number from 1 to " + maxLimit + ", got '" + shown(value) + "'");
                    }
                    return Integer.parseInt(value);
                })
                .orElse(defaultLimit);
    }

    /** The filters common to the tables; {@code states}: the values {@code state} may take (empty: no state). */
    DataQuery query(Set<String> states, int defaultLimit, int maxLimit) {
        Optional<BlockNumber> fromBlock = block("fromBlock");
        Optional<BlockNumber> toBlock = block("toBlock");
        if (fromBlock.isPresent()
                && toBlock.isPresent()
                && fromBlock.get().value() > toBlock.get().value()) {
            throw new DataRefusal(
                    DataError.INVALID_RANGE,
                    "fromBlock (" + fromBlock.get().value() + ") is after toBlock ("
                            + toBlock.get().value() + ")");
        }
        Optional<Instant> from = time("from");
        Optional<Instant> to = time("to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new DataRefusal(
                    DataError.INVALID_RANGE, "from (" + from.get() + ") is not before to (" + to.get() + ")");
        }
        return new DataQuery(
                fromBlock,
                toBlock,
                address("builder"),
                from,
                to,
                oneOf("state", states),
                limit(defaultLimit, maxLimit),
                text("cursor"));
    }

    private static DataRefusal invalid(String name, String expected, String value) {
        return new DataRefusal(
                DataError.INVALID_PARAMETER, name + " must be " + expected + ", got '" + shown(value) + "'");
    }

    /** A value as it may be echoed back: printable ASCII only, at most 64 characters. */
    private static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
