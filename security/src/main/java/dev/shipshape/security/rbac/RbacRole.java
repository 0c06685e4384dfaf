package dev.shipshape.security.rbac;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A Role (with a namespace) or a ClusterRole (without): personas and rules, tailored, with the risks it knowingly
 * takes. An aggregated ClusterRole has no rules of its own: it takes the union of the ClusterRoles whose labels
 * match its selectors.
 *
 * <pre>{@code
 * RbacRole.namespaced("shop", "shop-developer")
 *     .persona(Persona.DEVELOPER)
 *     .without("pods/log")
 *     .rule(Rule.on("networking.k8s.io", "ingresses").allow("get", "list", "watch"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RbacRole {

  public abstract String name();

  /** The Role's namespace; empty for a ClusterRole. */
  public abstract Optional<String> namespace();

  /** Personas whose rules the role starts from. */
  public abstract List<Persona> personas();

  /** Rules added to the personas' rules. */
  public abstract List<Rule> extraRules();

  /** Resources removed from every rule (persona or added), such as {@code pods/log}. */
  public abstract Set<String> withoutResources();

  /** Verbs removed from every rule, such as {@code delete}. */
  public abstract Set<String> withoutVerbs();

  /** Risks this role takes on purpose: its rules may carry them without being rejected. */
  public abstract Set<Risk> acknowledgedRisks();

  /** The annotation listing the risks a role's grants were chosen with (its personas' and acknowledged ones). */
  public static final String ACKNOWLEDGED_RISKS_ANNOTATION = "shipshape.dev/acknowledged-risks";

  public abstract Map<String, String> labels();

  /**
   * For an aggregated ClusterRole: label sets ({@code matchLabels}) selecting the ClusterRoles whose rules it
   * takes. Empty for an ordinary role.
   */
  public abstract List<Map<String, String>> aggregateFrom();

  public static Builder builder() {
    return ImmutableRbacRole.builder();
  }

  /** A Role in a namespace. */
  public static Builder namespaced(String namespace, String name) {
    return builder().namespace(namespace).name(name);
  }

  /** A ClusterRole. */
  public static Builder cluster(String name) {
    return builder().name(name);
  }

  public boolean isClusterRole() {
    return namespace().isEmpty();
  }

  public boolean isAggregated() {
    return !aggregateFrom().isEmpty();
  }

  /** {@code Role} or {@code ClusterRole}. */
  public String kind() {
    return isClusterRole() ? "ClusterRole" : "Role";
  }

  public ResourceRef ref() {
    return namespace().map(ns -> ResourceRef.namespaced(RbacSubject.RBAC_GROUP, kind(), ns, name()))
        .orElseGet(() -> ResourceRef.clusterScoped(RbacSubject.RBAC_GROUP, kind(), name()));
  }

  /** The rules after tailoring: persona rules then added rules, without the removed resources and verbs. */
  @Value.Lazy
  public List<Rule> rules() {
    List<Rule> all = new ArrayList<>();
    for (Persona p : personas()) all.addAll(p.rules(isClusterRole()));
    all.addAll(extraRules());
    List<Rule> tailored = new ArrayList<>();
    for (Rule rule : all) {
      List<String> resources = rule.resources().stream().filter(r -> !withoutResources().contains(r))
          .collect(Collectors.toList());
      List<String> verbs = rule.verbs().stream().filter(v -> !withoutVerbs().contains(v))
          .collect(Collectors.toList());
      // Only rules that tailoring emptied are dropped; a rule given empty is reported by the profile.
      boolean emptied = (verbs.isEmpty() && !rule.verbs().isEmpty())
          || (resources.isEmpty() && !rule.resources().isEmpty());
      if (!emptied) tailored.add(Rule.builder().from(rule).resources(resources).verbs(verbs).build());
    }
    return List.copyOf(tailored);
  }

  /** The risks acknowledged on the role plus those inherent to its personas. */
  public Set<Risk> allowedRisks() {
    Set<Risk> allowed = EnumSet.noneOf(Risk.class);
    allowed.addAll(acknowledgedRisks());
    personas().forEach(p -> allowed.addAll(p.inherentRisks()));
    return allowed;
  }

  /**
   * A fresh Role or ClusterRole. Its {@value #ACKNOWLEDGED_RISKS_ANNOTATION} annotation lists the
   * {@link #allowedRisks()}, so that audits of the applied object know the grants were chosen.
   */
  public HasMetadata toKubernetes() {
    // Plain constructors and setters: the same objects as fabric8's builders make, at a fraction of the cost.
    List<PolicyRule> rules = new ArrayList<>(rules().size());
    for (Rule rule : rules()) rules.add(rule.toPolicyRule());
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name());
    if (!labels().isEmpty()) meta.setLabels(new LinkedHashMap<>(labels()));
    if (!allowedRisks().isEmpty()) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(ACKNOWLEDGED_RISKS_ANNOTATION, allowedRisks().stream().map(Risk::name).sorted()
          .collect(Collectors.joining(",")));
      meta.setAnnotations(annotations);
    }
    if (!isClusterRole()) {
      meta.setNamespace(namespace().get());
      Role role = new Role();
      role.setMetadata(meta);
      role.setRules(rules);
      return role;
    }
    ClusterRoleBuilder role = new ClusterRoleBuilder().withMetadata(meta);
    if (isAggregated()) {
      AggregationRuleBuilder aggregation = new AggregationRuleBuilder();
      for (Map<String, String> selector : aggregateFrom()) {
        aggregation.addToClusterRoleSelectors(
            new LabelSelectorBuilder().withMatchLabels(new LinkedHashMap<>(selector)).build());
      }
      // No rules: the aggregation controller writes them, and would overwrite any given here.
      return role.withAggregationRule(aggregation.build()).build();
    }
    return role.withRules(rules).build();
  }

  @Override
  public String toString() {
    return kind() + " " + namespace().map(ns -> ns + "/").orElse("") + name();
  }

  /** Builds {@link RbacRole}s; problems are reported by the {@link RbacProfile} that holds the role. */
  public sealed interface Builder permits ImmutableRbacRole.Builder {
    /** Starts from every attribute of {@code role}. */
    Builder from(RbacRole role);

    Builder name(String name);

    Builder namespace(String namespace);

    Builder namespace(Optional<String> namespace);

    /** Starts from (or adds) a persona's rules. */
    default Builder persona(Persona persona) {
      return generated().addPersonas(persona);
    }

    /** Adds rules. */
    default Builder rule(Rule... rules) {
      return generated().addExtraRules(rules);
    }

    /** Removes these resources (such as {@code pods/log}) from every rule. */
    default Builder without(String... resources) {
      return generated().addWithoutResources(resources);
    }

    /** Removes these verbs from every rule. */
    default Builder withoutVerbs(String... verbs) {
      return generated().addWithoutVerbs(verbs);
    }

    /** Replaces the verbs removed from every rule. */
    Builder withoutVerbs(Iterable<String> verbs);

    /** Accepts that the role's rules carry these risks. */
    default Builder acknowledgeRisk(Risk... risks) {
      return generated().addAcknowledgedRisks(risks);
    }

    /** Replaces the acknowledged risks. */
    Builder acknowledgedRisks(Iterable<Risk> risks);

    default Builder label(String key, String value) {
      return generated().putLabels(key, value);
    }

    Builder putAllLabels(Map<String, ? extends String> labels);

    /**
     * Makes this an aggregated ClusterRole taking the rules of ClusterRoles with all these labels (copied: changing
     * the map afterwards does not change the role).
     */
    default Builder aggregateFrom(Map<String, String> matchLabels) {
      return generated().addAggregateFrom(Collections.unmodifiableMap(new LinkedHashMap<>(matchLabels)));
    }

    RbacRole build();

    private ImmutableRbacRole.Builder generated() {
      return (ImmutableRbacRole.Builder) this;
    }
  }
}
