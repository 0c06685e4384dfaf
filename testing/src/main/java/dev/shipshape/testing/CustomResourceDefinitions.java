package dev.shipshape.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs CustomResourceDefinitions on a test cluster, as an add-on's installer would, and waits until they
 * serve: {@code Established}, and past the moment when a just-established kind still answers HTTP 429 "storage is
 * (re)initializing".
 *
 * <pre>{@code
 * CustomResourceDefinitions.install(client, Path.of("crds/velero"));
 * }</pre>
 */
public final class CustomResourceDefinitions {
  private static final long WAIT_SECONDS = 30;
  private static final String FIELD_MANAGER = "test-setup";

  private CustomResourceDefinitions() {}

  /**
   * Installs the CRDs of every {@code .yaml} file of {@code folder}, in name order, plus {@code more}, and waits
   * until each serves. Idempotent, on every {@link ClusterMode}: see {@link #install(KubernetesClient,
   * CustomResourceDefinition)}.
   */
  public static List<CustomResourceDefinition> install(KubernetesClient client, Path folder,
      CustomResourceDefinition... more) {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList())) {
        crds.addAll(load(client, file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRDs from " + folder, e);
    }
    crds.addAll(List.of(more));
    crds.forEach(crd -> install(client, crd));
    return crds;
  }

  /**
   * Installs one CRD and waits until it serves: by server-side apply as field manager {@code test-setup}, taking
   * over conflicting fields, or where the server cannot apply (the embedded server answers 404 for a new object and
   * 415 for an existing one) by a create, or an update of the CRD that exists.
   */
  public static void install(KubernetesClient client, CustomResourceDefinition crd) {
    write(client, crd);
    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            WAIT_SECONDS, TimeUnit.SECONDS);
    awaitStorage(client, crd);
  }

  private static void write(KubernetesClient client, CustomResourceDefinition crd) {
    try {
      client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException cannotApply) {
      int code = cannotApply.getCode();
      if (code != HttpURLConnection.HTTP_NOT_FOUND && code != HttpURLConnection.HTTP_UNSUPPORTED_TYPE) {
        throw cannotApply;
      }
      try {
        client.resource(crd).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
        client.resource(crd).update();
      }
    }
  }

  private static List<CustomResourceDefinition> load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<CustomResourceDefinition> crds = new ArrayList<>();
      for (HasMetadata object : client.load(in).items()) {
        if (object instanceof CustomResourceDefinition) crds.add((CustomResourceDefinition) object);
      }
      return crds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void awaitStorage(KubernetesClient client, CustomResourceDefinition crd) {
    String group = crd.getSpec().getGroup();
    String version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .findFirst().orElse(crd.getSpec().getVersions().get(0)).getName();
    ResourceDefinitionContext kind = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
        .withKind(crd.getSpec().getNames().getKind()).withPlural(crd.getSpec().getNames().getPlural())
        .withNamespaced("Namespaced".equals(crd.getSpec().getScope())).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      try {
        client.genericKubernetesResources(kind).inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 429 || System.nanoTime() > deadline) throw e;
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
