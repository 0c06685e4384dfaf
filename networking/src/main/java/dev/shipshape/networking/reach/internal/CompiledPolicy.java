package dev.shipshape.networking.reach.internal;

import java.util.BitSet;
import java.util.List;

/**
 * A policy with the pod classes it selects and its compiled rules.
 *
 * @param model the policy
 * @param selected the pod classes its {@code podSelector} selects, in its own namespace
 * @param ingress its ingress rules
 * @param egress its egress rules
 */
record CompiledPolicy(PolicyModel model, BitSet selected, List<CompiledRule> ingress, List<CompiledRule> egress) {

  static CompiledPolicy of(PolicyModel model, ClassIndex index) {
    BitSet selected = index.narrow(index.inNamespace(model.namespace()), model.podSelector());
    return new CompiledPolicy(model, selected,
        model.ingressRules().stream().map(r -> new CompiledRule(model, r, "ingress", index)).toList(),
        model.egressRules().stream().map(r -> new CompiledRule(model, r, "egress", index)).toList());
  }
}
