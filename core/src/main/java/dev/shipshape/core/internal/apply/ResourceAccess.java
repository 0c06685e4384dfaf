package dev.shipshape.core.internal.apply;

import dev.shipshape.core.BuiltInKinds;
import dev.shipshape.core.DefinedKind;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.internal.model.ModelTypes;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes any kind through fabric8's generic resource API. It finds each kind's plural and scope from
 * fabric8's typed model, from the CRDs in the plan, or from API discovery, in that order, and remembers them.
 */
public final class ResourceAccess {
  /** Versions to look for in fabric8's model, GA first. */
  private static final List<String> MODEL_VERSIONS = List.of("v1", "v2", "v1beta1", "v2beta2", "v1beta2",
      "v1alpha1");

  /** Objects per page of a list: kubectl's default {@code --chunk-size}. */
  private static final long LIST_CHUNK = 500;

  private final KubernetesClient client;
  private final ServedKinds served;
  private final Map<String, ResourceDefinitionContext> contexts = new ConcurrentHashMap<>();
  private final Map<String, ResourceDefinitionContext> fromPlanCrds = new HashMap<>();

  public ResourceAccess(KubernetesClient client, Plan plan) {
    this.client = client;
    this.served = new ServedKinds(client);
    for (PlannedResource r : plan.resources()) {
      if (r.ref().groupKind().equals("CustomResourceDefinition.apiextensions.k8s.io")) indexCrd(r.object());
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** What the server serves (API discovery), asked once per group-version for the run. */
  ServedKinds served() {
    return served;
  }

  private void indexCrd(HasMetadata crd) {
    DefinedKind.of(crd).ifPresent(defined -> {
      for (String version : defined.versions()) {
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
            .withGroup(defined.group())
            .withVersion(version)
            .withKind(defined.kind())
            .withPlural(defined.plural())
            .withNamespaced(defined.namespaced())
            .build();
        fromPlanCrds.put(key(apiVersion(defined.group(), version), defined.kind()), context);
      }
    });
  }

  /** The generic operation for objects of this apiVersion and kind. */
  public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> operation(String apiVersion, String kind) {
    return client.genericKubernetesResources(context(apiVersion, kind));
  }

  /** The operation on one object, in its namespace when it has one. */
  public Resource<GenericKubernetesResource> resource(GenericKubernetesResource object) {
    var operation = operation(object.getApiVersion(), object.getKind());
    String ns = object.getMetadata().getNamespace();
    return ns == null ? operation.resource(object) : operation.inNamespace(ns).resource(object);
  }

  /** The operation on one object by reference. */
  public Resource<GenericKubernetesResource> resource(String apiVersion, ResourceRef ref) {
    var operation = operation(apiVersion, ref.kind());
    return ref.namespace().isPresent()
        ? operation.inNamespace(ref.namespace().get()).withName(ref.name())
        : operation.withName(ref.name());
  }

  /** True when objects of this kind are namespaced. */
  public boolean isNamespaced(String apiVersion, String kind) {
    return context(apiVersion, kind).isNamespaceScoped();
  }

  ResourceDefinitionContext context(String apiVersion, String kind) {
    return contexts.computeIfAbsent(key(apiVersion, kind), k -> resolve(apiVersion, kind));
  }

  private ResourceDefinitionContext resolve(String apiVersion, String kind) {
    Optional<Class<? extends KubernetesResource>> typed = typedClass(apiVersion, kind);
    if (typed.isPresent()) return ResourceDefinitionContext.fromResourceType(typed.get());
    ResourceDefinitionContext crd = fromPlanCrds.get(key(apiVersion, kind));
    if (crd != null) return crd;
    Optional<ResourceDefinitionContext> discovered = discover(apiVersion, kind);
    if (discovered.isPresent()) return discovered.get();
    // Last resort: the conventional plural; the scope follows from the group-kind when it is a known one.
    String group = ResourceRef.groupOf(apiVersion);
    String groupKind = group.isEmpty() ? kind : kind + "." + group;
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(ResourceRef.versionOf(apiVersion))
        .withKind(kind)
        .withPlural(Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)))
        .withNamespaced(!BuiltInKinds.isClusterScoped(groupKind))
        .build();
  }

