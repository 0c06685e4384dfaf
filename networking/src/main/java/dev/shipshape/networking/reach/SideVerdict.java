package dev.shipshape.networking.reach;

import java.util.List;

/**
 * What one side of a connection allows: the source's egress or the destination's ingress.
 *
 * @param isolated whether any NetworkPolicy selects the pod for this direction; if none does, everything is allowed
 * @param selectingPolicies the policies that select it for this direction, {@code namespace/name}
 * @param matchingRules the rules of those policies that match the other end
 * @param allowed everything this side allows towards the other end
 */
public record SideVerdict(boolean isolated, List<String> selectingPolicies, List<RuleMatch> matchingRules,
    ConnectionSet allowed) {

  public SideVerdict {
    selectingPolicies = List.copyOf(selectingPolicies);
    matchingRules = List.copyOf(matchingRules);
  }

  /** A side that no policy governs, such as addresses outside the cluster. */
  public static SideVerdict open() {
    return new SideVerdict(false, List.of(), List.of(), ConnectionSet.ALL);
  }
}
