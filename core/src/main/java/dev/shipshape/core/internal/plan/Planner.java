package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Component;
import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.StatefulSetClaims;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.env.Environment;
import dev.shipshape.core.internal.parallel.OrderedParallel;
import dev.shipshape.core.versions.SupportWindow;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.PlannedStep;
import dev.shipshape.core.plan.Wave;
import dev.shipshape.core.readiness.ReadinessCondition;
import dev.shipshape.core.readiness.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a {@link ClusterSpec} into a {@link Plan}: compile, validate (collecting every problem), build the
 * dependency graph and cut it into waves. Linear in the number of objects and edges.
 */
public final class Planner {
  /** Warnings by resource, field and text, so that the order of the spec's inputs does not change the plan. */
  private static final Comparator<Problem> WARNING_ORDER = Comparator
      .comparing((Problem p) -> p.resource().map(ResourceRef::toString).orElse(""))
      .thenComparing(p -> p.field().orElse(""))
      .thenComparing(Problem::message)
      .thenComparing(p -> p.component().orElse(""));
  /** Objects whose own checks run as one task: enough to outweigh scheduling, few enough to balance the threads. */
  private static final int OBJECTS_PER_TASK = 1024;

  private final CompiledSpec spec;
  private final List<Problem> problems;
  private final ComponentRules rules;
  private final Map<ResourceRef, Integer> ids = new HashMap<>();
  private final DependencyGraph graph;
  /** Direct prerequisites of each object, for the plan. */
  private final List<Set<Integer>> prerequisites = new ArrayList<>();
  /** Gates keyed by the dependent object's id. */
  private final Map<Integer, List<Gate>> gates = new HashMap<>();
  /** The Namespace Active or CRD Established gate of each prerequisite, made once. */
  private final Map<Integer, Gate> builtInGates = new HashMap<>();
  private final List<DeletePolicy> deletePolicies = new ArrayList<>();
  /** Steps that are not objects: graph node {@code spec.objects.size() + i} is step {@code i}. */
  private final List<CompiledStep> steps;
  /** Each object's kind's install rank ({@link KindOrder#rank}), for the order within a wave. */
  private final int[] kindRanks;

  private Planner(CompiledSpec spec, List<CompiledStep> steps, List<Problem> problems, ComponentRules rules) {
    this.spec = spec;
    this.steps = steps;
    this.problems = problems;
    this.rules = rules;
    this.graph = new DependencyGraph(spec.objects.size() + steps.size());
    this.kindRanks = new int[spec.objects.size()];
    for (int i = 0; i < spec.objects.size(); i++) {
      ids.put(spec.objects.get(i).ref, i);
      kindRanks[i] = KindOrder.rank(spec.objects.get(i).ref.kind());
    }
    for (int i = 0; i < spec.objects.size() + steps.size(); i++) prerequisites.add(new LinkedHashSet<>());
  }

  /**
   * Plans a spec.
   *
   * @param rawObjects the spec's raw objects as it holds them (not copies): the plan shares those it does not
   *     change and never changes them
   * @param manifestProblems what the spec's manifests could not read, reported first
   * @throws SpecValidationException with every problem when the spec has errors
   */
  public static Plan plan(ClusterSpec clusterSpec, List<HasMetadata> rawObjects, List<Problem> manifestProblems,
      Optional<Environment> environment) {
    Compilation compilation = new Compilation(clusterSpec, rawObjects);
    List<Problem> problems = new ArrayList<>();
    manifestProblems.forEach(p -> problems.add(p.inComponent(Compilation.RAW_RESOURCES)));
    problems.addAll(compilation.problems);
    Overriding.apply(environment, compilation.objects, problems);
    CompiledSpec spec = new CompiledSpec(clusterSpec, compilation.objects);
    // The checks run beside one another on the common pool's threads: they read the compiled spec and write only
    // their own problems (and the record of kinds warned about, a concurrent set); the problems are joined in this
    // order whatever finishes first. The objects' own checks are split into runs of objects, which would otherwise
    // be one task longer than all the others together.
    List<Supplier<List<Problem>>> checks = new ArrayList<>();
    for (int from = 0; from < spec.objects.size(); from += OBJECTS_PER_TASK) {
      List<CompiledObject> run = spec.objects.subList(from, Math.min(spec.objects.size(), from + OBJECTS_PER_TASK));
      checks.add(() -> objectProblems(spec, run));
    }
    for (Component component : clusterSpec.components()) checks.add(() -> validateComponent(component, spec));
    checks.add(() -> supportWindowProblems(clusterSpec));
    for (SpecCheck check : ServiceLoader.load(SpecCheck.class, SpecCheck.class.getClassLoader())) {
      checks.add(() -> runCheck(check, spec));
    }
    OrderedParallel.map(checks, Supplier::get).forEach(problems::addAll);
    Planner planner = new Planner(spec, compilation.steps, problems, new ComponentRules(spec, problems));
    planner.addEdges(clusterSpec);
    planner.addStepEdges();
    Optional<int[]> waves = planner.graph.waves();
    // A cycle is reported together with every other problem, so one run shows everything to fix.
    if (waves.isEmpty()) problems.add(planner.cycleProblem());
    throwIfErrors(clusterSpec, environment, problems);
    return planner.toPlan(waves.get(), environment);
  }

