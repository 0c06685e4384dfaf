package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.internal.KnownResources;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What is asked: a verb on a resource (group, resource, subresource, namespace, name), or a verb on a non-resource
 * URL. Build one with {@link #parse}, which reads resources as {@code kubectl auth can-i} does.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AccessRequest {

  public abstract String verb();

  /** The API group; empty for the core group and for non-resource requests. */
  @Value.Default
  public String apiGroup() {
    return "";
  }

  /** The resource, such as {@code pods}; empty for a non-resource request. */
  @Value.Default
  public String resource() {
    return "";
  }

  /** The subresource, such as {@code log}; empty for none. */
  @Value.Default
  public String subresource() {
    return "";
  }

  /** The namespace; empty for cluster-scoped resources, requests across all namespaces and non-resource URLs. */
  public abstract Optional<String> namespace();

  /** The object name; empty for requests on a collection. */
  public abstract Optional<String> name();

  /** A non-resource URL path such as {@code /healthz}. */
  public abstract Optional<String> nonResourceURL();

  public static Builder builder() {
    return ImmutableAccessRequest.builder();
  }

  /**
   * Parses {@code pods}, {@code pods/log}, {@code deployments.apps}, {@code deployments.apps/scale}, or a URL path
   * starting with {@code /}. A request on a Namespace object by name is in that namespace, as the API server reads
   * it. A bare resource gets its built-in API group ({@code deployments} is in {@code apps});
   * an unknown bare resource is taken to be in the core group, as kubectl does. {@code namespace} and {@code name}
   * may be null or empty.
   *
   * @throws IllegalArgumentException listing every part that cannot exist: a verb that is not lower-case letters
   *     (or {@code *}), a malformed resource, group or subresource, a bare resource that is not a built-in one, or
   *     a namespace that is not a DNS label
   */
  public static AccessRequest parse(String verb, String resource, String namespace, String name) {
    List<String> problems = RequestSyntax.check(verb, resource, namespace);
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
    Builder b = builder().verb(verb);
    if (resource.startsWith("/")) return b.nonResourceURL(resource).build();
    String base = resource;
    int slash = resource.indexOf('/');
    if (slash >= 0) {
      base = resource.substring(0, slash);
      b.subresource(resource.substring(slash + 1));
    }
    int dot = base.indexOf('.');
    if (dot >= 0) {
      b.resource(base.substring(0, dot)).apiGroup(base.substring(dot + 1));
    } else {
      b.resource(base).apiGroup(KnownResources.groupOf(base).orElse(""));
    }
    if (namespace != null && !namespace.isEmpty()) b.namespace(namespace);
    if (name != null && !name.isEmpty()) b.name(name);
    AccessRequest request = b.build();
    // The API server reads /api/v1/namespaces/NAME (and its subresources) as a request in namespace NAME.
    if (request.apiGroup().isEmpty() && request.resource().equals("namespaces") && request.name().isPresent()) {
      return builder().from(request).namespace(request.name()).build();
    }
    return request;
  }

  public boolean isNonResource() {
    return nonResourceURL().isPresent();
  }

  /** {@code pods/log}, {@code deployments.apps}, or the URL path. */
  public String resourceText() {
    if (isNonResource()) return nonResourceURL().get();
    String text = apiGroup().isEmpty() ? resource() : resource() + "." + apiGroup();
    return subresource().isEmpty() ? text : text + "/" + subresource();
  }

  /** {@code get pods/log web in shop}. */
  @Override
  public String toString() {
    return verb() + " " + resourceText() + name().map(n -> " " + n).orElse("")
        + namespace().map(ns -> " in " + ns).orElse(isNonResource() ? "" : " cluster-wide");
  }

  /** Builds {@link AccessRequest}s. */
  public interface Builder {
    /** Starts from every attribute of {@code request}. */
    Builder from(AccessRequest request);

    Builder verb(String verb);

    Builder apiGroup(String apiGroup);

    Builder resource(String resource);

    Builder subresource(String subresource);

    Builder namespace(String namespace);

    Builder namespace(Optional<String> namespace);

    Builder name(String name);

    Builder name(Optional<String> name);

    Builder nonResourceURL(String nonResourceURL);

    Builder nonResourceURL(Optional<String> nonResourceURL);

    AccessRequest build();
  }
}
