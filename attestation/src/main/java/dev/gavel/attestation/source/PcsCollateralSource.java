package dev.gavel.attestation.source;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.CollateralDocument;
import dev.gavel.attestation.collateral.QeIdentity;
import dev.gavel.attestation.collateral.TcbInfo;
import dev.gavel.attestation.pki.CertificateRole;
import dev.gavel.attestation.pki.ChainVerifier;
import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collateral fetched from Intel's PCS (or a PCCS) for the platforms of the builders' quotes, kept in a {@link
 * CollateralStore}, refreshed before it goes stale, and used for a stated grace period while the PCS cannot be
 * reached.
 *
 * <p>Each document (the Root CA CRL, the TD QE identity, each PCK CA's CRL, each FMSPC's TCB info) is on its
 * own clock. It is <b>due</b> for a refresh {@link Rules#maxAge} after it was fetched (Intel publishes a TCB
 * recovery before the old collateral's nextUpdate) or {@link Rules#refreshMargin} before its nextUpdate,
 * whichever comes first. A fetched document replaces the held one only if it is genuine (signed under the
 * pinned root, by a signer in its role and unrevoked, current, for the FMSPC or CA asked) and not older than
 * the held one (no rollback to collateral a TCB recovery replaced); otherwise, or when the PCS does not
 * answer, the held one stays. It stays <b>usable</b> until its nextUpdate or {@link Rules#gracePeriod} past
 * its due time, whichever comes first; after that the platforms that need it get no collateral, so no quote of
 * theirs is accepted, and the source reports STOPPED. Nothing is fetched for a platform no quote needs.
 */
public final class PcsCollateralSource implements CollateralSource {
    private static final Logger log = LoggerFactory.getLogger(PcsCollateralSource.class);

    private final PcsClient client;
    private final CollateralStore store;
    private final TrustAnchor anchor;
    private final ChainVerifier chains;
    private final Clock clock;
    private final Rules rules;
    private final Map<PcsDocument.Id, PcsDocument> held = new HashMap<>();
    private final Map<PcsDocument.Id, String> errors = new HashMap<>();
    private final Set<PcsDocument.Id> unknownToThePcs = new HashSet<>();
    private final Set<PcsDocument.Id> unusable = new HashSet<>();
    private boolean loaded;

    /**
     * When collateral is fetched again, and how long the last good one is used when it cannot be.
     *
     * @param maxAge a document fetched this long ago is due for a refresh
     * @param refreshMargin a document this close to its nextUpdate is due for a refresh
     * @param gracePeriod how long past its due time a document that could not be refreshed is still used
     */
    public record Rules(Duration maxAge, Duration refreshMargin, Duration gracePeriod) {
        public Rules {
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("the collateral's max age must be positive, not " + maxAge);
            }
            if (refreshMargin.isNegative() || gracePeriod.isNegative()) {
                throw new IllegalArgumentException("the refresh margin and the grace period are never negative");
            }
        }

        /** When {@code document} is due for a refresh. */
        Instant refreshAt(PcsDocument document) {
            Instant byAge = document.fetchedAt().plus(maxAge);
            Instant byExpiry = document.nextUpdate().minus(refreshMargin);
            return byAge.isBefore(byExpiry) ? byAge : byExpiry;
        }

        /** Until when {@code document} is used: its nextUpdate, or the grace period past its due time. */
        Instant usableUntil(PcsDocument document) {
            Instant graceEnds = refreshAt(document).plus(gracePeriod);
            return graceEnds.isBefore(document.nextUpdate()) ? graceEnds : document.nextUpdate();
        }
    }

    public PcsCollateralSource(PcsClient client, CollateralStore store, TrustAnchor anchor, Clock clock, Rules rules) {
        this.client = client;
        this.store = store;
        this.anchor = anchor;
        this.chains = new ChainVerifier(anchor);
        this.clock = clock;
        this.rules = rules;
    }

    @Override
    public synchronized CollateralSet refresh(Set<Platform> platforms) {
        Instant now = clock.instant();
        loadOnce();
        List<PcsDocument.Id> needed = needed(platforms);
        for (PcsDocument.Id id : needed) {
            PcsDocument current = held.get(id);
            if (current == null || !now.isBefore(rules.refreshAt(current))) {
                fetch(id, now);
            }
        }
        Map<Platform, Collateral> collateral = new HashMap<>();
        for (Platform platform : platforms) {
            assemble(platform, now).ifPresent(c -> collateral.put(platform, c));
        }
        return new CollateralSet(platform -> Optional.ofNullable(collateral.get(platform)), health(needed, now));
    }

    /** What the platforms need, in the order it is fetched: the Root CA CRL first (it vets the other signers). */
    private static List<PcsDocument.Id> needed(Set<Platform> platforms) {
        List<PcsDocument.Id> ids = new ArrayList<>();
        if (platforms.isEmpty()) {
            return ids;
        }
        ids.add(PcsDocument.Id.ROOT_CRL);
        platforms.stream().map(Platform::ca).distinct().sorted().forEach(ca -> ids.add(PcsDocument.Id.pckCrl(ca)));
        ids.add(PcsDocument.Id.QE_IDENTITY);
        platforms.stream()
                .map(PcsDocument.Id::tcbInfo)
                .distinct()
                .sorted((a, b) -> a.key().compareTo(b.key()))
                .forEach(ids::add);
        return ids;
    }

    private void loadOnce() {
        if (loaded) {
            return;
        }
        try {
            for (PcsDocument document : store.load()) {
                held.put(document.id(), document);
            }
            loaded = true;
            if (!held.isEmpty()) {
                log.info("collateral store holds {} PCS document(s): {}", held.size(), held.keySet());
            }
        } catch (CollateralStoreException e) {
            log.warn("the collateral store cannot be read ({}); fetching from the PCS", e.getMessage());
        }
    }

    private void fetch(PcsDocument.Id id, Instant now) {
        try {
            PcsDocument fetched = vet(id, now);
            PcsDocument current = held.get(id);
            if (current != null && fetched.issuedAt().isBefore(current.issuedAt())) {
                throw new IOException("the PCS served a " + id + " issued " + fetched.issuedAt()
                        + ", older than the one held (issued " + current.issuedAt() + ")");
            }
            if (current != null
                    && fetched.tcbEvaluationDataNumber() != null
                    && current.tcbEvaluationDataNumber() != null
                    && fetched.tcbEvaluationDataNumber() < current.tcbEvaluationDataNumber()) {
                throw new IOException("the PCS served a " + id + " of tcbEvaluationDataNumber "
                        + fetched.tcbEvaluationDataNumber() + ", below the held one's "
                        + current.tcbEvaluationDataNumber());
            }
            held.put(id, fetched);
            errors.remove(id);
            unknownToThePcs.remove(id);
            if (unusable.remove(id)) {
                log.info("{} is usable again (next update {})", id, fetched.nextUpdate());
            }
            try {
                store.save(fetched);
            } catch (CollateralStoreException e) {
                log.warn("{} could not be stored ({}); it is used from memory", id, e.getMessage());
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            errors.put(id, e.getMessage());
            if (e instanceof PcsClient.NotFound) {
                unknownToThePcs.add(id);
            } else {
                unknownToThePcs.remove(id);
            }
            PcsDocument current = held.get(id);
            log.warn(
                    "{} could not be refreshed ({}); {}",
                    id,
                    e.getMessage(),
                    current == null ? "none is held" : "the held one is used until " + rules.usableUntil(current));
        }
    }

    /** Fetches {@code id} and checks it is genuine and current, or throws why not. */
    private PcsDocument vet(PcsDocument.Id id, Instant now) throws IOException, GeneralSecurityException {
        return switch (id.kind()) {
            case ROOT_CRL -> {
                PcsClient.Fetched fetched = client.rootCrl();
                X509CRL crl = Collateral.crl(fetched.body());
                require(ChainVerifier.crlProblem(crl, anchor.root(), now));
                yield crlDocument(id, fetched, crl, now);
            }
            case PCK_CRL -> {
                Platform.PckCa ca = Platform.PckCa.named(id.key());
                PcsClient.Fetched fetched = client.pckCrl(ca);
                X509CRL crl = Collateral.crl(fetched.body());
                List<X509Certificate> chain = PemCertificates.parse(fetched.issuerChain());
                require(chains.caProblem(chain, now));
                require(chains.revocation(chain, now, rootCrl()));
                String issuer = CertificateRole.commonName(chain.get(0));
                if (chain.size() != 2
                        || !issuer.contains(ca == Platform.PckCa.PLATFORM ? "Platform CA" : "Processor CA")) {
                    throw new IOException(
                            "the PCK " + ca.pcsName() + " CRL's issuer chain starts with \"" + issuer + "\"");
                }
                require(ChainVerifier.crlProblem(crl, chain.get(0), now));
                yield crlDocument(id, fetched, crl, now);
            }
            case QE_IDENTITY -> {
                PcsClient.Fetched fetched = client.qeIdentity();
                CollateralDocument<QeIdentity> document = CollateralDocument.qeIdentity(fetched.body());
                require(document.signatureProblem(
                        PemCertificates.parse(fetched.issuerChain()), chains, now, rootCrl()));
                QeIdentity identity = document.body().orElseThrow();
                yield signedDocument(
                        id,
                        fetched,
                        identity.issueDate(),
                        identity.nextUpdate(),
                        identity.tcbEvaluationDataNumber(),
                        now);
            }
            case TCB_INFO -> {
                Bytes fmspc = Bytes.of(Hex.decodeWithoutPrefix(id.key()));
                PcsClient.Fetched fetched = client.tcbInfo(id.key());
                CollateralDocument<TcbInfo> document = CollateralDocument.tcbInfo(fetched.body());
                require(document.signatureProblem(
                        PemCertificates.parse(fetched.issuerChain()), chains, now, rootCrl()));
                TcbInfo info = document.body().orElseThrow();
                if (!info.fmspc().equals(fmspc)) {
                    throw new IOException("the PCS served the TCB info of FMSPC "
                            + Hex.encodeWithoutPrefix(info.fmspc().toArray()) + " for " + id);
                }
                yield signedDocument(
                        id, fetched, info.issueDate(), info.nextUpdate(), info.tcbEvaluationDataNumber(), now);
            }
        };
    }

    /** The held Root CA CRL, to check the other signers' chains against: required, as revocation fails closed. */
    private List<X509CRL> rootCrl() throws GeneralSecurityException {
        PcsDocument root = held.get(PcsDocument.Id.ROOT_CRL);
        return root == null ? List.of() : List.of(Collateral.crl(root.body().toArray()));
    }

    private static void require(Optional<String> problem) throws IOException {
        if (problem.isPresent()) {
            throw new IOException(problem.get());
        }
    }

    private static PcsDocument crlDocument(PcsDocument.Id id, PcsClient.Fetched fetched, X509CRL crl, Instant now) {
        return new PcsDocument(
                id.kind(),
                id.key(),
                Bytes.of(fetched.body()),
                fetched.issuerChain() == null ? Bytes.EMPTY : Bytes.of(fetched.issuerChain()),
                crl.getThisUpdate().toInstant(),
                crl.getNextUpdate().toInstant(),
                now,
                null);
    }

    private static PcsDocument signedDocument(
            PcsDocument.Id id,
            PcsClient.Fetched fetched,
            Instant issued,
            Instant nextUpdate,
            int tcbEvaluationDataNumber,
            Instant now)
            throws IOException {
        if (now.isBefore(issued) || !now.isBefore(nextUpdate)) {
            throw new IOException(
                    id + " issued " + issued + " is not current at " + now + " (next update " + nextUpdate + ")");
        }
        return new PcsDocument(
                id.kind(),
                id.key(),
                Bytes.of(fetched.body()),
                Bytes.of(fetched.issuerChain()),
                issued,
                nextUpdate,
                now,
                tcbEvaluationDataNumber);
    }

    /** The collateral of {@code platform}, if every document it needs is usable now. */
    private Optional<Collateral> assemble(Platform platform, Instant now) {
        PcsDocument tcbInfo = usable(PcsDocument.Id.tcbInfo(platform), now);
        PcsDocument qeIdentity = usable(PcsDocument.Id.QE_IDENTITY, now);
        PcsDocument rootCrl = usable(PcsDocument.Id.ROOT_CRL, now);
        PcsDocument pckCrl = usable(PcsDocument.Id.pckCrl(platform.ca()), now);
        if (tcbInfo == null || qeIdentity == null || rootCrl == null || pckCrl == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Collateral.fromPcsResponses(
                    tcbInfo.body().toArray(),
                    tcbInfo.issuerChain().toArray(),
                    qeIdentity.body().toArray(),
                    qeIdentity.issuerChain().toArray(),
                    List.of(rootCrl.body().toArray(), pckCrl.body().toArray())));
        } catch (GeneralSecurityException e) {
            log.warn("the held collateral of {} cannot be read: {}", platform, e.getMessage());
            return Optional.empty();
        }
    }

    private PcsDocument usable(PcsDocument.Id id, Instant now) {
        PcsDocument document = held.get(id);
        return document != null && now.isBefore(rules.usableUntil(document)) ? document : null;
    }

    private SourceHealth health(List<PcsDocument.Id> needed, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> stopped = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PcsDocument.Id id : needed) {
            PcsDocument document = held.get(id);
            Map<String, Object> detail = new LinkedHashMap<>();
            String state;
            if (document == null) {
                // an FMSPC the PCS does not know concerns only the builders of that platform, not the source
                state = id.kind() == PcsDocument.Kind.TCB_INFO && unknownToThePcs.contains(id)
                        ? "unknown to the PCS"
                        : "missing";
            } else {
                detail.put("fetchedAt", document.fetchedAt().toString());
                detail.put("issuedAt", document.issuedAt().toString());
                detail.put("nextUpdate", document.nextUpdate().toString());
                detail.put("refreshAt", rules.refreshAt(document).toString());
                detail.put("usableUntil", rules.usableUntil(document).toString());
                if (document.tcbEvaluationDataNumber() != null) {
                    detail.put("tcbEvaluationDataNumber", document.tcbEvaluationDataNumber());
                }
                state = usable(id, now) == null
                        ? "expired"
                        : now.isBefore(rules.refreshAt(document)) ? "current" : "stale";
            }
            detail.put("state", state);
            Optional.ofNullable(errors.get(id)).ifPresent(error -> detail.put("lastError", error));
            details.put(id.toString(), detail);
            switch (state) {
                case "missing", "expired" -> {
                    stopped.add(id.toString());
                    if (unusable.add(id)) {
                        log.error("{} is {}: quotes that need it are not accepted until it can be fetched", id, state);
                    }
                }
                case "stale" -> stale.add(id.toString());
                case "unknown to the PCS" -> unknown.add(id.toString());
                default -> {}
            }
        }
        if (!stopped.isEmpty()) {
            return new SourceHealth(
                    SourceHealth.State.STOPPED,
                    "no usable collateral for " + stopped + ": builders that need it are not admitted",
                    details);
        }
        if (!stale.isEmpty()) {
            return new SourceHealth(
                    SourceHealth.State.STALE,
                    "the PCS could not refresh " + stale + "; the last good collateral is used within its grace period",
                    details);
        }
        return new SourceHealth(
                SourceHealth.State.CURRENT,
                needed.isEmpty()
                        ? "no builder's platform needs collateral yet"
                        : unknown.isEmpty()
                                ? "collateral current"
                                : "collateral current; the PCS knows no " + unknown + " (those builders are refused)",
                details);
    }
}
