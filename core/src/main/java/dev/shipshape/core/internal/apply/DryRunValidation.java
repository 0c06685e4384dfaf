package dev.shipshape.core.internal.apply;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.internal.schema.ServerSchemas;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Checks of the objects an apply would create or change, before anything is written: against the OpenAPI schema
 * that the server publishes for the object's kind, and with server-side dry runs ({@code dryRun=All}) with strict
 * field validation ({@code fieldValidation=Strict}) where that schema cannot judge (see {@link #problems}) and for
 * the dry runs the user asks for: a new object as a dry-run create (the
 * server then lists every unknown field at once), an existing one as the write will be made: a dry-run server-side
 * apply (which also finds fields owned by other field managers) or, with {@link ApplyStrategy#CLIENT_SIDE}, a
 * dry-run JSON merge patch.
 *
 * <p>An object in a namespace that the plan creates and that does not exist yet cannot be dry-run there (a
 * dry-run create of the namespace persists nothing): it is checked in a stand-in namespace that exists instead,
 * under a generated name so that it meets no object of the stand-in namespace: the first existing namespace
 * (by name) that the plan writes into, else {@code default}. A custom resource whose CRD the plan installs or
 * changes cannot be checked by the server before that CRD is served as planned (the served schema is the old one, if
 * any): such objects are checked against the schema in the plan's CRD for unknown fields and wrong types only, and
 * named as not checked by a dry run. Thread-safe; each object is checked at most once per run.
 */
public final class DryRunValidation {
  private static final String FALLBACK_NAMESPACE = "default";

  private final ResourceAccess access;
  private final RunSettings options;
  private final Plan plan;
  private final SecretRedactor redactor;
  private final ResourceWriter writer;
  private final ServedKinds served;
  private final ServerSchemas schemas;
  private final PlanDefinitions definitions;
  private final Map<ResourceRef, Check> checks = new ConcurrentHashMap<>();
  private Set<String> missingNamespaces;
  private volatile Optional<Map<ResourceRef, GenericKubernetesResource>> liveState = Optional.empty();
  private String standInNamespace;

  /** What the dry run of one object found. */
  static final class Check {
    final List<Problem> problems;
    /** Why the object could not be checked; empty when it was. */
    final Optional<String> notChecked;
    /** The stand-in namespace the object was checked in, when its own does not exist yet. */
    final Optional<String> standIn;

    Check(List<Problem> problems, Optional<String> notChecked, Optional<String> standIn) {
      this.problems = problems;
      this.notChecked = notChecked;
      this.standIn = standIn;
    }
  }

  public DryRunValidation(ResourceAccess access, RunSettings options, Plan plan, SecretRedactor redactor,
      ServerSchemas schemas) {
    this.schemas = schemas;
    this.access = access;
    this.options = options;
    this.plan = plan;
    this.redactor = redactor;
    this.writer = new ResourceWriter(access, options, ApplySets.forPlan(plan, options));
    this.served = access.served();
    this.definitions = new PlanDefinitions(plan);
  }

  /**
   * The problems of every object the apply would create or change (the live state is read with one list per kind
   * and namespace; unchanged objects are not checked at all). Each is checked against the OpenAPI schema the server
   * publishes for its kind (unknown fields, wrong types, missing required fields); an object that passes is
   * dry-run on the server too when it exists (field-manager conflicts, value rules), when its kind has no published
   * schema, or when every new object is to be dry-run. A custom resource whose CRD is in the plan is checked against
   * that CRD's schema instead ({@link PlanDefinitions}); when the apply leaves the CRD unchanged, the preflight may
   * first wait for the server to serve its kind ({@link UnchangedDefinitions}, up to the executor's timeout). None
   * when the live state cannot be read.
   */
  public List<Problem> problems() {
    ExecutorService pool = pool();
    try {
      return problems(pool);
    } finally {
      // Not shutdownNow: a schema fetch still queued completes, for a later load that may wait for it.
      pool.shutdown();
    }
  }

  private List<Problem> problems(ExecutorService pool) {
    Map<ResourceRef, GenericKubernetesResource> live;
    Map<ResourceRef, ResourceDiff> diffs;
    try {
      PlanDiffer differ = new PlanDiffer(access, options);
      // An object that does not exist will be checked against its kind's schema: read that while the other kinds'
      // lists are still on their way (the first list of a new CRD's kind takes the server most of a second).
      Set<String> prefetched = ConcurrentHashMap.newKeySet();
      live = differ.live(plan, r -> {
        if (definitions.of(r).isEmpty() && prefetched.add(r.apiVersion())) schemas.prefetch(r.apiVersion(), pool);
      });
      diffs = differ.diff(plan, live).resources().stream().collect(Collectors.toMap(ResourceDiff::ref, d -> d));
      liveState = Optional.of(live);
    } catch (RuntimeException e) {
      // The live objects cannot be read (the caller may not list or get them): the access check reports that.
      return List.of();
    }
    Set<ResourceRef> existing = new HashSet<>();
    // A custom resource may use what its CRD, new or changed by this very apply, adds: the served schema cannot judge
    // it, the schema in the plan's CRD can.
    Set<String> redefined = definitions.changed(ref -> changed(diffs.get(ref)));
    PlanDefinitions judging = definitions.judgingUnchangedByLive(live, redefined);
    List<PlannedResource> toCheck = new ArrayList<>();
    Map<ResourceRef, List<Problem>> found = new LinkedHashMap<>();
    for (PlannedResource r : plan.resources()) {
      ResourceDiff diff = diffs.get(r.ref());
      if (!changed(diff)) continue;
      if (redefined.contains(r.ref().groupKind())) {
        found.put(r.ref(), judging.definiteProblems(r, writer.desiredTree(r)));
        continue;
      }
      toCheck.add(r);
      if (diff.action() == ResourceDiff.Action.UPDATE) existing.add(r.ref());
    }
    Map<ResourceRef, Problem> notServed = new UnchangedDefinitions(access, options, judging).await(toCheck, live);
    notServed.forEach((ref, problem) -> found.put(ref, List.of(problem)));
    List<PlannedResource> checkable = toCheck.stream().filter(r -> !notServed.containsKey(r.ref()))
        .collect(Collectors.toList());
    found.putAll(checkServed(checkable, existing, judging, pool));
    List<Problem> problems = new ArrayList<>();
    plan.resources().forEach(r -> problems.addAll(found.getOrDefault(r.ref(), List.of())));
    return problems;
  }

  /**
   * The problems of these objects, whose kinds the server serves: by the schema the server publishes, then by dry
   * runs where that schema cannot judge, where the object exists, or where every new object is to be dry-run.
   */
  private Map<ResourceRef, List<Problem>> checkServed(List<PlannedResource> checkable, Set<ResourceRef> existing,
      PlanDefinitions judging, ExecutorService pool) {
    Map<ResourceRef, List<Problem>> found = new LinkedHashMap<>();
    // Custom resources of the plan's CRDs by the CRD's own schema: the served one lags behind a CRD changed a
    // moment ago (by an apply just before this one).
    ServerSchemas.Loaded loaded = schemas.load(checkable.stream().filter(r -> judging.of(r).isEmpty())
        .map(PlannedResource::apiVersion).collect(Collectors.toCollection(TreeSet::new)), pool);
    List<CompletableFuture<Optional<List<Problem>>>> bySchema = checkable.stream()
        .map(r -> CompletableFuture.supplyAsync(() -> judging.of(r).isPresent()
            ? judging.problems(r, writer.desiredTree(r))
            : SchemaProblems.of(r, writer.desiredTree(r), loaded), pool))
        .collect(Collectors.toList());
    List<PlannedResource> toDryRun = new ArrayList<>();
    for (int i = 0; i < checkable.size(); i++) {
      PlannedResource r = checkable.get(i);
      Optional<List<Problem>> problems = bySchema.get(i).join();
      if (problems.isPresent() && !problems.get().isEmpty()) {
        found.put(r.ref(), problems.get());
      } else if (problems.isEmpty() || existing.contains(r.ref()) || options.dryRunNewObjects()) {
        toDryRun.add(r);
      }
    }
    List<Check> dryRuns = checkAll(toDryRun, existing, pool);
    for (int i = 0; i < toDryRun.size(); i++) found.put(toDryRun.get(i).ref(), dryRuns.get(i).problems);
    return found;
  }

  /**
   * The live objects of the plan as {@link #problems} read them, so that the apply right after it need not read
   * them again; empty before that, or when they could not be read.
   */
  public Optional<Map<ResourceRef, GenericKubernetesResource>> liveState() {
    return liveState;
  }

  private static boolean changed(ResourceDiff diff) {
    return diff != null && diff.action() != ResourceDiff.Action.UNCHANGED;
  }

  /**
   * True for an object a dry run cannot send as it is: its namespace is created by the plan and does not exist
   * yet, or its kind is defined by a CRD of the plan and not served yet. Never on a server without API discovery
   * (fabric8's mock server, which neither keeps namespaces apart nor refuses unserved kinds).
   */
  public boolean needsStandIn(PlannedResource r) {
    if (!served.servesDiscovery()) return false;
    return r.ref().namespace().filter(missingNamespaces()::contains).isPresent()
        || (definitions.of(r).isPresent() && !served.serves(r.apiVersion(), r.ref().kind()));
  }

  /** The plan without the objects that {@link #needsStandIn need a stand-in}, for a dry run of the rest. */
  public Plan withoutStandIns() {
    return Plan.builder().from(plan).waves(plan.waves().stream()
        .map(w -> Wave.builder().from(w)
            .resources(w.resources().stream().filter(r -> !needsStandIn(r)).collect(Collectors.toList())).build())
        .collect(Collectors.toList())).build();
  }

  /** The dry-run results of the objects that {@link #needsStandIn need a stand-in}, in plan order. */
  public List<ResourceResult> standInResults() {
    List<PlannedResource> standIns = plan.resources().stream().filter(this::needsStandIn)
        .collect(Collectors.toList());
    List<Check> done;
    ExecutorService pool = pool();
    try {
      done = checkAll(standIns, Set.of(), pool);
    } finally {
      pool.shutdownNow();
    }
    List<ResourceResult> results = new ArrayList<>();
    for (int i = 0; i < standIns.size(); i++) results.add(result(standIns.get(i), done.get(i)));
    return results;
  }

  private static ResourceResult result(PlannedResource r, Check check) {
    ResourceResult.Builder result = ResourceResult.builder().ref(r.ref()).wave(r.wave());
    if (check.notChecked.isPresent()) {
      return result.outcome(Outcome.NOT_ATTEMPTED).message("not checked by this dry run: " + check.notChecked.get())
          .build();
    }
    if (!check.problems.isEmpty()) {
      return result.outcome(Outcome.FAILED).attempts(1).message(check.problems.stream()
          .map(p -> p.field().map(f -> f + ": ").orElse("") + p.message() + " — " + p.fix())
          .collect(Collectors.joining("; "))).build();
    }
    return result.outcome(Outcome.CREATED).attempts(1).message("checked in namespace '" + check.standIn.orElseThrow()
        + "', as namespace '" + r.ref().namespace().orElseThrow() + "' does not exist yet (this plan creates it)")
        .build();
  }

  private List<Check> checkAll(List<PlannedResource> resources, Set<ResourceRef> existing, ExecutorService pool) {
    List<CompletableFuture<Check>> futures = resources.stream()
        .map(r -> CompletableFuture.supplyAsync(() -> checks.computeIfAbsent(r.ref(),
            ref -> check(r, existing.contains(ref))), pool))
        .collect(Collectors.toList());
    return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }

  private ExecutorService pool() {
    return Executors.newFixedThreadPool(options.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "shipshape-dry-run");
      thread.setDaemon(true);
      return thread;
    });
  }

  private Check check(PlannedResource r, boolean exists) {
    if (!served.serves(r.apiVersion(), r.ref().kind())) {
      String notServed = ServedKinds.notServed(r.apiVersion(), r.ref().kind());
      if (definitions.of(r).isEmpty()) return new Check(List.of(), Optional.of(notServed), Optional.empty());
      List<Problem> problems = definitions.definiteProblems(r, writer.desiredTree(r));
      return problems.isEmpty() ? new Check(List.of(), Optional.of(notServed + " yet (a CustomResourceDefinition of "
          + "this plan defines it; the schema there finds nothing wrong)"), Optional.empty())
          : new Check(problems, Optional.empty(), Optional.empty());
    }
    GenericKubernetesResource desired = writer.desired(r);
    Optional<String> standIn = r.ref().namespace().filter(missingNamespaces()::contains).map(ns -> standIn());
    try {
      if (standIn.isPresent()) {
        desired.getMetadata().setNamespace(standIn.get());
        desired.getMetadata().setGenerateName(r.ref().name().substring(0, Math.min(r.ref().name().length(), 50)));
        desired.getMetadata().setName(null);
        access.operation(desired.getApiVersion(), desired.getKind()).inNamespace(standIn.get()).resource(desired)
            .dryRun().fieldValidation(Validation.STRICT).create();
      } else if (exists && options.strategy() == ApplyStrategy.CLIENT_SIDE) {
        PatchContext patch = PatchContext.of(PatchType.JSON_MERGE);
        patch.setFieldManager(options.fieldManager());
        access.resource(desired).dryRun().fieldValidation(Validation.STRICT).patch(patch, desired);
      } else if (exists) {
        ServerSideApplicable<GenericKubernetesResource> apply = access.resource(desired).dryRun()
            .fieldValidation(Validation.STRICT).fieldManager(options.fieldManager());
        (options.forceConflicts() ? apply.forceConflicts() : apply).serverSideApply();
      } else {
        access.resource(desired).dryRun().fieldValidation(Validation.STRICT).create();
      }
      return new Check(List.of(), Optional.empty(), standIn);
    } catch (KubernetesClientException e) {
      String typeName = r.apiVersion() + " " + r.ref().kind();
      Optional<List<Problem>> problems = Rejection.problems(r.ref(), typeName, e, text -> redact(r, text));
      if (problems.isPresent()) {
        return new Check(standIn.map(ns -> inStandIn(problems.get(), r, ns)).orElse(problems.get()),
            Optional.empty(), standIn);
      }
      return new Check(List.of(), Optional.of(redact(r, Failure.of(e).message)
          + standIn.map(ns -> " (in stand-in namespace '" + ns + "')").orElse("")), standIn);
    }
  }

  private static List<Problem> inStandIn(List<Problem> problems, PlannedResource r, String standIn) {
    return problems.stream().map(p -> Problem.builder().from(p).message(p.message() + " (checked in namespace '"
        + standIn + "', as namespace '" + r.ref().namespace().orElseThrow() + "' does not exist yet)").build())
        .collect(Collectors.toList());
  }

  private String redact(PlannedResource r, String text) {
    return r.isSecret() ? SecretMessageStep.hide(redactor.redact(text)) : redactor.redact(text);
  }

  /** The namespaces the plan creates that the server does not have yet, read once. */
  private synchronized Set<String> missingNamespaces() {
    if (missingNamespaces == null) {
      Set<String> missing = new TreeSet<>();
      for (PlannedResource r : plan.resources()) {
        if (r.ref().groupKind().equals("Namespace") && !Preflight.namespaceExists(access, r.ref().name())) {
          missing.add(r.ref().name());
        }
      }
      missingNamespaces = missing;
    }
    return missingNamespaces;
  }

  /** The first existing namespace, by name, that the plan writes into, else {@code default}. */
  private synchronized String standIn() {
    if (standInNamespace == null) {
      standInNamespace = plan.resources().stream().map(r -> r.ref().namespace()).flatMap(Optional::stream)
          .filter(ns -> !missingNamespaces().contains(ns)).distinct().sorted()
          .filter(ns -> Preflight.namespaceExists(access, ns)).findFirst()
          .orElse(FALLBACK_NAMESPACE);
    }
    return standInNamespace;
  }
}
