/**
 * Shipshape networking: {@link dev.shipshape.networking.policy.NetworkPolicySet} writes NetworkPolicies from
 * intent, {@link dev.shipshape.networking.reach.ReachabilityAnalyzer} computes who can reach whom from manifests
 * or a cluster, and {@link dev.shipshape.networking.proxy.KubeProxyConfig} configures kube-proxy's mode, with
 * {@link dev.shipshape.networking.proxy.KubeProxyAdvisor} to choose one.
 */
package dev.shipshape.networking;
