package dev.shipshape.core.applyset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Names;
import dev.shipshape.core.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class ApplySetTest {

  /** KEP-3659: base64url, unpadded, of sha256("name.namespace.Kind.group"), as "applyset-<hash>-v1". */
  private static String expectedId(String name, String namespace, String kind, String group)
      throws NoSuchAlgorithmException {
    byte[] hash = MessageDigest.getInstance("SHA-256")
        .digest((name + "." + namespace + "." + kind + "." + group).getBytes(StandardCharsets.UTF_8));
    return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
  }

  @Example
  void theIdOfASpecsParentSecretFollowsTheKep() throws NoSuchAlgorithmException {
    ApplySet set = ApplySet.forSpec("shop", "kube-system");

    assertThat(set.parent()).isEqualTo(ResourceRef.core("Secret", "kube-system", "applyset-shop"));
    // The core group is empty, so the hashed text ends with a dot.
    assertThat(set.id()).isEqualTo(expectedId("applyset-shop", "kube-system", "Secret", ""));
    assertThat(set.id()).isEqualTo("applyset-xJbHyf4BORKGcv58FCKVGrOU2kPZ-v21Z6hHBMhpgqI-v1");
    assertThat(set).hasToString("ApplySet " + set.id() + " (parent Secret kube-system/applyset-shop)");
  }

  @Property
  void everyIdIsAValidLabelValueAndDependsOnNameAndNamespace(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String spec,
      @ForAll @AlphaChars @StringLength(min = 1, max = 40) String namespace) throws NoSuchAlgorithmException {
    String name = spec.toLowerCase();
    String ns = namespace.toLowerCase();

    String id = ApplySet.forSpec(name, ns).id();

    assertThat(id).isEqualTo(expectedId("applyset-" + name, ns, "Secret", ""));
    assertThat(Names.checkLabelValue(id)).isEmpty();
    assertThat(ApplySet.forSpec(name, ns + "x").id()).isNotEqualTo(id);
  }

  @Example
  void groupKindsAreSortedDistinctAndCoreKindsHaveNoGroup() {
    List<ResourceRef> members = List.of(
        ResourceRef.namespaced("apps", "Deployment", "shop", "web"),
        ResourceRef.core("ConfigMap", "shop", "a"),
        ResourceRef.core("ConfigMap", "shop", "b"),
        ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRole", "reader"),
        ResourceRef.core("Namespace", null, "shop"));

    assertThat(ApplySet.groupKinds(members))
        .isEqualTo("ClusterRole.rbac.authorization.k8s.io,ConfigMap,Deployment.apps,Namespace");
  }

  @Example
  void additionalNamespacesLeaveOutTheParentsOwnNamespace() {
    ApplySet set = ApplySet.forSpec("shop", "shop");
    List<ResourceRef> members = List.of(ResourceRef.core("ConfigMap", "shop", "a"),
        ResourceRef.core("ConfigMap", "billing", "b"), ResourceRef.core("ConfigMap", "audit", "c"),
        ResourceRef.core("Namespace", null, "billing"));

    assertThat(set.additionalNamespaces(members)).isEqualTo("audit,billing");
  }

  @Example
  void splitReadsAnnotationValuesBack() {
    assertThat(ApplySet.split(" b, a ,,c")).containsExactly("a", "b", "c");
    assertThat(ApplySet.split(null)).isEmpty();
    assertThat(ApplySet.split("")).isEmpty();
  }
}
