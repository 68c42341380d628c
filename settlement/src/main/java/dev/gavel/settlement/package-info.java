/**
 * Onchain settlement: the BuilderHub and AuctionSettlement contracts compiled from source, their web3j
 * wrappers, the chain mirror and the settlement batcher. Filled by the contracts and settlement issues.
 */
package dev.gavel.settlement;
