package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Component;
import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.KindOrdering;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ReadinessRule;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.readiness.Conditions;
import dev.shipshape.core.readiness.ReadinessCondition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What components contribute to planning beyond their objects: kind-ordering rules, readiness rules for their
 * custom kinds, ordering edges between their own objects, delete policies, and the CRDs they require.
 */
final class ComponentRules {
  private final CompiledSpec spec;
  private final List<Problem> problems;
  final List<KindRule> kindRules = new ArrayList<>(KindRule.ALL);
  final Map<String, ReadinessCondition> readiness = new LinkedHashMap<>();

  ComponentRules(CompiledSpec spec, List<Problem> problems) {
    this.spec = spec;
    this.problems = problems;
    Map<String, String> readinessOwner = new LinkedHashMap<>();
    // Each rule costs a pass over the spec's objects, and a component per tenant may give the same ones again.
    Set<KindOrdering> orderings = new HashSet<>();
    for (Component component : spec.spec.components()) {
      for (KindOrdering ordering : component.kindOrderings()) {
        if (orderings.add(ordering)) kindRules.add(KindRule.of(ordering));
      }
      for (ReadinessRule rule : component.readinessRules()) {
        String owner = readinessOwner.putIfAbsent(rule.groupKind(), component.name());
        if (owner == null) {
          readiness.put(rule.groupKind(), rule.condition());
        } else if (!readiness.get(rule.groupKind()).description().equals(rule.condition().description())) {
          problems.add(Problem.builder().severity(ProblemSeverity.WARNING).component(component.name())
              .message("readiness rule for " + rule.groupKind() + " (" + rule.condition().description()
                  + ") is ignored: component " + owner + " already gave one ("
                  + readiness.get(rule.groupKind()).description() + ")")
              .fix("give the executor your own readiness condition for " + rule.groupKind()
                  + " to choose one").build());
        }
      }
    }
    checkRequiredCrds();
  }

  /** The readiness condition for objects of this kind: a component's rule, else the built-in one. */
  Optional<ReadinessCondition> readinessOf(ResourceRef ref) {
    return Optional.ofNullable(readiness.get(ref.groupKind())).or(() -> Conditions.workloadReadiness(ref.kind()));
  }

  /** Each component's ordering edges, once both ends are checked to be that component's own objects. */
  List<Dependency> orderingEdges(Map<String, List<Integer>> byComponent) {
    List<Dependency> edges = new ArrayList<>();
    for (Component component : spec.spec.components()) {
      List<HasMetadata> objects = ownObjects(component, byComponent);
      if (objects.isEmpty()) continue;
      for (Dependency edge : component.orderingEdges(objects)) {
        if (own(component, "ordering edge '" + edge + "'", List.of(edge.prerequisite(), edge.dependent()),
            "order only the component's own objects; use dependsOn for objects of others")) {
          edges.add(edge);
        }
      }
    }
    return edges;
  }

  /** Each component's delete policies, once their targets are checked to be that component's own objects. */
  List<DeletePolicy> deletePolicies(Map<String, List<Integer>> byComponent) {
    List<DeletePolicy> policies = new ArrayList<>();
    for (Component component : spec.spec.components()) {
      List<HasMetadata> objects = ownObjects(component, byComponent);
      if (objects.isEmpty()) continue;
      for (DeletePolicy policy : component.deletePolicies(objects)) {
        if (own(component, "delete policy '" + policy + "'", List.of(policy.target()),
            "give delete policies only for the component's own objects")) {
          policies.add(policy);
        }
      }
    }
    policies.sort(Comparator.comparing(DeletePolicy::target));
    return policies;
  }

  private List<HasMetadata> ownObjects(Component component, Map<String, List<Integer>> byComponent) {
    return byComponent.getOrDefault(component.name(), List.of()).stream().map(i -> spec.objects.get(i).object)
        .collect(Collectors.toUnmodifiableList());
  }

  /** True when every ref is the component's own object; otherwise an error per foreign one. */
  private boolean own(Component component, String what, List<ResourceRef> refs, String fix) {
    List<ResourceRef> foreign = refs.stream().filter(ref -> !spec.producerOf(ref).equals(Optional.of(component.name())))
        .collect(Collectors.toList());
    foreign.forEach(ref -> problems.add(Problem.builder().severity(ProblemSeverity.ERROR)
        .component(component.name()).resource(ref)
        .message(what + " names " + ref + ", which this component does not produce").fix(fix).build()));
    return foreign.isEmpty();
  }

  /** A warning per required CRD that is neither in the spec nor pre-existing; an error if the spec's does not serve it. */
  private void checkRequiredCrds() {
    Map<String, RequiredCrd> required = new TreeMap<>();
    Map<String, List<String>> requiredBy = new TreeMap<>();
    for (Component component : spec.spec.components()) {
      for (RequiredCrd crd : component.requiredCrds()) {
        required.putIfAbsent(crd.name() + " " + crd.version(), crd);
        requiredBy.computeIfAbsent(crd.name() + " " + crd.version(), k -> new ArrayList<>()).add(component.name());
      }
    }
    required.forEach((key, crd) -> {
      String components = String.join(", ", requiredBy.get(key));
      ResourceRef inSpec = spec.crdByGroupKind.get(crd.groupKind());
      if (inSpec != null) {
        if (!serves(spec.byRef.get(inSpec).object, crd.version())) {
          problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(components).resource(inSpec)
              .field("spec.versions").message("does not serve version " + crd.version() + ", which " + components
                  + " writes").fix("use a release of the CRD that serves " + crd.version()).build());
        }
      } else if (!spec.isPreExisting(crd.ref())) {
        problems.add(Problem.builder().severity(ProblemSeverity.WARNING).component(components).resource(crd.ref())
            .message("CustomResourceDefinition " + crd.name() + " (" + crd.groupKind() + " " + crd.version()
                + "), which " + components + " needs, is neither in the spec nor declared pre-existing")
            .fix("add the CRD to the spec, or, when it is installed another way, declare it with"
                + " preExistingCrd(...) or preExistingResource(ResourceRef.clusterScoped(\"apiextensions.k8s.io\","
                + " \"CustomResourceDefinition\", \"" + crd.name() + "\"))").build());
      }
    });
  }

  private static boolean serves(HasMetadata crd, String version) {
    for (JsonNode v : Manifests.toTree(crd).path("spec").path("versions")) {
      if (v.path("name").asText().equals(version) && v.path("served").asBoolean(false)) return true;
    }
    return false;
  }
}
