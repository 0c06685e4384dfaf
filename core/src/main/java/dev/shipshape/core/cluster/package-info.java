/**
 * Target profiles for managed and self-managed Kubernetes: what the provider owns (control plane, etcd, kube-proxy's
 * configuration), so that modules emit no object the provider overwrites and say what to set on the provider's
 * side instead; and the detection of the profile from a live cluster, checked against the spec's.
 */
package dev.shipshape.core.cluster;
