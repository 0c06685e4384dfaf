package dev.shipshape.core.internal.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-side apply request (a {@code PATCH} of type {@code application/apply-patch+yaml}) whose answer is read
 * only for its status: the executor needs nothing of the object the server returns, so it asks for its metadata
 * alone ({@code as=PartialObjectMetadata}, an alternate representation the API server offers for every request,
 * PATCH included, https://kubernetes.io/docs/reference/using-api/api-concepts/; a server that does not offer it
 * answers with the whole object, the Accept header's second choice) and does not parse it. Otherwise it is the
 * request of fabric8's {@code serverSideApply()} (path, parameters, content type and body, through the same HTTP
 * client: its interceptors, authentication and timeout), with the {@code fieldManager} URL-encoded; the server's
 * warnings are logged at debug level, as fabric8 logs them for a request without field validation; a failure is
 * the {@link KubernetesClientException} fabric8 throws: with the server's {@code Status} for an answer, without a
 * status code for a transport failure. fabric8's call also parsed the answer into a new object and its URL back.
 *
 * <p>After a preflight, a write (not a dry run) asks the server for no field validation ({@code
 * fieldValidation=Ignore}). By the API's definition, the server's default, {@code Warn}, writes and refuses what
 * {@code Ignore} does and adds a warning for each unknown field it drops and each duplicate field (which a body
 * written by Jackson cannot have); the executor logs those warnings at debug level only, and they cost a second,
 * strict parse of each patch (3 % of the API server's CPU over a first apply of 1,706 objects, in its profile). The
 * preflight is what tells the user of an unknown field, as an error and before the first write, for the objects it
 * checks; without one, the server's warnings are kept for the debug log.
 */
final class ApplyPatch {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyPatch.class);
  private static final String CONTENT_TYPE = "application/apply-patch+yaml";
  private static final String ACCEPT =
      "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

  private final ResourceAccess access;
  private final String root;
  private final long timeoutMillis;
  private final boolean afterPreflight;

  /** Writes through {@code access}; {@code afterPreflight} when a preflight runs before the writes. */
  ApplyPatch(ResourceAccess access, boolean afterPreflight) {
    this.access = access;
    this.afterPreflight = afterPreflight;
    KubernetesClient client = access.client();
    String master = client.getMasterUrl().toString();
    this.root = master.endsWith("/") ? master : master + "/";
    Integer timeout = client.getConfiguration().getRequestTimeout();
    this.timeoutMillis = timeout == null ? 0 : timeout;
  }

  /** Applies {@code object} as {@code fieldManager}; throws what fabric8's {@code serverSideApply()} would. */
  void send(GenericKubernetesResource object, String fieldManager, boolean force, boolean dryRun) {
    KubernetesClient client = access.client();
    HttpClient http = client.getHttpClient();
    HttpRequest.Builder builder = http.newHttpRequestBuilder()
        .uri(url(object, fieldManager, force, dryRun))
        .patch(CONTENT_TYPE, client.getKubernetesSerialization().asJson(object))
        .header("Accept", ACCEPT);
    if (timeoutMillis > 0) builder.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.sendAsync(request, byte[].class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KubernetesClientException.launderThrowable(e);
    } catch (ExecutionException e) {
      throw transportFailure(e.getCause());
    }
    List<String> warnings = response.headers("Warning");
    if (warnings != null && !warnings.isEmpty()) {
      LOG.debug("Received warning(s) from request {}: {}", request.uri(), warnings);
    }
    if (!response.isSuccessful()) {
      throw OperationSupport.requestFailure(request,
          OperationSupport.createStatus(response, client.getKubernetesSerialization()));
    }
  }

  /**
   * What fabric8 throws when a request got no answer: its own exception as the cause of a copy, anything else (an
   * {@code IOException}, or a closed connection or reset stream of the Vert.x client) wrapped without a code, which
   * {@link Failure#of} takes for a connection failure to retry.
   */
  static KubernetesClientException transportFailure(Throwable cause) {
    if (cause instanceof KubernetesClientException) return ((KubernetesClientException) cause).copyAsCause();
    return new KubernetesClientException(cause.getMessage(), cause);
  }

  /**
   * A write, not a dry run, after a preflight that could check the objects: the server serves API discovery (on one
   * that does not, such as fabric8's mock server, the preflight checks nothing).
   */
  private boolean checkedByPreflight(boolean dryRun) {
    return afterPreflight && !dryRun && access.served().servesDiscovery();
  }

  /**
   * {@code .../namespaces/NS/PLURAL/NAME?fieldManager=M}, as fabric8 builds it, without its URL parsing; with
   * {@code fieldValidation=Ignore} for a write checked by a preflight.
   */
  String url(GenericKubernetesResource object, String fieldManager, boolean force, boolean dryRun) {
    ResourceDefinitionContext context = access.context(object.getApiVersion(), object.getKind());
    StringBuilder url = new StringBuilder(root);
    url.append(context.getGroup() == null || context.getGroup().isEmpty() ? "api/" : "apis/" + context.getGroup() + "/")
        .append(context.getVersion());
    if (context.isNamespaceScoped()) {
      String namespace = object.getMetadata().getNamespace();
      if (namespace == null || namespace.isEmpty()) namespace = access.client().getNamespace();
      if (namespace == null) {
        throw new KubernetesClientException("namespace not specified for an operation requiring one and no default "
            + "was found in the Config.");
      }
      url.append("/namespaces/").append(namespace);
    }
    url.append('/').append(context.getPlural()).append('/').append(object.getMetadata().getName())
        .append("?fieldManager=").append(URLEncoder.encode(fieldManager, StandardCharsets.UTF_8));
    if (dryRun) url.append("&dryRun=All");
    if (force) url.append("&force=true");
    if (checkedByPreflight(dryRun)) url.append("&fieldValidation=Ignore");
    return url.toString();
  }
}
