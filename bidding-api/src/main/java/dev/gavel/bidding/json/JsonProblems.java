package dev.gavel.bidding.json;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.ByteValue;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.Collection;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What is wrong with a JSON document, in the terms of the wire format: the field (as a path such as
 * {@code bid.parentHash}) and what it should have been. Never a Java or Jackson class name: the reader is a
 * builder or an operator of rollup-boost, who knows the JSON, not Gavel's code.
 */
public final class JsonProblems {
    /** A field's name, as {@code Objects.requireNonNull(value, "name")} reports it missing. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonProblems() {}

    public static String describe(Throwable problem) {
        String at = problem instanceof DatabindException databind ? path(databind) : "";
        Throwable cause = problem.getCause();
        if (problem instanceof StreamReadException read) {
            return "not valid JSON: " + read.getOriginalMessage() + location(read);
        }
        if (cause instanceof NullPointerException missing
                && missing.getMessage() != null
                && FIELD_NAME.matcher(missing.getMessage()).matches()) {
            return join(at, missing.getMessage()) + " is missing";
        }
        if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
            return prefixed(at, invalid.getMessage());
        }
        if (problem instanceof MismatchedInputException mismatch
                && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return "more than one JSON value: the document must end after its first one";
        }
        if (problem instanceof MismatchedInputException mismatch) {
            String expected = "expected " + kind(mismatch.getTargetType());
            return prefixed(
                    at, mismatch.getOriginalMessage().startsWith("No content") ? "empty; " + expected : expected);
        }
        if (problem instanceof JacksonException) {
            return prefixed(at, "not as the wire format has it");
        }
        if (problem instanceof NullPointerException missing) { // the JDK's own message would name Java code
            return missing.getMessage() != null
                            && FIELD_NAME.matcher(missing.getMessage()).matches()
                    ? missing.getMessage() + " is missing"
                    : "a required field is missing";
        }
        return problem.getMessage() == null ? "malformed" : problem.getMessage();
    }

    /** The field a databind problem is at, as {@code envelope.executionPayload.transactions[2]}. */
    private static String path(DatabindException problem) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : problem.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(StreamReadException problem) {
        return problem.getLocation() == null || problem.getLocation().getLineNr() < 0
                ? ""
                : " (line " + problem.getLocation().getLineNr() + ", column "
                        + problem.getLocation().getColumnNr() + ")";
    }

    /** What a value of {@code type} is written as on the wire. */
    private static String kind(Class<?> type) {
        if (type == null) {
            return "another JSON value";
        }
        if (ByteValue.class.isAssignableFrom(type)) {
            return "0x-hex data";
        }
        if (type == Quantity.class || type == BlockNumber.class || type == Wei.class) {
            return "a 0x-hex quantity";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type.isEnum() ? "one of the names it takes" : "an object";
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private static String prefixed(String at, String what) {
        return at.isEmpty() ? what : at + ": " + what;
    }
}
