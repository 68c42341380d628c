package dev.gavel.service.config;

import dev.gavel.attestation.workload.WorkloadId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Admission by TDX attestation. With builders listed here, only those whose quotes verify (against the
 * collateral directory, under the acceptance policy), whose workload is approved and whose report data
 * binds their registration data may bid; the static allowlist is then not used.
 */
@Validated
@ConfigurationProperties("gavel.attestation")
public record AttestationProperties(
        @DefaultValue List<Builder> builders,
        @DefaultValue List<WorkloadId> approvedWorkloads,
        Path collateralDir,
        @DefaultValue("1h") Duration refreshInterval,
        @DefaultValue({"UpToDate", "SWHardeningNeeded"}) List<String> acceptedStatuses,
        @DefaultValue("30d") Duration maxCollateralAge,
        @DefaultValue("false") boolean allowDebug) {

    /** One candidate builder: its quote file and its registration data file (empty when absent). */
    public record Builder(String name, Path quoteFile, Path registrationDataFile) {}
}
