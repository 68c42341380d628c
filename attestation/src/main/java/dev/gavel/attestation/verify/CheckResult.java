package dev.gavel.attestation.verify;

/** What one step concluded, and why. */
public record CheckResult(Check check, Outcome outcome, String reason) {
    public enum Outcome {
        PASS,
        FAIL,
        SKIPPED
    }

    static CheckResult pass(Check check, String reason) {
        return new CheckResult(check, Outcome.PASS, reason);
    }

    static CheckResult fail(Check check, String reason) {
        return new CheckResult(check, Outcome.FAIL, reason);
    }

    static CheckResult skipped(Check check, String reason) {
        return new CheckResult(check, Outcome.SKIPPED, reason);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
