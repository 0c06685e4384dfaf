package dev.shipshape.storage.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.DurationConverter;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.FindingOptions;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.LiveOptions;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.ReportFormat;
import dev.shipshape.storage.drift.Inventories;
import dev.shipshape.storage.drift.InventoryException;
import dev.shipshape.storage.drift.InventoryFormat;
import dev.shipshape.storage.drift.StorageBackend;
import dev.shipshape.storage.drift.StorageDrift;
import dev.shipshape.storage.drift.StorageDriftDetector;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shipshape storage drift --live --inventory FILE}: drift between a cluster and its storage backend. */
@Command(name = "drift",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Compares a live cluster's PersistentVolumes, claims, VolumeAttachments, StorageClasses, "
        + "CSIDrivers, Nodes and VolumeSnapshotContents (read-only, one list request per kind) with the storage "
        + "backend's inventory, matched by CSI volume handle, and reports orphaned and missing volumes, Released "
        + "volumes kept by Retain, objects stuck Terminating, claims Pending too long, attachments to missing "
        + "nodes or lost in the backend, size mismatches, and volumes of missing classes or drivers.",
        "The inventory is what the cloud's CLI exports: 'openstack volume list --long -f json' and 'openstack "
        + "volume snapshot list --long -f json'; 'aws ec2 describe-volumes' and 'aws ec2 describe-snapshots "
        + "--owner-ids self'; or the generic JSON format of the SDK's InventoryFormat. Nothing is changed: "
        + "--remediation prints the kubectl and provider commands to review and run yourself."})
final class StorageDriftCommand extends PluginCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  StorageDriftCommand(CliContext context) {
    super(context);
  }

  @Mixin
  LiveOptions liveOptions;

  @Option(names = "--inventory", paramLabel = "FILE", required = true, description = "An inventory file: volumes, "
      + "snapshots or (generic) both; repeat for several files of the same provider.")
  List<Path> inventories = new ArrayList<>();

  @Option(names = "--provider", paramLabel = "P", description = "openstack, aws or generic. By default, guessed "
      + "from the first file: a JSON array is OpenStack's, {\"Volumes\"|\"Snapshots\"} AWS's, {\"volumes\"} "
      + "generic.")
  String provider;

  @Mixin
  FindingOptions findingOptions;

  @Option(names = "--remediation", description = "Also print the remediation plan: which objects to patch or "
      + "delete and which backend volumes to review, with the commands (never run by this tool).")
  boolean remediation;

  @Option(names = "--pending-after", paramLabel = "D", converter = DurationConverter.class, description = "How "
      + "long a claim may stay Pending before it is reported, such as 10m. By default, 5m.")
  Duration pendingAfter;

  @Option(names = "--terminating-after", paramLabel = "D", converter = DurationConverter.class, description = "How "
      + "long an object may stay Terminating before it is reported. By default, 5m.")
  Duration terminatingAfter;

  @Override
  public Integer call() {
    liveOptions.requireLiveForClusterOptions();
    if (!liveOptions.live()) {
      throw new CliException(ExitCode.USAGE, "drift compares a live cluster with its backend — add --live (with "
          + "--kubeconfig, --context or --embedded to choose the cluster)");
    }
    if (remediation && findingOptions.format() == ReportFormat.SARIF) {
      throw new CliException(ExitCode.USAGE, "SARIF has no place for the remediation plan — use --format text or "
          + "json with --remediation");
    }
    StorageDriftDetector.Builder detector = StorageDriftDetector.builder().backend(backend());
    if (pendingAfter != null) detector.pendingAfter(pendingAfter);
    if (terminatingAfter != null) detector.terminatingAfter(terminatingAfter);
    StorageDrift drift = detect(detector.build());
    FindingReport report = findingOptions.shown(drift.report(), Optional.empty());
    Output.print(out(), render(report, drift));
    return (report.failed() ? ExitCode.NO : ExitCode.OK).code();
  }

  private String render(FindingReport report, StorageDrift drift) {
    if (!remediation) return report.render(findingOptions.format());
    if (findingOptions.format() == ReportFormat.JSON) {
      return "{\"report\": " + report.toJson().strip() + ", \"remediation\": " + drift.remediation().toJson().strip()
          + "}" + System.lineSeparator();
    }
    return report.toText() + System.lineSeparator() + drift.remediation().toText();
  }

  private StorageBackend backend() {
    InventoryFormat chosen;
    try {
      chosen = provider != null ? InventoryFormat.parse(provider) : guess(inventories.get(0));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
    try {
      return Inventories.read(chosen, inventories);
    } catch (InventoryException e) {
      throw new CliException(ExitCode.INVALID_INPUT, e.getMessage(), e);
    }
  }

  private static InventoryFormat guess(Path file) {
    String text;
    try {
      text = Files.readString(file).stripLeading();
    } catch (IOException e) {
      throw new CliException(ExitCode.INVALID_INPUT, file + ": cannot be read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")", e);
    }
    try {
      JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new CliException(ExitCode.INVALID_INPUT, file + ": not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
          + " — pass the inventory as the provider's command line exported it", e);
    }
    if (text.startsWith("[")) return InventoryFormat.OPENSTACK;
    if (text.contains("\"Volumes\"") || text.contains("\"Snapshots\"")) return InventoryFormat.AWS;
    if (text.contains("\"volumes\"") || text.contains("\"snapshots\"")) return InventoryFormat.GENERIC;
    throw new CliException(ExitCode.USAGE, file + ": cannot tell which provider exported it — pass --provider "
        + "openstack, aws or generic");
  }

  private StorageDrift detect(StorageDriftDetector detector) {
    try (LiveCluster target = context().connect(liveOptions.cluster())) {
      try {
        return detector.detect(target.client());
      } catch (KubernetesClientException e) {
        throw new CliException(ExitCode.CLUSTER, "cannot read the storage objects of " + target.description()
            + ": " + e.getMessage() + " — check the connection and your permissions (drift lists PersistentVolumes,"
            + " claims, VolumeAttachments, StorageClasses, CSIDrivers, Nodes, Events and VolumeSnapshotContents)", e);
      }
    }
  }
}
