package dev.shipshape.security.pss;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Namespaces with their Pod Security Admission labels, per namespace or per tenant (a named group of namespaces
 * sharing a profile). A {@link Component}: it owns the Namespace objects it labels, so the spec must not create the
 * same Namespaces elsewhere; to label Namespaces created elsewhere in the spec use {@link PodSecurityLabels}, and
 * for a Namespace object outside any spec {@link PodSecurityProfile#applyTo}.
 *
 * <pre>{@code
 * PodSecurityNamespaces.builder().name("pod-security")
 *     .namespace("payments", PodSecurityProfile.restricted())
 *     .tenant("team-a", PodSecurityProfile.enforce(PodSecurityLevel.BASELINE).warn(PodSecurityLevel.RESTRICTED)
 *         .build(), "team-a-dev", "team-a-prod")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PodSecurityNamespaces implements Component {
  /** The label naming the tenant a namespace belongs to. */
  public static final String TENANT_LABEL = "shipshape.dev/tenant";

  @Override
  public abstract String name();

  /** Each namespace and its profile, in insertion order. */
  public abstract Map<String, PodSecurityProfile> profiles();

  /** The tenant of each namespace that was added through {@link Builder#tenant}. */
  public abstract Map<String, String> tenants();

  /** Namespaces created without Pod Security labels (the cluster's default level applies to them). */
  public abstract List<String> plainNamespaces();

  /** The label key naming a namespace's tenant. By default, {@value #TENANT_LABEL}. */
  @Value.Default
  public String tenantLabelKey() {
    return TENANT_LABEL;
  }

  public static Builder builder() {
    return ImmutablePodSecurityNamespaces.builder();
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    List<HasMetadata> namespaces = new ArrayList<>();
    profiles().forEach((ns, profile) -> {
      Map<String, String> labels = new LinkedHashMap<>();
      if (tenants().containsKey(ns)) labels.put(tenantLabelKey(), tenants().get(ns));
      labels.putAll(profile.labels());
      namespaces.add(new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(labels).endMetadata().build());
    });
    for (String ns : plainNamespaces()) {
      namespaces.add(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());
    }
    return namespaces;
  }

  /**
   * Warnings for the workloads of its namespaces that ask to run as non-root without a user, in an image that runs as
   * root ({@link RunAsUserCheck}). The names and labels of its Namespaces (the tenant label key, the tenants) are
   * the planner's to check, as every object's are: it reports each once, at the Namespace that carries it.
   */
  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    Set<String> labelled = new HashSet<>(profiles().keySet());
    labelled.addAll(plainNamespaces());
    for (HasMetadata object : context.resources()) {
      String ns = object.getMetadata().getNamespace();
      if (ns != null && labelled.contains(ns)) problems.addAll(RunAsUserCheck.warnings(object));
    }
    return problems;
  }

  /** Builds {@link PodSecurityNamespaces}. */
  public sealed interface Builder permits ImmutablePodSecurityNamespaces.Builder {
    /** Starts from every attribute of {@code namespaces}. */
    Builder from(PodSecurityNamespaces namespaces);

    Builder name(String name);

    /** One namespace and its profile. */
    default Builder namespace(String namespace, PodSecurityProfile profile) {
      return generated().putProfiles(namespace, profile);
    }

    /** Namespaces without Pod Security labels. */
    default Builder plainNamespace(String... namespaces) {
      return generated().addPlainNamespaces(namespaces);
    }

    /** The namespaces of a tenant, all with the same profile and labelled with the tenant's name. */
    default Builder tenant(String tenant, PodSecurityProfile profile, String... namespaces) {
      for (String ns : namespaces) generated().putProfiles(ns, profile).putTenants(ns, tenant);
      return this;
    }

    Builder tenantLabelKey(String tenantLabelKey);

    PodSecurityNamespaces build();

    private ImmutablePodSecurityNamespaces.Builder generated() {
      return (ImmutablePodSecurityNamespaces.Builder) this;
    }
  }
}
