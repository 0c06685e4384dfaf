package dev.shipshape.testing;

import com.google.common.base.Suppliers;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.testing.internal.ControlPlaneAssets;
import dev.shipshape.testing.internal.ControlPlaneProcesses;
import dev.shipshape.testing.internal.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real Kubernetes control plane on loopback for tests: etcd and kube-apiserver (and kube-controller-manager when
 * its binary is present) started as child processes from a folder of binaries, on free 127.0.0.1 ports, with a
 * CA and certificates generated for the run in a temporary folder. RBAC, admission (Pod Security, ResourceQuota,
 * ServiceAccount), server-side apply, dry run and strict field validation behave as on any cluster; there is no
 * scheduler or kubelet, so Pods stay {@code Pending} and workloads become ready only when a test writes their
 * status through the {@code status} subresource, as a controller would.
 *
 * <p>The binaries come from the folder named by system property {@code shipshape.control-plane.assets}, else by
 * environment variable {@code KUBEBUILDER_ASSETS} (the convention of controller-runtime's envtest, so binaries a
 * Go operator project already has work): {@code kube-apiserver} and {@code etcd} (also found on the {@code PATH}),
 * optionally {@code kube-controller-manager} (namespace deletion, default ServiceAccounts, garbage collection).
 *
 * <p>One instance per JVM: {@link #shared()} starts it on first use and stops it, deleting its folder, when the JVM
 * exits.
 */
public final class LocalControlPlane {
  private static final Supplier<Started> SHARED = Suppliers.memoize(LocalControlPlane::startShared);

  private final ControlPlaneProcesses processes;

  private LocalControlPlane(ControlPlaneProcesses processes) {
    this.processes = processes;
  }

  /**
   * The control plane of this JVM, started on first call (typically 5-15 s) and stopped when the JVM exits.
   *
   * @throws IllegalStateException naming what is missing when it cannot start (see {@link #available()}), or with
   *     the end of the failing process's log when a process exits or does not become ready
   */
  public static LocalControlPlane shared() {
    return SHARED.get().get();
  }

  /** Why a control plane cannot start here (binaries missing, with what to set), or empty when it can. */
  public static Optional<String> available() {
    return ControlPlaneAssets.locate(System.getenv(), System.getProperty(ControlPlaneAssets.PROPERTY)).reason();
  }

  /** A new client authenticated as a cluster admin (group {@code system:masters}). Close it when done. */
  public KubernetesClient adminClient() {
    return client("shipshape-admin", "system:masters");
  }

  /**
   * A new client authenticated by a client certificate as this user in these groups (plus
   * {@code system:authenticated}, which the server adds), for RBAC tests. Close it when done.
   */
  public KubernetesClient client(String user, String... groups) {
    return KubernetesExecutor.clientFor(Kubeconfigs.clientConfig(url(), processes.pki(), user, List.of(groups)));
  }

  /**
   * A new client authenticated as this ServiceAccount: user {@code system:serviceaccount:NAMESPACE:NAME} in groups
   * {@code system:serviceaccounts} and {@code system:serviceaccounts:NAMESPACE}, the identity the API server gives
   * the account's tokens, so RBAC bindings to the ServiceAccount apply. The ServiceAccount need not exist. Close it
   * when done.
   */
  public KubernetesClient clientFor(String namespace, String serviceAccount) {
    return client("system:serviceaccount:" + namespace + ":" + serviceAccount, "system:serviceaccounts",
        "system:serviceaccounts:" + namespace);
  }

  /** An admin kubeconfig file for this control plane, e.g. for {@code kubectl --kubeconfig} or the CLI. */
  public Path kubeconfig() {
    return processes.kubeconfig();
  }

  /** The API server's URL, {@code https://127.0.0.1:PORT}. */
  public String url() {
    return processes.url();
  }

  private static Started startShared() {
    ControlPlaneAssets.Result located = ControlPlaneAssets.locate(System.getenv(),
        System.getProperty(ControlPlaneAssets.PROPERTY));
    if (located.found().isEmpty()) return new Started(null, new IllegalStateException(located.reason().get()));
    try {
      ControlPlaneProcesses processes = ControlPlaneProcesses.start(located.found().get());
      Runtime.getRuntime().addShutdownHook(new Thread(processes::stop, "shipshape-control-plane-stop"));
      return new Started(new LocalControlPlane(processes), null);
    } catch (RuntimeException e) {
      return new Started(null, e);
    }
  }

  /** The shared instance or why it could not start; remembered, so a failed start is not retried by every test. */
  private record Started(LocalControlPlane instance, RuntimeException failure) {
    LocalControlPlane get() {
      if (instance == null) throw new IllegalStateException(failure.getMessage(), failure);
      return instance;
    }
  }
}
