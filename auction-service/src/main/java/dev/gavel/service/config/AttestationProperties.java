package dev.gavel.service.config;

import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.workload.WorkloadId;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Admission by TDX attestation. With builders listed here, only those whose quotes verify (against the
 * collateral of their platform, under the acceptance policy), whose workload is approved and whose report data
 * binds their registration data may bid; the static allowlist is then not used. With a chain, Gavel verifies
 * the quote every hub builder registered with the same way (unless {@code verify-hub-quotes} is off, for
 * development without TDX). Collateral comes from {@code collateral-dir} when set (offline), else from the PCS
 * at {@code pcs.url}.
 */
@Validated
@ConfigurationProperties("gavel.attestation")
public record AttestationProperties(
        @DefaultValue List<Builder> builders,
        @DefaultValue List<WorkloadId> approvedWorkloads,
        Path collateralDir,
        @DefaultValue("1h") Duration refreshInterval,
        @DefaultValue({"UpToDate", "SWHardeningNeeded"}) List<TcbStatus> acceptedStatuses,
        @DefaultValue("30d") Duration maxCollateralAge,
        @DefaultValue("false") boolean allowDebug,
        @DefaultValue("0") @Min(0) int minTcbEvaluationDataNumber,
        @DefaultValue("true") boolean requireSeptVeDisable,
        @DefaultValue("true") boolean verifyHubQuotes,
        @DefaultValue Pcs pcs) {

    /** One candidate builder: its quote file and its registration data file (empty when absent). */
    public record Builder(String name, Path quoteFile, Path registrationDataFile) {}

    /**
     * Intel's PCS (or a PCCS with the same paths), when no collateral directory is set.
     *
     * @param url the PCS API v4 base URL
     * @param rootCrlUrl where the Intel SGX Root CA's CRL is (its CRL distribution point)
     * @param maxAge collateral fetched this long ago is fetched again (Intel publishes TCB recoveries early)
     * @param refreshMargin collateral this close to its nextUpdate is fetched again
     * @param gracePeriod how long past its refresh time collateral that could not be refreshed is still used;
     *     after it, builders of that platform are not admitted until the PCS answers again
     * @param timeout of each request
     */
    public record Pcs(
            @DefaultValue(INTEL_PCS) URI url,
            @DefaultValue(INTEL_ROOT_CRL) URI rootCrlUrl,
            @DefaultValue("24h") Duration maxAge,
            @DefaultValue("7d") Duration refreshMargin,
            @DefaultValue("48h") Duration gracePeriod,
            @DefaultValue("10s") Duration timeout) {
        static final String INTEL_PCS = "https://api.trustedservices.intel.com";
        static final String INTEL_ROOT_CRL = "https://certificates.trustedservices.intel.com/IntelSGXRootCA.der";

        public Pcs {
            requireHttp("gavel.attestation.pcs.url", url);
            requireHttp("gavel.attestation.pcs.root-crl-url", rootCrlUrl);
            if (maxAge.isNegative() || maxAge.isZero() || refreshMargin.isNegative() || gracePeriod.isNegative()) {
                throw new IllegalArgumentException("gavel.attestation.pcs.max-age must be positive, and "
                        + "gavel.attestation.pcs.refresh-margin and grace-period never negative");
            }
        }

        private static void requireHttp(String property, URI uri) {
            if (uri == null
                    || !uri.isAbsolute()
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(property + " must be an http(s) URL, not " + uri);
            }
        }
    }
}
