package dev.shipshape.security.pss;

import dev.shipshape.core.Amendment;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.LabelSelectorRules;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Pod Security Admission labels for Namespaces that the spec already creates (raw YAML or other components), chosen
 * by name or by their labels, such as a tenant label. A {@link Component} that produces no object: it amends the
 * Namespaces ({@link Component#amendments()}). Where {@link PodSecurityNamespaces} creates the Namespaces it labels,
 * this one only adds the labels of a {@link PodSecurityProfile} to existing ones.
 *
 * <p>The labels only add: a Namespace that already sets one of them to another value (its own
 * {@code pod-security.kubernetes.io/enforce: baseline}, say) is an error, so two sources never silently disagree on a
 * namespace's policy. A name or selector that matches no Namespace of the spec is a warning. {@link PodSecurityCheck}
 * runs over the planned (amended) objects, so it sees these labels.
 *
 * <pre>{@code
 * PodSecurityLabels.builder().name("pod-security")
 *     .namespace("payments", PodSecurityProfile.restricted())
 *     .tenant("team-a", PodSecurityProfile.enforce(PodSecurityLevel.BASELINE).warn(PodSecurityLevel.RESTRICTED)
 *         .build())
 *     .namespacesLabelled(Map.of("env", "prod"), PodSecurityProfile.restricted())
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PodSecurityLabels implements Component {

  @Override
  public abstract String name();

  /** Profiles of namespaces chosen by name, in insertion order. */
  public abstract Map<String, PodSecurityProfile> namespaces();

  /**
   * Profiles of namespaces chosen by their labels: a Namespace whose labels include every entry of a key gets that
   * key's profile. In insertion order.
   */
  public abstract Map<Map<String, String>, PodSecurityProfile> selectors();

  public static Builder builder() {
    return ImmutablePodSecurityLabels.builder();
  }

  /** No objects: the labels go on Namespaces that others produce. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of();
  }

  /** One amendment per namespace name and per label selector, in insertion order. */
  @Override
  public List<Amendment> amendments() {
    List<Amendment> amendments = new ArrayList<>();
    namespaces().forEach((ns, profile) -> amendments.add(Amendment.builder()
        .description("Pod Security labels for namespace " + ns).target(Amendment.namespacesNamed(List.of(ns)))
        .putAllLabels(profile.labels()).build()));
    selectors().forEach((labels, profile) -> amendments.add(Amendment.builder()
        .description("Pod Security labels for namespaces labelled " + labels)
        .target(Amendment.namespacesLabelled(labels)).putAllLabels(profile.labels()).build()));
    return amendments;
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    if (namespaces().isEmpty() && selectors().isEmpty()) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(name())
          .message("labels no namespace").fix("add namespace(...), tenant(...) or namespacesLabelled(...)").build());
    }
    for (String ns : namespaces().keySet()) {
      for (String p : Names.checkDns1123Label(ns)) {
        problems.add(Problem.error(ResourceRef.core("Namespace", null, ns), "metadata.name",
            "namespace name '" + ns + "' " + p, "use a DNS-1123 label such as 'shop'").inComponent(name()));
      }
    }
    for (Map<String, String> selector : selectors().keySet()) {
      String field = "selectors" + selector;
      if (selector.isEmpty()) {
        problems.add(selectorProblem(field, "an empty label selector would take every namespace of the spec",
            "give at least one label, or list the namespaces with namespace(...)"));
      }
      for (Problem p : LabelSelectorRules.checkLabels(field, selector)) {
        problems.add(selectorProblem(p.field().orElse(field), p.message(), p.fix()));
      }
    }
    if (!problems.isEmpty()) throw new SpecValidationException("PodSecurityLabels " + name(), problems);
  }

  private Problem selectorProblem(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).component(name()).field(field).message(message).fix(fix)
        .build();
  }

  /** Builds {@link PodSecurityLabels}. */
  public sealed interface Builder permits ImmutablePodSecurityLabels.Builder {
    /** Starts from every attribute of {@code labels}. */
    Builder from(PodSecurityLabels labels);

    Builder name(String name);

    /** The profile of one namespace of the spec. */
    default Builder namespace(String namespace, PodSecurityProfile profile) {
      return generated().putNamespaces(namespace, profile);
    }

    /**
     * The profile of every namespace of the spec labelled {@value PodSecurityNamespaces#TENANT_LABEL}={@code tenant}.
     */
    default Builder tenant(String tenant, PodSecurityProfile profile) {
      return namespacesLabelled(Map.of(PodSecurityNamespaces.TENANT_LABEL, tenant), profile);
    }

    /** The profile of every namespace of the spec whose labels include every entry of {@code labels}. */
    default Builder namespacesLabelled(Map<String, String> labels, PodSecurityProfile profile) {
      return generated().putSelectors(Collections.unmodifiableMap(new LinkedHashMap<>(labels)), profile);
    }

    PodSecurityLabels build();

    private ImmutablePodSecurityLabels.Builder generated() {
      return (ImmutablePodSecurityLabels.Builder) this;
    }
  }
}
