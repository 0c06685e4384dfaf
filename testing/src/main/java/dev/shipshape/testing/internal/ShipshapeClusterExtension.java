package dev.shipshape.testing.internal;

import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ShipshapeCluster}: skips (or, when required, fails) tests whose cluster is
 * unavailable, injects a {@link KubernetesClient}, and deletes the namespaces each test created, as
 * {@link ShipshapeCluster} says for each {@link ClusterMode}.
 */
public final class ShipshapeClusterExtension implements ExecutionCondition, BeforeEachCallback, AfterEachCallback,
    ParameterResolver, TestInstantiationAwareExtension {
  /** Set to {@code 1} where a skipped control-plane test must fail instead (CI). */
  public static final String REQUIRE_ENVIRONMENT = "SHIPSHAPE_REQUIRE_CONTROL_PLANE";
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(ShipshapeClusterExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> unavailable = unavailable(mode(context));
    if (unavailable.isEmpty()) return ConditionEvaluationResult.enabled("cluster available");
    if (mode(context) == ClusterMode.CONTROL_PLANE && required()) {
      return ConditionEvaluationResult.enabled("required: fails in beforeEach");
    }
    return ConditionEvaluationResult.disabled(unavailable.get());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ClusterMode mode = mode(context);
    Optional<String> unavailable = unavailable(mode);
    if (unavailable.isPresent()) {
      throw new IllegalStateException(REQUIRE_ENVIRONMENT + "=1 but the local control plane cannot start: "
          + unavailable.get());
    }
    session(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClusterSession session = context.getStore(STORE).get(ClusterSession.class, ClusterSession.class);
    if (session != null) session.deleteCreatedNamespaces();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return session(context).client();
  }

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  private static ClusterSession session(ExtensionContext context) {
    ClusterMode mode = mode(context);
    // The store closes the session (its client, and the embedded server) when the test's context closes.
    return context.getStore(STORE).getOrComputeIfAbsent(ClusterSession.class, key -> ClusterSession.open(mode),
        ClusterSession.class);
  }

  private static Optional<String> unavailable(ClusterMode mode) {
    switch (mode) {
      case CONTROL_PLANE:
        return LocalControlPlane.available();
      case KUBECONFIG:
        return ClusterSession.kubeconfigContext().isPresent() ? Optional.empty()
            : Optional.of(ClusterSession.noContext());
      default:
        return Optional.empty();
    }
  }

  private static boolean required() {
    return "1".equals(System.getenv(REQUIRE_ENVIRONMENT));
  }

  static ClusterMode mode(ExtensionContext context) {
    for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
        current = current.get().getParent()) {
      Optional<ShipshapeCluster> annotation = current.get().getElement()
          .flatMap(element -> AnnotationSupport.findAnnotation(element, ShipshapeCluster.class));
      if (annotation.isPresent()) return annotation.get().value();
    }
    return ClusterMode.EMBEDDED;
  }
}
