package dev.shipshape.testing;

import dev.shipshape.testing.internal.ShipshapeClusterExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class (or method) a Kubernetes cluster: declare a
 * {@code io.fabric8.kubernetes.client.KubernetesClient} parameter on the test method (or constructor) and it is
 * injected, connected as a cluster admin. After each test the namespaces it created are deleted, without waiting
 * for the deletion to finish (give each test namespace names of its own); cluster-scoped objects other than
 * namespaces are left in place. Which namespaces depends on whom the server belongs to:
 *
 * <ul>
 *   <li>{@link ClusterMode#EMBEDDED} and {@link ClusterMode#CONTROL_PLANE}, servers private to the test JVM: every
 *       namespace that did not exist when the test began, whichever client created it (the injected one, another
 *       client of {@link LocalControlPlane}, the {@code shipshape} command, {@code kubectl} or Helm pointed at
 *       {@link LocalControlPlane#kubeconfig()}, a controller, a test running at the same time), including one
 *       deleted and created again under a name that existed. The namespaces that existed when the test began are
 *       not deleted.
 *   <li>{@link ClusterMode#KUBECONFIG}, an existing cluster others may share: only the namespaces the test created
 *       through the injected client (directly, by applying a spec with it, or with {@link TestNamespaces#create}),
 *       each deleted only while it is the namespace that client created (its uid). Nothing else: not the namespaces
 *       that existed before, nor those other clients create meanwhile (another CI job, a person, or the test
 *       itself through another client), nor one of the test's that someone else deleted and created again.
 * </ul>
 *
 * <pre>{@code
 * @ShipshapeCluster(ClusterMode.CONTROL_PLANE)
 * class ShopSpecTest {
 *   @Test
 *   void applies(KubernetesClient client) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ShipshapeClusterExtension.class)
public @interface ShipshapeCluster {
  /** Which cluster; the embedded mock server by default. */
  ClusterMode value() default ClusterMode.EMBEDDED;
}
