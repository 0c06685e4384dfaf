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
 * injected, connected as a cluster admin. Every namespace the test creates through that client (directly, by
 * applying a spec with it, or with {@link TestNamespaces#create}) is deleted after it, without waiting for the
 * deletion to finish: give each test namespace names of its own. Nothing else is deleted: not the namespaces that
 * existed before, nor those other clients create meanwhile (another test, a CI job or a person sharing a
 * {@link ClusterMode#KUBECONFIG} cluster), nor one of the test's that someone else has deleted and created again;
 * cluster-scoped objects other than namespaces are left in place.
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
