package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Who makes a request: a user name and the groups the authenticator put the user in. The factories add the groups
 * that the API server adds: {@code system:authenticated} for every authenticated user, and for ServiceAccounts
 * {@code system:serviceaccounts} and {@code system:serviceaccounts:<namespace>} ("Service account permissions" in
 * the RBAC documentation), as {@code kubectl --as} impersonation does.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Requester {
  static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
  static final String AUTHENTICATED = "system:authenticated";
  static final String UNAUTHENTICATED = "system:unauthenticated";
  /** The group the API server allows everything, before any authorizer ({@code user.SystemPrivilegedGroup}). */
  static final String PRIVILEGED_GROUP = "system:masters";

  @Value.Parameter
  public abstract String user();

  @Value.Parameter
  public abstract Set<String> groups();

  /**
   * A user in these groups, plus {@code system:authenticated} (unless {@code system:unauthenticated} is given). A
   * name of the form {@code system:serviceaccount:<ns>:<name>} is that ServiceAccount.
   */
  public static Requester user(String name, String... groups) {
    if (name.startsWith(SERVICE_ACCOUNT_PREFIX) && groups.length == 0) {
      String[] parts = name.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
      if (parts.length == 2) return serviceAccount(parts[0], parts[1]);
    }
    Set<String> all = new LinkedHashSet<>(List.of(groups));
    if (!all.contains(UNAUTHENTICATED)) all.add(AUTHENTICATED);
    return ImmutableRequester.of(name, all);
  }

  /** A ServiceAccount, in its three groups. */
  public static Requester serviceAccount(String namespace, String name) {
    return ImmutableRequester.of(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
  }

  /** An unauthenticated request: user {@code system:anonymous}, group {@code system:unauthenticated}. */
  public static Requester anonymous() {
    return ImmutableRequester.of("system:anonymous", List.of(UNAUTHENTICATED));
  }

  /** The requester a binding subject stands for; a group stands for a member with no other group. */
  public static Requester of(RbacSubject subject) {
    switch (subject.kind()) {
      case SERVICE_ACCOUNT:
        return serviceAccount(subject.namespace().orElse(""), subject.name());
      case GROUP:
        return user("", subject.name());
      default:
        return user(subject.name());
    }
  }

  /** True when a binding subject names this requester, its ServiceAccount or one of its groups. */
  public boolean matches(RbacSubject subject) {
    switch (subject.kind()) {
      case USER:
        return !user().isEmpty() && user().equals(subject.name());
      case GROUP:
        return groups().contains(subject.name());
      default:
        return user().equals(SERVICE_ACCOUNT_PREFIX + subject.namespace().orElse("") + ":" + subject.name());
    }
  }

  @Override
  public String toString() {
    return (user().isEmpty() ? "member" : user()) + " (groups " + String.join(", ", groups()) + ")";
  }
}
