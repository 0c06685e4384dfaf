package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.BackupStorageLocation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a BackupStorageLocation keeps backups: a location whose S3 endpoint is a Service of the cluster (a name
 * the cluster's DNS resolves, such as {@code minio.velero.svc:9000} or a bare {@code minio}) or a loopback
 * address is lost with the cluster it backs up. Without {@code s3Url}, the aws plugin writes to Amazon S3, and the
 * other providers write to their cloud's object storage: off the cluster.
 */
public final class OffCluster {
  private OffCluster() {}

  /** The endpoint of a location that keeps backups inside the cluster, or empty when they leave it. */
  public static Optional<String> inClusterEndpoint(HasMetadata location) {
    BackupStorageLocation bsl = Typed.as(location, BackupStorageLocation.class);
    if (bsl.getSpec() == null || bsl.getSpec().config() == null) return Optional.empty();
    String url = bsl.getSpec().config().get("s3Url");
    if (url == null || url.isBlank()) return Optional.empty();
    return host(url).filter(OffCluster::inCluster).map(h -> url);
  }

  private static Optional<String> host(String url) {
    try {
      return Optional.ofNullable(new URI(url.strip()).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Cluster DNS names (Service names, alone or with their namespace and {@code svc} suffixes) and loopback. */
  private static boolean inCluster(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return !h.contains(".") && !h.contains(":") || h.endsWith(".svc") || h.contains(".svc.")
        || h.endsWith(".cluster.local") || h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
  }
}
