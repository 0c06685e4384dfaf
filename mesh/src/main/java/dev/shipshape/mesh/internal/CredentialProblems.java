package dev.shipshape.mesh.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Credentials;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The problems that the checks of DestinationRule and Gateway credentials share, in one wording. */
final class CredentialProblems {
  private CredentialProblems() {}

  /** A {@code kubernetes-gateway://} credential where Istio never verifies it. */
  static Problem gatewayApi(ResourceRef ref, String field, String credentialName, String reader) {
    return Problem.error(ref, field, "credential " + credentialName + " uses the kubernetes-gateway:// form, which "
            + "istiod serves a proxy only when a Gateway in the proxy's own namespace names it, not for " + reader,
        "name the Secret without prefix (or with kubernetes://)");
  }

  /** A Secret of another namespace than the proxies that read it. */
  static Problem crossNamespace(ResourceRef ref, String field, Credentials credential, String namespace,
      String readers) {
    return Problem.error(ref, field, "credential names Secret " + credential.namespace().orElse("") + "/"
            + credential.name() + ", but Istio serves " + readers + " only Secrets of their own namespace "
            + namespace, "put the Secret in " + namespace + " and name it " + credential.name());
  }

  /**
   * A warning that istiod does not serve {@code readers} the Secret {@code namespace/secret}: their ServiceAccount
   * {@code account} may not list Secrets there as far as the spec's RBAC tells ({@link SecretListGrants}).
   */
  static Problem listDenied(ResourceRef ref, String field, String namespace, String secret, String account,
      String readers, String consequence) {
    return Problem.warning(ref, field, "istiod serves Secret " + namespace + "/" + secret + " to " + readers
            + " only if their ServiceAccount " + namespace + "/" + account + " may list Secrets in " + namespace
            + ", and no Role or ClusterRole binding of the spec grants it; without that grant " + consequence,
        "bind ServiceAccount " + account + " to a Role in " + namespace + " that allows verb list on secrets "
            + "(apiGroups [\"\"]), unless the cluster grants it otherwise");
  }

  /** A warning when the Secret or ConfigMap {@code credential} is neither in the spec nor declared. */
  static void present(SpecContext context, ResourceRef ref, String field, ResourceRef credential,
      List<Problem> problems) {
    if (context.find(credential).isPresent() || context.isPreExisting(credential)) return;
    String namespace = credential.namespace().orElse("");
    problems.add(Problem.warning(ref, field, credential.kind() + " " + namespace + "/" + credential.name()
            + ", where Istio reads this credential, is neither in the spec nor declared pre-existing; until it "
            + "exists, connections that need it fail",
        "add the " + credential.kind() + " to the spec in " + namespace + ", or declare it with "
            + "preExistingResource"));
  }

  /** The namespace of an object, {@code default} when it names none (where the API server puts it). */
  static String namespace(HasMetadata o) {
    String namespace = o.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }
}
