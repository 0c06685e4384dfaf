package dev.shipshape.security.pss;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
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

  /** Namespace names, the tenant label key and tenant names; reported with every other problem of the spec. */
  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    for (String p : Names.checkLabelKey(tenantLabelKey())) {
      problems.add(Problem.builder().severity(dev.shipshape.core.ProblemSeverity.ERROR).component(name())
          .field("tenantLabelKey").message("tenant label key '" + tenantLabelKey() + "' " + p)
          .fix("use a label key such as 'example.com/tenant'").build());
    }
    List<String> all = new ArrayList<>(profiles().keySet());
    all.addAll(plainNamespaces());
    for (String ns : all) {
      for (String p : Names.checkDns1123Label(ns)) {
        problems.add(Problem.error(ResourceRef.core("Namespace", null, ns), "metadata.name",
            "namespace name '" + ns + "' " + p, "use a DNS-1123 label such as 'shop'").inComponent(name()));
      }
    }
    tenants().values().stream().distinct().forEach(t -> Names.checkLabelValue(t).forEach(p -> problems.add(
        Problem.builder().severity(dev.shipshape.core.ProblemSeverity.ERROR).component(name()).field("tenant")
            .message("tenant '" + t + "' " + p).fix("use a short name such as 'team-a'").build())));
    Set<String> labelled = new HashSet<>(all);
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
