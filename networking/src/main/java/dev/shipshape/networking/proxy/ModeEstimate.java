package dev.shipshape.networking.proxy;

/**
 * What one kube-proxy mode costs for a {@link ServiceLoad}.
 *
 * @param mode the mode
 * @param kernelObjects rules (iptables, nftables) or virtual plus real servers (IPVS) kube-proxy keeps
 * @param firstPacketLookups rule matches the first packet of a connection goes through to find its Service, on
 *     average
 * @param fullSyncWrites objects rewritten by one full resync
 */
public record ModeEstimate(ProxyMode mode, long kernelObjects, long firstPacketLookups, long fullSyncWrites) {}
