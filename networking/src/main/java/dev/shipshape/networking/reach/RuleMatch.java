package dev.shipshape.networking.reach;

/**
 * One NetworkPolicy rule that contributes to a connection.
 *
 * @param policy the policy, {@code namespace/name}
 * @param field where the rule sits, such as {@code spec.ingress[0]}
 * @param allowed what this rule allows for the pair in question
 */
public record RuleMatch(String policy, String field, ConnectionSet allowed) {

  @Override
  public String toString() {
    return "NetworkPolicy " + policy + " " + field + " allows " + allowed;
  }
}