  private Optional<ResourceDefinitionContext> discover(String apiVersion, String kind) {
    return served.resources(apiVersion).flatMap(list -> list.getResources().stream()
        .filter(resource -> kind.equals(resource.getKind()) && !resource.getName().contains("/"))
        .findFirst()
        .map(resource -> ResourceDefinitionContext.fromApiResource(apiVersion, resource)));
  }

  /**
   * A version under which the cluster serves objects of a group-kind ({@code Kind.group}) that the plan no longer
   * holds: the group's preferred version from discovery, else the storage version of the kind's CRD, else a
   * version of fabric8's model for a built-in kind. Every served version reads and deletes the same objects.
   */
  public Optional<String> servedVersion(String groupKind) {
    int dot = groupKind.indexOf('.');
    if (dot < 0) return Optional.of("v1");
    String kind = groupKind.substring(0, dot);
    String group = groupKind.substring(dot + 1);
    return preferredVersion(group).or(() -> crdStorageVersion(group, kind))
        .or(() -> MODEL_VERSIONS.stream().map(v -> group + "/" + v)
            .filter(apiVersion -> typedClass(apiVersion, kind).isPresent()).findFirst());
  }

  private Optional<String> preferredVersion(String group) {
    try {
      return Optional.ofNullable(client.getApiGroup(group)).map(APIGroup::getPreferredVersion)
          .map(GroupVersionForDiscovery::getGroupVersion);
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  private Optional<String> crdStorageVersion(String group, String kind) {
    try {
      return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
          .filter(crd -> group.equals(crd.getSpec().getGroup()) && kind.equals(crd.getSpec().getNames().getKind()))
          .flatMap(crd -> crd.getSpec().getVersions().stream())
          .filter(v -> Boolean.TRUE.equals(v.getStorage()))
          .map(v -> group + "/" + v.getName())
          .findFirst();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  /** fabric8's model class of the kind, found by name (building a deserializer only to learn it cost more). */
  private static Optional<Class<? extends KubernetesResource>> typedClass(String apiVersion, String kind) {
    return ModelTypes.shared().typeOf(apiVersion, kind).filter(HasMetadata.class::isAssignableFrom);
  }

  private static String apiVersion(String group, String version) {
    return group.isEmpty() ? version : group + "/" + version;
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }

  /** The live objects of one namespaced kind in every namespace, one list call (paged when the server asks). */
  public List<GenericKubernetesResource> listInAllNamespaces(String apiVersion, String kind) {
    return listAll(operation(apiVersion, kind).inAnyNamespace());
  }

  /**
   * The live objects of one kind in one namespace (or cluster-wide for cluster-scoped kinds), one list call (paged
   * when the server asks).
   */
  public List<GenericKubernetesResource> list(String apiVersion, String kind, Optional<String> namespace,
      Optional<String> labelSelector) {
    var operation = operation(apiVersion, kind);
    var scoped = namespace.isPresent() ? operation.inNamespace(namespace.get()) : operation;
    var selected = labelSelector.isPresent() ? scoped.withLabelSelector(labelSelector.get()) : scoped;
    return listAll(selected);
  }

  /**
   * One list, which the API server answers from its cache of the kind. While that cache is being filled (the first
   * seconds of a new CRD's kind), kube-apiserver 1.34 refuses a list without a limit with HTTP 429 "storage is
   * (re)initializing" and answers one with a limit from etcd: the list is then read page by page ({@code limit} and
   * {@code continue}, in {@link #LIST_CHUNK chunks}, as kubectl reads it), rather than given up for reads of each
   * object by name.
   */
  private static List<GenericKubernetesResource> listAll(Listable<GenericKubernetesResourceList> listable) {
    try {
      return listable.list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 429) throw e;
      return inChunks(listable);
    }
  }

  private static List<GenericKubernetesResource> inChunks(Listable<GenericKubernetesResourceList> listable) {
    List<GenericKubernetesResource> items = new ArrayList<>();
    ListOptions options = new ListOptionsBuilder().withLimit(LIST_CHUNK).build();
    while (true) {
      GenericKubernetesResourceList page = listable.list(options);
      items.addAll(page.getItems());
      String next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
      if (next == null || next.isEmpty()) return items;
      if (next.equals(options.getContinue())) {
        // A server that ignores continue would be asked for the same page for ever.
        throw new KubernetesClientException("the server answered the same page twice while listing in chunks");
      }
      options = new ListOptionsBuilder().withLimit(LIST_CHUNK).withContinue(next).build();
    }
  }
}
