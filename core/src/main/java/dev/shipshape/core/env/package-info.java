/**
 * Environments: one spec planned for several clusters ({@code laptop}, {@code staging}, {@code production}) with
 * typed overrides instead of copied YAML. An {@link dev.shipshape.core.env.Environment} is a name and a list of
 * {@link dev.shipshape.core.env.EnvironmentOverride}s; {@link dev.shipshape.core.env.Overrides} has the ones that
 * apply to any workload (replicas, container resources, storage classes, Ingress hosts), and domain modules add
 * their own (Pod Security level, mTLS mode, backup schedules, monitoring). {@link
 * dev.shipshape.core.env.EnvironmentDiff} shows exactly how two environments' plans differ.
 */
package dev.shipshape.core.env;
