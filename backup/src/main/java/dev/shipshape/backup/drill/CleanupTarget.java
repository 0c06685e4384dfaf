package dev.shipshape.backup.drill;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * What a restore drill deletes when it is done: one object by name, or every cluster-scoped object of a kind that
 * carries some labels, such as the persistent volumes Velero labels with the restore's name, narrowed for volumes to
 * those whose claim was in some namespaces. {@link #toString()} names it, {@link #kubectl()} deletes it from the
 * command line.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class CleanupTarget {

  /** The API version, such as {@code v1} or {@code velero.io/v1}. */
  public abstract String apiVersion();

  public abstract String kind();

  /** The namespace; empty for cluster-scoped kinds. */
  public abstract Optional<String> namespace();

  /** The object's name; empty when the target is every object carrying {@link #labels()}. */
  public abstract Optional<String> name();

  /** The labels selecting the objects; empty when {@link #name()} names one. */
  public abstract Map<String, String> labels();

  /**
   * For persistent volumes selected by {@link #labels()}: only those whose claim ({@code spec.claimRef}) is, or
   * was, in one of these namespaces. Empty: every labelled object.
   */
  public abstract List<String> claimNamespaces();

  /** One object; {@code namespace} is null for cluster-scoped kinds. */
  public static CleanupTarget object(String apiVersion, String kind, String namespace, String name) {
    return ImmutableCleanupTarget.builder().apiVersion(apiVersion).kind(kind).namespace(Optional.ofNullable(namespace))
        .name(name).build();
  }

  /** Every object of a cluster-scoped kind carrying the label {@code key=value}. */
  public static CleanupTarget labelled(String apiVersion, String kind, String key, String value) {
    return ImmutableCleanupTarget.builder().apiVersion(apiVersion).kind(kind).labels(Map.of(key, value)).build();
  }

  /**
   * The persistent volumes labelled {@code key=value} whose claim is, or was, in one of {@code claimNamespaces}.
   * Velero labels what a restore creates with the restore's name only ({@code velero.io/restore-name}; the
   * restore's UID marks only Velero's own objects, such as PodVolumeRestores), so two Velero installs that each
   * run a restore of one name label their volumes alike: the namespaces of the claims tell them apart.
   */
  public static CleanupTarget volumesClaimedIn(String key, String value, List<String> claimNamespaces) {
    return ImmutableCleanupTarget.builder().apiVersion("v1").kind("PersistentVolume").labels(Map.of(key, value))
        .claimNamespaces(claimNamespaces).build();
  }

  /** The label selector of {@link #labels()}, as {@code key=value,…}. */
  public String labelSelector() {
    return labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /**
   * The kubectl command that deletes it, such as {@code kubectl -n velero delete restore.velero.io shop-drill} or
   * {@code kubectl delete persistentvolume -l velero.io/restore-name=shop-drill}. For volumes of {@link
   * #claimNamespaces()}, a pipeline that deletes only those that are {@code Released} (their claim is gone) and
   * whose claim was in one of those namespaces, leaving volumes of reclaim policy {@code Delete} to the
   * PersistentVolume controller, which deletes them with their storage (deleting such a volume without a finalizer
   * that holds it keeps its storage). The controller marks a volume {@code Released} some time after its claim is
   * gone, so the pipeline lists on standard error each volume of those namespaces not {@code Released} yet, with
   * its phase: it is to be re-run until it lists nothing.
   */
  public String kubectl() {
    String group = ResourceRef.groupOf(apiVersion());
    String resource = kind().toLowerCase(Locale.ROOT) + (group.isEmpty() ? "" : "." + group);
    if (!claimNamespaces().isEmpty()) {
      String claimed = claimNamespaces().stream().map(ns -> "$3 == \"" + ns + "\"")
          .collect(Collectors.joining(" || ", "(", ")"));
      return "kubectl get " + resource + " -l " + labelSelector() + " --no-headers -o custom-columns=NAME:"
          + ".metadata.name,PHASE:.status.phase,CLAIM:.spec.claimRef.namespace,POLICY:.spec"
          + ".persistentVolumeReclaimPolicy | awk '" + claimed + " {if ($2 == \"Released\") {if ($4 != \"Delete\")"
          + " print $1} else print \"PersistentVolume \" $1 \" is \" $2 \", not Released yet: re-run this command"
          + " until it lists nothing\" > \"/dev/stderr\"}' | xargs -r kubectl delete " + resource;
    }
    return "kubectl " + namespace().map(ns -> "-n " + ns + " ").orElse("") + "delete " + resource + " "
        + name().orElseGet(() -> "-l " + labelSelector());
  }

  /**
   * {@code Kind.group namespace/name} as {@link ResourceRef} writes it, such as {@code Namespace shop-drill}, or
   * {@code Kind labelled key=value} for the objects carrying labels, followed by {@code claimed in ns, …} for
   * volumes of {@link #claimNamespaces()}.
   */
  @Override
  public String toString() {
    String group = ResourceRef.groupOf(apiVersion());
    return (group.isEmpty() ? kind() : kind() + "." + group) + " "
        + name().map(n -> namespace().map(ns -> ns + "/").orElse("") + n)
            .orElseGet(() -> "labelled " + labelSelector())
        + (claimNamespaces().isEmpty() ? "" : " claimed in " + String.join(", ", claimNamespaces()));
  }
}
