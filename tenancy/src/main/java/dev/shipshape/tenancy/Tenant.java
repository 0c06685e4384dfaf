package dev.shipshape.tenancy;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.security.pss.PodSecurityProfile;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.RbacBinding;
import dev.shipshape.security.rbac.RbacProfile;
import dev.shipshape.security.rbac.RbacRole;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.Rule;
import dev.shipshape.tenancy.internal.TenantChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One tenant of a shared cluster: its Namespace (with the tenant label, the tenant's own labels and the Pod Security
 * labels), a ResourceQuota, a LimitRange giving containers default requests and limits, NetworkPolicies and the RBAC
 * roles and bindings of its teams. Every part has a default and can be replaced:
 *
 * <pre>{@code
 * Tenant.builder().name("team-a")
 *     .quota(Map.of("requests.cpu", "8", "requests.memory", "16Gi", "pods", "50"))
 *     .team(Persona.DEVELOPER, RbacSubject.group("team-a-devs"))
 *     .team(Persona.VIEWER, RbacSubject.group("auditors"))
 *     .build();
 * }</pre>
 *
 * <p>By default: namespace = name, labelled {@value #TENANT_LABEL}{@code =<name>}; Pod Security {@code restricted}
 * (enforced, audited and warned); no quota; default requests {@code cpu: 100m, memory: 128Mi} and default limit
 * {@code memory: 512Mi} (no CPU limit, which would only throttle); NetworkPolicies {@code <name>-netpol-*} that deny
 * all traffic except DNS and traffic within the namespace. Problems are reported when the spec is planned, with
 * every other problem of the spec.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Tenant implements Component {
  /** The label that names a namespace's tenant. */
  public static final String TENANT_LABEL = "shipshape.dev/tenant";
  private static final String NETWORKING = "networking.k8s.io";

  /** The tenant's name; also the component name and the prefix of its objects' names. */
  @Override
  public abstract String name();

  /** The namespace. By default, the tenant's name. */
  @Value.Default
  public String namespace() {
    return name();
  }

  /** More labels of the namespace. */
  public abstract Map<String, String> labels();

  /** The label key naming the tenant on its namespace. By default, {@value #TENANT_LABEL}. */
  @Value.Default
  public String tenantLabelKey() {
    return TENANT_LABEL;
  }

  /** The Pod Security profile of the namespace. By default, restricted. */
  @Value.Default
  public PodSecurityProfile podSecurity() {
    return PodSecurityProfile.restricted();
  }

  /** The ResourceQuota's {@code hard} limits, such as {@code requests.cpu: 8}; none by default. */
  public abstract Map<String, String> quota();

  /** Default container requests of the LimitRange. By default, {@code cpu: 100m, memory: 128Mi}. */
  @Value.Default
  public Map<String, String> defaultRequests() {
    return Map.of("cpu", "100m", "memory", "128Mi");
  }

  /** Default container limits of the LimitRange. By default, {@code memory: 512Mi}. */
  @Value.Default
  public Map<String, String> defaultLimits() {
    return Map.of("memory", "512Mi");
  }

  /**
   * The NetworkPolicies. By default, {@code NetworkPolicySet.forNamespaces(namespace).named(name + "-netpol")}
   * with {@code defaultDenyAll().allowDns().allowSameNamespace()}. A replacement must target the tenant's namespace
   * alone, which planning checks.
   */
  @Value.Default
  public NetworkPolicySet networkPolicies() {
    return NetworkPolicySet.forNamespaces(namespace()).named(TenantChecks.defaultPolicySetName(this))
        .defaultDenyAll().allowDns().allowSameNamespace();
  }

  /** Each subject given a persona, in the order given, without repeats; read through {@link #teams()}. */
  abstract Set<Map.Entry<Persona, RbacSubject>> members();

  /**
   * NetworkPolicies of the namespace, by name, that the teams of the personas that create NetworkPolicies
   * ({@link Persona#CI_DEPLOYER}, {@link Persona#NAMESPACE_ADMIN}) may also update, patch and delete, and, when they
   * apply server-side (a create is then a patch of the name), the only ones they may create that way; none by
   * default. See {@link Builder#editableNetworkPolicies}.
   */
  public abstract Set<String> editableNetworkPolicies();

  /** Who gets which persona in the namespace: every subject given to {@link Builder#team} for it, in order. */
  public Map<Persona, List<RbacSubject>> teams() {
    Map<Persona, List<RbacSubject>> teams = new EnumMap<>(Persona.class);
    members().forEach(m -> teams.computeIfAbsent(m.getKey(), p -> new ArrayList<>()).add(m.getValue()));
    teams.replaceAll((persona, subjects) -> List.copyOf(subjects));
    return Collections.unmodifiableMap(teams);
  }

  public static Builder builder() {
    return ImmutableTenant.builder();
  }

  /**
   * The roles and bindings of the teams, if any: one Role per persona, named after it, and a RoleBinding of the same
   * name. The Roles of the personas that create NetworkPolicies also update, patch and delete the
   * {@link #editableNetworkPolicies()}.
   */
  public Optional<RbacProfile> access() {
    if (teams().isEmpty()) return Optional.empty();
    RbacProfile.Builder profile = RbacProfile.builder().name(name() + "-access");
    teams().forEach((persona, subjects) -> {
      RbacRole.Builder role = RbacRole.namespaced(namespace(), persona.roleName()).persona(persona);
      // Only the personas that create NetworkPolicies are given policies to change.
      if (TenantChecks.createsNetworkPolicies(persona) && !editableNetworkPolicies().isEmpty()) {
        role.rule(Rule.on(NETWORKING, "networkpolicies").allow("update", "patch", "delete")
            .onlyNamed(editableNetworkPolicies().toArray(String[]::new)));
      }
      profile.role(role.build()).binding(RbacBinding.toRole(namespace(), persona.roleName())
          .subject(subjects.toArray(RbacSubject[]::new)).build());
    });
    return Optional.of(profile.build());
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    List<HasMetadata> out = new ArrayList<>();
    Map<String, String> nsLabels = new LinkedHashMap<>(labels());
    nsLabels.put(tenantLabelKey(), name());
    nsLabels.putAll(podSecurity().labels());
    out.add(new NamespaceBuilder().withNewMetadata().withName(namespace()).withLabels(nsLabels).endMetadata()
        .build());
    if (!quota().isEmpty()) {
      out.add(new ResourceQuotaBuilder().withNewMetadata().withName(name() + "-quota").withNamespace(namespace())
          .endMetadata().withNewSpec().withHard(quantities(quota())).endSpec().build());
    }
    if (!defaultRequests().isEmpty() || !defaultLimits().isEmpty()) {
      out.add(new LimitRangeBuilder().withNewMetadata().withName(name() + "-limits").withNamespace(namespace())
          .endMetadata().withNewSpec().addNewLimit().withType("Container")
          .withDefaultRequest(defaultRequests().isEmpty() ? null : quantities(defaultRequests()))
          .withDefault(defaultLimits().isEmpty() ? null : quantities(defaultLimits()))
          .endLimit().endSpec().build());
    }
    // Left out when its namespace or name is no DNS label, which is reported once, on the Namespace or by validate().
    if (TenantChecks.policiesCompile(this)) out.addAll(networkPolicies().compile(context));
    access().ifPresent(a -> out.addAll(a.compile(context)));
    return out;
  }

  /**
   * The tenant's own names, labels, quota and default limits, whether its NetworkPolicySet targets its namespace,
   * then what its policies and RBAC profile report.
   */
  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>(TenantChecks.problems(this, context));
    // The tenant compiles the set's NetworkPolicies, so the spec records the tenant as their producer.
    if (TenantChecks.policiesCompile(this)) problems.addAll(networkPolicies().validate(context, name()));
    access().ifPresent(a -> problems.addAll(a.validate(context)));
    return problems;
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, quantity(v)));
    return out;
  }

  private static Quantity quantity(String value) {
    try {
      return new Quantity(value);
    } catch (IllegalArgumentException e) {
      // Not a quantity (such as ""): reported by validate(), so the plan's error names the field, not the compiler.
      return new Quantity(value, null);
    }
  }

  /** Builds a {@link Tenant}; only the name is required. */
  public sealed interface Builder permits ImmutableTenant.Builder {
    Builder name(String name);

    Builder namespace(String namespace);

    Builder putLabels(String key, String value);

    Builder tenantLabelKey(String key);

    Builder podSecurity(PodSecurityProfile profile);

    Builder quota(Map<String, ? extends String> hard);

    Builder defaultRequests(Map<String, ? extends String> requests);

    Builder defaultLimits(Map<String, ? extends String> limits);

    Builder networkPolicies(NetworkPolicySet policies);

    /**
     * Lets the tenant's {@link Persona#CI_DEPLOYER} and {@link Persona#NAMESPACE_ADMIN} teams update, patch and
     * delete the NetworkPolicies of its namespace with these names, such as the policies their applications ship.
     * Those personas create NetworkPolicies, and RBAC limits update, patch and delete to the names listed
     * ({@code resourceNames}), so every other policy of the namespace, the tenant's default deny included, stays out
     * of their reach.
     *
     * <p>With server-side apply (Shipshape's default strategy, Flux, Argo CD with server-side apply,
     * {@code kubectl apply --server-side}) even creating a policy is a PATCH request to its name, which RBAC
     * authorizes as {@code patch} of that name before the API server also checks {@code create} of it
     * ({@code createAuthorizerAttributes} in k8s.io/apiserver {@code pkg/endpoints/handlers/patch.go}): a team that
     * applies server-side can then create only the policies named here. A plain create (POST, such as
     * {@code kubectl create}) carries no name, so it stays allowed for any policy.
     *
     * <p>Each name must be one a NetworkPolicy can have (a DNS-1123 subdomain; {@code "*"} is no wildcard, as RBAC
     * matches names exactly), none may be a policy the tenant creates itself from {@link Tenant#networkPolicies()}
     * (errors), names given to a tenant without a CI_DEPLOYER or NAMESPACE_ADMIN team grant nothing (a warning), and
     * a policy that another component of the spec puts in the namespace is the spec's to apply, which undoes what
     * the teams change (a warning), all reported when the spec is planned. A later call adds its names to those
     * already given.
     */
    default Builder editableNetworkPolicies(String... names) {
      return generated().addEditableNetworkPolicies(names);
    }

    /**
     * Adds these subjects to the persona's team in the tenant's namespace: a later call for the same persona adds
     * its subjects after those already given, and a subject given twice is bound once.
     */
    default Builder team(Persona persona, RbacSubject... subjects) {
      for (RbacSubject subject : subjects) generated().addMembers(Map.entry(persona, subject));
      return this;
    }

    Tenant build();

    private ImmutableTenant.Builder generated() {
      return (ImmutableTenant.Builder) this;
    }
  }
}