  private static List<Problem> objectProblems(CompiledSpec spec, List<CompiledObject> objects) {
    List<Problem> problems = new ArrayList<>();
    ReferenceChecks references = new ReferenceChecks(spec, problems);
    for (CompiledObject o : objects) {
      ObjectChecks.check(spec, o, problems);
      references.check(o);
    }
    return problems;
  }

  private static List<Problem> supportWindowProblems(ClusterSpec clusterSpec) {
    return SupportWindow.current().problem(clusterSpec.kubernetesVersion()).stream().map(p -> Problem.builder()
        .severity(ProblemSeverity.WARNING).field("kubernetesVersion").message(p)
        .fix("upgrade the cluster one minor version at a time into the window, then target that version").build())
        .toList();
  }

  private static List<Problem> validateComponent(Component component, CompiledSpec spec) {
    List<Problem> problems = new ArrayList<>();
    try {
      component.validate(spec).forEach(p -> problems.add(p.inComponent(component.name())));
    } catch (SpecValidationException e) {
      e.problems().forEach(p -> problems.add(p.inComponent(component.name())));
    } catch (RuntimeException e) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
          .message("failed to validate: " + e)
          .fix("fix the component's configuration; this is a bug in the component if it persists").build());
    }
    return problems;
  }

  private static List<Problem> runCheck(SpecCheck check, CompiledSpec spec) {
    List<Problem> problems = new ArrayList<>();
    try {
      check.check(spec).forEach(p -> problems.add(p.inComponent(check.name())));
    } catch (RuntimeException e) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(check.name())
          .message("failed to check the spec: " + e)
          .fix("this is a bug in the check " + check.getClass().getName() + "; report it").build());
    }
    return problems;
  }

  private static void throwIfErrors(ClusterSpec clusterSpec, Optional<Environment> environment,
      List<Problem> problems) {
    if (problems.stream().anyMatch(Problem::isError)) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparing(Problem::severity));
      throw new SpecValidationException("ClusterSpec " + clusterSpec.name()
          + environment.map(e -> " (environment " + e.name() + ")").orElse(""), sorted);
    }
  }

  private void addEdges(ClusterSpec clusterSpec) {
    for (int i = 0; i < spec.objects.size(); i++) {
      CompiledObject o = spec.objects.get(i);
      Optional<String> ns = o.ref.namespace();
      if (ns.isPresent()) {
        Integer namespace = ids.get(ResourceRef.core("Namespace", null, ns.get()));
        if (namespace != null) gatedEdge(namespace, i, Conditions.namespaceActive());
      }
      ResourceRef crd = spec.crdByGroupKind.get(o.ref.groupKind());
      if (crd != null) gatedEdge(ids.get(crd), i, Conditions.crdEstablished());
    }
    Map<String, List<Integer>> byComponent = new HashMap<>();
    for (int i = 0; i < spec.objects.size(); i++) {
      byComponent.computeIfAbsent(spec.objects.get(i).component, k -> new ArrayList<>()).add(i);
    }
    List<Dependency> ownOrder = rules.orderingEdges(byComponent);
    deletePolicies.addAll(rules.deletePolicies(byComponent));
    // Edges {prerequisite, dependent} that components and the spec declare, known before the kind rules, which
    // give way to them.
    List<int[]> ofComponents = new ArrayList<>();
    for (Component component : clusterSpec.components()) {
      for (ResourceRef target : component.dependsOn()) {
        Integer prerequisite = ids.get(target);
        if (prerequisite == null) {
          problems.add(unknown(target, "dependsOn of component " + component.name(), Optional.of(component.name())));
          continue;
        }
        for (int dependent : byComponent.getOrDefault(component.name(), List.of())) {
          ofComponents.add(new int[] {prerequisite, dependent});
        }
      }
    }
    // Edges {prerequisite, dependent} from the objects that controllers make awaited objects from: after them once
    // applied, the awaited object's gate before the dependents.
    List<int[]> afterApplied = new ArrayList<>();
    for (Component component : clusterSpec.components()) {
      addAwaited(component, byComponent.getOrDefault(component.name(), List.of()), afterApplied);
    }
    List<int[]> ofSpec = new ArrayList<>();
    for (Dependency d : clusterSpec.dependencies()) {
      Integer dependent = ids.get(d.dependent());
      Integer prerequisite = ids.get(d.prerequisite());
      if (dependent == null) problems.add(unknown(d.dependent(), "dependency " + d, Optional.empty()));
      if (prerequisite == null) problems.add(unknown(d.prerequisite(), "dependency " + d, Optional.empty()));
      if (dependent != null && prerequisite != null) ofSpec.add(new int[] {prerequisite, dependent});
    }
    List<int[]> ownOrderEdges = ownOrder.stream()
        .map(d -> new int[] {ids.get(d.prerequisite()), ids.get(d.dependent())}).collect(Collectors.toList());
    dropOwnOriginCycles(afterApplied, Stream.of(ofComponents, ownOrderEdges, ofSpec).flatMap(List::stream)
        .collect(Collectors.toList()));
    Map<Integer, Set<Integer>> declaredPrerequisites = new HashMap<>();
    Stream.of(ofComponents, afterApplied, ofSpec).flatMap(List::stream).forEach(edge ->
        declaredPrerequisites.computeIfAbsent(edge[1], k -> new HashSet<>()).add(edge[0]));
    addKindRules(new OwnOrderLevels(ownOrderEdges), declaredPrerequisites);
    ofComponents.forEach(edge -> explicitEdge(edge[0], edge[1]));
    afterApplied.forEach(edge -> appliedEdge(edge[0], edge[1]));
    for (Dependency d : ownOrder) {
      explicitEdge(ids.get(d.prerequisite()), ids.get(d.dependent()));
    }
    ofSpec.forEach(edge -> explicitEdge(edge[0], edge[1]));
  }

  /**
   * The objects that {@code component} {@linkplain Component#awaits awaits}: each one's gate before every object of
   * the component ({@code dependents}), and an edge to each from the object it is made from when the plan holds that
   * one, added to {@code afterApplied}. A target of the plan, or an origin neither in the plan nor declared
   * pre-existing, is an error instead.
   */
  private void addAwaited(Component component, List<Integer> dependents, List<int[]> afterApplied) {
    for (ControllerObject awaited : component.awaits()) {
      String context = "awaits of component " + component.name() + " names " + awaited.target();
      if (ids.containsKey(awaited.target())) {
        problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
            .resource(awaited.target())
            .message(context + " as made by a controller from " + awaited.madeFrom() + ", but it is an object of"
                + " the plan, which no controller makes")
            .fix("order the component after it with dependsOn, which waits until it is applied and ready").build());
        continue;
      }
      Integer madeFrom = ids.get(awaited.madeFrom());
      if (madeFrom == null && !isPreExisting(awaited.madeFrom())) {
        String closest = closestMatch(awaited.madeFrom());
        problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
            .resource(awaited.madeFrom())
            .message(context + ", made from " + awaited.madeFrom() + ", which is neither in the spec nor declared"
                + " pre-existing, so nothing makes it")
            .fix(closest.isEmpty() ? "add " + awaited.madeFrom() + " to the spec, or declare it with"
                + " preExistingResource(...) when it runs on the cluster already" : "did you mean " + closest + "?")
            .build());
        continue;
      }
      Gate gate = Gate.of(awaited);
      for (int dependent : dependents) {
        // The component's own origin makes the target: its other objects come after it, not it after itself.
        if (madeFrom != null && madeFrom == dependent) continue;
        if (madeFrom != null) afterApplied.add(new int[] {madeFrom, dependent});
        gates.computeIfAbsent(dependent, k -> new ArrayList<>()).add(gate);
      }
    }
  }

  /**
   * Drops from {@code afterApplied} the edges from an origin of a component's own to the component's other objects
   * when {@code declared} orders the origin after one of them, with an error naming the component: the component
   * cannot both wait for what its origin makes and have that origin wait for it. Other cycles are left to the
   * general cycle error.
   */
  private void dropOwnOriginCycles(List<int[]> afterApplied, List<int[]> declared) {
    Map<Integer, List<Integer>> dependentsOf = new HashMap<>();
    declared.forEach(edge -> dependentsOf.computeIfAbsent(edge[0], k -> new ArrayList<>()).add(edge[1]));
    Set<Integer> refused = new HashSet<>();
    afterApplied.removeIf(edge -> {
      CompiledObject origin = spec.objects.get(edge[0]);
      CompiledObject dependent = spec.objects.get(edge[1]);
      if (!origin.component.equals(dependent.component)) return false;
      if (refused.contains(edge[0])) return true;
      if (!reaches(dependentsOf, edge[1], edge[0])) return false;
      refused.add(edge[0]);
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(origin.component).resource(origin.ref)
          .message("component " + origin.component + " awaits an object that a controller makes from its own object "
              + origin.ref + ", so its other objects come after that one, but " + origin.ref + " is ordered after "
              + dependent.ref + " of the same component (by a dependency), a cycle")
          .fix("split component " + origin.component + ": put " + origin.ref + " and what it needs in a component"
              + " of its own, and let the objects that await what its controller makes form another")
          .build());
      return true;
    });
  }

  /** Whether {@code to} is reachable from {@code from} along {@code dependentsOf}. */
  private static boolean reaches(Map<Integer, List<Integer>> dependentsOf, int from, int to) {
    Set<Integer> seen = new HashSet<>();
    Deque<Integer> pending = new ArrayDeque<>(List.of(from));
    while (!pending.isEmpty()) {
      int node = pending.pop();
      if (node == to) return true;
      if (seen.add(node)) pending.addAll(dependentsOf.getOrDefault(node, List.of()));
    }
    return false;
  }

  /** Whether the spec declares {@code ref} pre-existing: as a resource, or, for a Namespace, as a namespace. */
  private boolean isPreExisting(ResourceRef ref) {
    return spec.isPreExisting(ref) || (ref.equals(ResourceRef.core("Namespace", null, ref.name()))
        && spec.isPreExistingNamespace(ref.name()));
  }

  /**
   * A step comes after the Namespace it works in (once Active) and after what it requires, before what requires it.
   * Ids must be unique; every object named must be in the plan.
   */
  private void addStepEdges() {
    Map<String, String> seen = new HashMap<>();
    for (int s = 0; s < steps.size(); s++) {
      CompiledStep step = steps.get(s);
      int node = spec.objects.size() + s;
      String earlier = seen.putIfAbsent(step.id, step.component);
      if (earlier != null) {
        problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(step.component)
            .message("step " + step.id + " is also contributed by component '" + earlier + "'")
            .fix("let one component own the step, or give the steps different ids").build());
      }
      step.step.namespace().map(ns -> ids.get(ResourceRef.core("Namespace", null, ns)))
          .ifPresent(namespace -> gatedEdge(namespace, node, Conditions.namespaceActive()));
      String context = "step " + step.id + " of component " + step.component;
      for (ResourceRef target : step.step.requires()) {
        Integer prerequisite = ids.get(target);
        if (prerequisite == null) problems.add(unknown(target, "requires of " + context, Optional.of(step.component)));
        else explicitEdge(prerequisite, node);
      }
      for (ResourceRef target : step.step.requiredBy()) {
        Integer dependent = ids.get(target);
        if (dependent == null) problems.add(unknown(target, "requiredBy of " + context, Optional.of(step.component)));
        else graph.edge(node, dependent);
      }
    }
  }

  /**
   * Each kind rule through one barrier per scope, linear in the objects. Objects a component orders itself
   * ({@link OwnOrderLevels}) go through barriers per component and level instead ({@link OwnOrderBarriers}), which
   * reach the dependents of other components and the component's own dependents at the same or a later level only.
   * A declared dependency wins over a kind rule for a claim that the workloads it is declared to follow do not use
   * (a claim cloned from one a StatefulSet creates, after that StatefulSet): it comes before the namespace's other
   * workloads only. Any other contradiction stays a cycle, which the plan reports with the rule's name.
   */
  private void addKindRules(OwnOrderLevels own, Map<Integer, Set<Integer>> declaredPrerequisites) {
    // Each object's Kind.group once, and the objects of each: a rule looks only at the objects of its kinds.
    String[] groupKinds = new String[spec.objects.size()];
    Map<String, List<Integer>> byGroupKind = new HashMap<>();
    for (int i = 0; i < groupKinds.length; i++) {
      groupKinds[i] = spec.objects.get(i).ref.groupKind();
      byGroupKind.computeIfAbsent(groupKinds[i], k -> new ArrayList<>()).add(i);
    }
    for (KindRule rule : rules.kindRules) {
      Map<String, List<Integer>> before = new TreeMap<>();
      Map<String, List<Integer>> after = new TreeMap<>();
      // In the objects' order, as if every object were looked at.
      int[] candidates = Stream.concat(rule.before.stream(), rule.after.stream())
          .flatMap(kind -> byGroupKind.getOrDefault(kind, List.of()).stream())
          .mapToInt(Integer::intValue).sorted().distinct().toArray();
      for (int i : candidates) {
        boolean isBefore = rule.before.contains(groupKinds[i]);
        boolean isAfter = rule.after.contains(groupKinds[i]);
        if (!isBefore && !isAfter) continue;
        String scope = rule.sameNamespace ? spec.objects.get(i).ref.namespace().orElse("") : "";
        if (isBefore) before.computeIfAbsent(scope, k -> new ArrayList<>()).add(i);
        if (isAfter) after.computeIfAbsent(scope, k -> new ArrayList<>()).add(i);
      }
      before.forEach((scope, prerequisitesInScope) -> {
        List<Integer> dependents = after.get(scope);
        if (dependents == null) return;
        String label = rule.description + (scope.isEmpty() ? "" : " (namespace " + scope + ")");
        Map<String, TreeMap<Integer, List<Integer>>> ordered = new TreeMap<>();
        int barrier = -1;
        Set<Integer> laterObjects = null;
        for (int p : prerequisitesInScope) {
          Set<Integer> declared = declaredPrerequisites.get(p);
          if (declared != null && groupKinds[p].equals("PersistentVolumeClaim")) {
            if (laterObjects == null) laterObjects = new HashSet<>(dependents);
            Set<Integer> later = laterObjects;
            List<Integer> declaredLater = declared.stream().filter(later::contains).collect(Collectors.toList());
            String claim = spec.objects.get(p).ref.name();
            if (!declaredLater.isEmpty() && declaredLater.stream().noneMatch(w -> uses(w, claim))) {
              // Still before every other workload of the namespace, which may mount it.
              dependents.stream().filter(d -> !declaredLater.contains(d)).forEach(d -> graph.edge(p, d));
              continue;
            }
          }
          Optional<Integer> level = own.level(p);
          if (level.isPresent()) {
            ordered.computeIfAbsent(spec.objects.get(p).component, k -> new TreeMap<>())
                .computeIfAbsent(level.get(), k -> new ArrayList<>()).add(p);
            continue;
          }
          if (barrier < 0) {
            barrier = graph.addBarrier(label);
            int shared = barrier;
            dependents.forEach(d -> graph.edge(shared, d));
          }
          graph.edge(p, barrier);
        }
        new OwnOrderBarriers(graph, label).link(ordered, dependents, own, d -> spec.objects.get(d).component);
      });
    }
  }

  /**
   * Whether object {@code workload} uses the claim named {@code claim} of its namespace: its pods mount it, or it is
   * a StatefulSet that creates a claim of that name from a claim template (and would find it there).
   */
  private boolean uses(int workload, String claim) {
    HasMetadata object = spec.objects.get(workload).object;
    if (Workloads.typed(object) instanceof StatefulSet set && set.getSpec() != null
        && set.getSpec().getVolumeClaimTemplates() != null) {
      String name = set.getMetadata().getName();
      boolean fromTemplate = set.getSpec().getVolumeClaimTemplates().stream()
          .map(template -> template.getMetadata() == null ? null : template.getMetadata().getName())
          .anyMatch(template -> template != null && StatefulSetClaims.ordinal(claim, template, name).isPresent());
      if (fromTemplate) return true;
    }
    return Workloads.podTemplate(object)
        .map(template -> template.getSpec() == null ? List.<Volume>of() : template.getSpec().getVolumes())
        .orElse(List.of()).stream()
        .anyMatch(v -> v.getPersistentVolumeClaim() != null
            && claim.equals(v.getPersistentVolumeClaim().getClaimName()));
  }

  /**
   * A built-in gate ({@code condition} is the same for every call with the same prerequisite): one {@link Gate} per
   * prerequisite, shared by its dependents, so that the plan names it once.
   */
  private void gatedEdge(int prerequisite, int dependent, ReadinessCondition condition) {
    graph.edge(prerequisite, dependent);
    prerequisites.get(dependent).add(prerequisite);
    Gate gate = builtInGates.computeIfAbsent(prerequisite, p -> Gate.of(spec.objects.get(p).ref, condition));
    gates.computeIfAbsent(dependent, k -> new ArrayList<>(2)).add(gate);
  }

  private void explicitEdge(int prerequisite, int dependent) {
    ResourceRef target = spec.objects.get(prerequisite).ref;
    graph.edge(prerequisite, dependent);
    prerequisites.get(dependent).add(prerequisite);
    rules.readinessOf(target).ifPresent(condition ->
        gates.computeIfAbsent(dependent, k -> new ArrayList<>()).add(Gate.of(target, condition)));
  }

  /**
   * An edge to an object that a controller makes an awaited object from: after it once applied, with no gate of its
   * own (the awaited object's gate stands in for its readiness).
   */
  private void appliedEdge(int prerequisite, int dependent) {
    graph.edge(prerequisite, dependent);
    prerequisites.get(dependent).add(prerequisite);
  }

  private Problem unknown(ResourceRef target, String context, Optional<String> component) {
    String closest = closestMatch(target);
    Problem.Builder problem = Problem.builder().severity(ProblemSeverity.ERROR).resource(target)
        .message(context + " names " + target + ", which is not in the spec")
        .fix(closest.isEmpty() ? "add it to the spec or remove the dependency" : "did you mean " + closest + "?");
    component.ifPresent(problem::component);
    return problem.build();
  }

  private String closestMatch(ResourceRef target) {
    String wanted = target.toString();
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    for (ResourceRef candidate : ids.keySet()) {
      int d = Names.editDistance(wanted, candidate.toString());
      if (d < bestDistance || (d == bestDistance && candidate.toString().compareTo(best) < 0)) {
        bestDistance = d;
        best = candidate.toString();
      }
    }
    return bestDistance <= Math.max(3, wanted.length() / 3) ? best : "";
  }

  private Problem cycleProblem() {
    List<Integer> cycle = graph.findCycle();
    List<String> nodes = new ArrayList<>();
    for (int n : cycle) {
      String node = graph.isBarrier(n) ? "[" + graph.barrierLabel(n) + "]"
          : n >= spec.objects.size() ? "step " + steps.get(n - spec.objects.size()).id
          : spec.objects.get(n).ref.toString();
      // A rule may link objects through a chain of its barriers; the path names the rule once.
      boolean sameRule = graph.isBarrier(n) && !nodes.isEmpty() && nodes.get(nodes.size() - 1).equals(node);
      if (!sameRule) nodes.add(node);
    }
    String path = String.join(" -> ", nodes);
    // Steps are linked to objects only, so a cycle through a step holds an object too.
    int first = cycle.stream().filter(n -> n < spec.objects.size()).findFirst().orElse(0);
    CompiledObject o = spec.objects.get(first);
    return Problem.builder().severity(ProblemSeverity.ERROR).component(o.component).resource(o.ref)
        .message("dependency cycle (each depends on the next): " + path)
        .fix("remove one of the explicit dependencies on this path").build();
  }

  private Plan toPlan(int[] waveOf, Optional<Environment> environment) {
    int objectCount = spec.objects.size();
    List<List<Integer>> byWave = new ArrayList<>();
    for (int i = 0; i < waveOf.length; i++) {
      while (byWave.size() <= waveOf[i]) byWave.add(new ArrayList<>());
      byWave.get(waveOf[i]).add(i);
    }
    List<Problem> warnings = new ArrayList<>(problems);
    warnings.sort(WARNING_ORDER);
    Plan.Builder plan = Plan.builder()
        .specName(spec.spec.name())
        .environment(environment.map(Environment::name))
        .kubernetesVersion(spec.spec.kubernetesVersion())
        .putAllReadiness(rules.readiness)
        .addAllDeletePolicies(deletePolicies)
        .addAllWarnings(warnings);
    int index = 0;
    // A gate opened before an earlier wave stays open: each gate is waited for once, before the first wave needing it.
    Set<String> opened = new HashSet<>();
    // Gates are shared between their dependents (see gatedEdge): each one's text is made once.
    Map<Gate, String> gateKeys = new IdentityHashMap<>();
    for (List<Integer> nodes : byWave) {
      if (nodes.isEmpty()) continue;
      List<Integer> members = new ArrayList<>(nodes.size());
      List<Integer> stepNodes = new ArrayList<>();
      for (int i : nodes) (i < objectCount ? members : stepNodes).add(i);
      members.sort(this::inWaveOrder);
      stepNodes.sort(Comparator.comparing(i -> steps.get(i - objectCount).id));
      Wave.Builder wave = Wave.builder().index(index);
      Map<String, Gate> waveGates = new LinkedHashMap<>();
      for (int i : stepNodes) {
        CompiledStep step = steps.get(i - objectCount);
        wave.addSteps(PlannedStep.builder().id(step.id).description(step.step.description())
            .component(step.component).wave(index).step(step.step)
            .addAllPrerequisites(sortedPrerequisites(i)).build());
        addGates(i, opened, gateKeys, waveGates);
      }
      for (int i : members) {
        CompiledObject o = spec.objects.get(i);
        wave.addResources(PlannedResource.builder()
            .ref(o.ref)
            .takeObject(o.object)
            .component(o.component)
            .wave(index)
            .addAllPrerequisites(sortedPrerequisites(i))
            .addAllAwaited(awaitedGates(i))
            .build());
        addGates(i, opened, gateKeys, waveGates);
      }
      opened.addAll(waveGates.keySet());
      List<Gate> waveGateList = new ArrayList<>(waveGates.values());
      waveGateList.sort(Comparator.comparing(Gate::target));
      wave.addAllGates(waveGateList);
      plan.addWaves(wave.build());
      index++;
    }
    return plan.build();
  }

  /**
   * The order of two objects within a wave: by kind's install rank, then kind, group, namespace and name. The ranks
   * are looked up once per object ({@link #kindRanks}): a wave of thousands of objects compares each many times.
   */
  private int inWaveOrder(int a, int b) {
    int byRank = Integer.compare(kindRanks[a], kindRanks[b]);
    if (byRank != 0) return byRank;
    ResourceRef x = spec.objects.get(a).ref;
    ResourceRef y = spec.objects.get(b).ref;
    int c = x.kind().compareTo(y.kind());
    if (c == 0) c = x.group().compareTo(y.group());
    if (c == 0) c = x.namespace().orElse("").compareTo(y.namespace().orElse(""));
    return c != 0 ? c : x.name().compareTo(y.name());
  }

  private List<ResourceRef> sortedPrerequisites(int node) {
    Set<Integer> direct = prerequisites.get(node);
    if (direct.isEmpty()) return List.of();
    List<ResourceRef> refs = new ArrayList<>(direct.size());
    for (int p : direct) refs.add(spec.objects.get(p).ref);
    refs.sort(null);
    return refs;
  }

  /** The gates of {@code node} on objects that controllers make, which it awaits. */
  private List<Gate> awaitedGates(int node) {
    return gates.getOrDefault(node, List.of()).stream().filter(gate -> gate.madeFrom().isPresent())
        .collect(Collectors.toList());
  }

  private void addGates(int node, Set<String> opened, Map<Gate, String> gateKeys, Map<String, Gate> waveGates) {
    List<Gate> needed = gates.get(node);
    if (needed == null) return;
    for (Gate gate : needed) {
      String key = gateKeys.computeIfAbsent(gate, Gate::toString);
      if (!opened.contains(key)) waveGates.putIfAbsent(key, gate);
    }
  }
}
