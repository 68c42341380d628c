package dev.gavel.attestation.source;

import dev.gavel.primitives.Bytes;
import java.time.Instant;

/**
 * One document fetched from the PCS, as served, with what deciding its refresh needs: a TCB info (keyed by its
 * FMSPC), the TD QE identity, a PCK CA's CRL (keyed by the CA) or the Root CA's CRL.
 *
 * @param issuerChain the PEM chain of the signer's issuer-chain header; empty for the Root CA's CRL
 * @param issuedAt the document's issueDate or the CRL's thisUpdate: a refresh never goes back before it
 * @param nextUpdate the document's or CRL's nextUpdate: verification refuses it after that
 * @param tcbEvaluationDataNumber of a TCB info or QE identity; null for a CRL
 */
public record PcsDocument(
        Kind kind,
        String key,
        Bytes body,
        Bytes issuerChain,
        Instant issuedAt,
        Instant nextUpdate,
        Instant fetchedAt,
        Integer tcbEvaluationDataNumber) {

    /** The documents of the PCS, by the name the store keeps them under. */
    public enum Kind {
        ROOT_CRL("root-crl"),
        PCK_CRL("pck-crl"),
        QE_IDENTITY("qe-identity"),
        TCB_INFO("tcb-info");

        private final String storedName;

        Kind(String storedName) {
            this.storedName = storedName;
        }

        public String storedName() {
            return storedName;
        }

        public static Kind stored(String name) {
            for (Kind kind : values()) {
                if (kind.storedName.equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no collateral document kind \"" + name + "\"");
        }
    }

    /** Which document: its kind and key (the FMSPC of a TCB info, the CA of a PCK CRL, else empty). */
    public record Id(Kind kind, String key) {
        public static final Id ROOT_CRL = new Id(Kind.ROOT_CRL, "");
        public static final Id QE_IDENTITY = new Id(Kind.QE_IDENTITY, "TD_QE");

        public static Id tcbInfo(Platform platform) {
            return new Id(Kind.TCB_INFO, platform.fmspcHex());
        }

        public static Id pckCrl(Platform.PckCa ca) {
            return new Id(Kind.PCK_CRL, ca.pcsName());
        }

        @Override
        public String toString() {
            return key.isEmpty() ? kind.storedName() : kind.storedName() + " " + key;
        }
    }

    public Id id() {
        return new Id(kind, key);
    }
}
