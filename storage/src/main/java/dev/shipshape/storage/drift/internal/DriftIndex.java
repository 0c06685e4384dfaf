package dev.shipshape.storage.drift.internal;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.storage.drift.BackendSnapshot;
import dev.shipshape.storage.drift.BackendVolume;
import dev.shipshape.storage.drift.ClusterStorage;
import dev.shipshape.storage.drift.StorageBackend;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hash indexes over the cluster's objects and the backend's inventory, built once: every check is linear. */
final class DriftIndex {
  final ClusterStorage cluster;
  final StorageBackend backend;
  final Map<String, BackendVolume> volumesById = new HashMap<>();
  final Map<String, BackendSnapshot> snapshotsById = new HashMap<>();
  final Set<String> referencedHandles = new HashSet<>();
  final Map<String, Node> nodesByName = new HashMap<>();
  final Map<String, String> nodeByInstance = new HashMap<>();
  final Map<String, List<VolumeAttachment>> attachmentsByVolume = new HashMap<>();
  final Map<String, PersistentVolumeClaim> claimsByKey = new HashMap<>();
  final Map<String, Event> latestEventByClaim = new HashMap<>();
  final Set<String> storageClasses = new HashSet<>();
  /** StorageClasses with volumeBindingMode WaitForFirstConsumer. */
  final Set<String> waitingClasses = new HashSet<>();
  final Set<String> csiDrivers = new HashSet<>();
  /** The drivers a node plugin registered on some node (its CSINode). */
  final Set<String> registeredDrivers = new HashSet<>();

  DriftIndex(ClusterStorage cluster, StorageBackend backend) {
    this.cluster = cluster;
    this.backend = backend;
    backend.volumes().forEach(v -> volumesById.put(v.id(), v));
    backend.snapshots().forEach(s -> snapshotsById.put(s.id(), s));
    for (PersistentVolume pv : cluster.persistentVolumes()) handle(pv).ifPresent(referencedHandles::add);
    for (Node node : cluster.nodes()) {
      nodesByName.put(node.getMetadata().getName(), node);
      instanceOf(node).ifPresent(instance -> nodeByInstance.put(instance, node.getMetadata().getName()));
    }
    for (VolumeAttachment va : cluster.volumeAttachments()) {
      String pv = va.getSpec().getSource() == null ? null : va.getSpec().getSource().getPersistentVolumeName();
      if (pv != null) attachmentsByVolume.computeIfAbsent(pv, k -> new ArrayList<>()).add(va);
    }
    cluster.claims().forEach(c -> claimsByKey.put(key(c), c));
    for (Event event : cluster.claimEvents()) {
      if (event.getInvolvedObject() == null) continue;
      String key = event.getInvolvedObject().getNamespace() + "/" + event.getInvolvedObject().getName();
      Event latest = latestEventByClaim.get(key);
      if (latest == null || time(event).isAfter(time(latest))) latestEventByClaim.put(key, event);
    }
    for (StorageClass storageClass : cluster.storageClasses()) {
      storageClasses.add(storageClass.getMetadata().getName());
      if ("WaitForFirstConsumer".equals(storageClass.getVolumeBindingMode())) {
        waitingClasses.add(storageClass.getMetadata().getName());
      }
    }
    cluster.csiDrivers().forEach(d -> csiDrivers.add(d.getMetadata().getName()));
    cluster.csiNodes().stream().filter(n -> n.getSpec() != null && n.getSpec().getDrivers() != null)
        .forEach(n -> n.getSpec().getDrivers().forEach(d -> registeredDrivers.add(d.getName())));
  }

  /** The CSI volume handle of a PersistentVolume. */
  static Optional<String> handle(PersistentVolume pv) {
    return Optional.ofNullable(pv.getSpec().getCsi()).map(csi -> csi.getVolumeHandle());
  }

  static Optional<String> driver(PersistentVolume pv) {
    return Optional.ofNullable(pv.getSpec().getCsi()).map(csi -> csi.getDriver());
  }

  /** True when the PersistentVolume is a CSI volume of one of the backend's drivers. */
  boolean judged(PersistentVolume pv) {
    return driver(pv).map(backend.drivers()::contains).orElse(false);
  }

  /** The backend instance of a node: the last segment of its providerID. */
  static Optional<String> instanceOf(Node node) {
    String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
    if (providerId == null || providerId.isEmpty()) return Optional.empty();
    return Optional.of(providerId.substring(providerId.lastIndexOf('/') + 1)).filter(s -> !s.isEmpty());
  }

  Optional<String> instanceOfNode(String nodeName) {
    return Optional.ofNullable(nodesByName.get(nodeName)).flatMap(DriftIndex::instanceOf);
  }

  List<VolumeAttachment> attachmentsOf(String pvName) {
    return attachmentsByVolume.getOrDefault(pvName, List.of());
  }

  static String key(PersistentVolumeClaim claim) {
    return claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName();
  }

  static ResourceRef pvRef(String name) {
    return ResourceRef.core("PersistentVolume", null, name);
  }

  static ResourceRef claimRef(String namespace, String name) {
    return ResourceRef.core("PersistentVolumeClaim", namespace, name);
  }

  static ResourceRef attachmentRef(String name) {
    return ResourceRef.clusterScoped("storage.k8s.io", "VolumeAttachment", name);
  }

  static Instant time(Event event) {
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return parse(event.getEventTime().getTime());
    }
    if (event.getLastTimestamp() != null) return parse(event.getLastTimestamp());
    return created(event);
  }

  static Instant created(HasMetadata object) {
    return parse(object.getMetadata().getCreationTimestamp());
  }

  static Optional<Instant> deleted(HasMetadata object) {
    String deletion = object.getMetadata().getDeletionTimestamp();
    return deletion == null ? Optional.empty() : Optional.of(parse(deletion));
  }

  private static Instant parse(String timestamp) {
    if (timestamp == null) return Instant.EPOCH;
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
