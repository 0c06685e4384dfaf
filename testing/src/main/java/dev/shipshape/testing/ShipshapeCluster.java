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
 * injected, connected as a cluster admin. Every namespace a test creates is deleted after it (without waiting for
 * the deletion to finish: give each test namespace names of its own); cluster-scoped objects other than
 * namespaces are left in place.
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
