/**
 * TDX attestation: quote v4/v5 parsing, Intel DCAP verification against the pinned Intel SGX root,
 * workload ids and report-data binding. Filled by the attestation issue; the module exists now so the
 * module graph (bidding-api, then attestation and db, then settlement, then auction-service) is fixed.
 */
package dev.gavel.attestation;
