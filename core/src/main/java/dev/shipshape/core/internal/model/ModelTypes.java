package dev.shipshape.core.internal.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fabric8 model class that reads an object of a given {@code apiVersion} and {@code kind}: the class fabric8's
 * own registry ({@code KubernetesDeserializer}) picks, found without building that registry, which loads and
 * instantiates every model class listed in the class path's {@code META-INF/services} files (hundreds of classes,
 * most of a cold start's conversion time).
 *
 * <p>Only the class names in those files are read. A kind is looked up among the classes whose simple name is the
 * kind, and the same rules as fabric8's decide among them: a class claims the {@code apiVersion} of its
 * {@code @Group} and {@code @Version} annotations and the kind of its {@code @Kind} annotation or simple name (a class
 * of an {@code *.openshift.io} group also claims its version without the group, unless another class does), and the
 * last listed class wins a pair claimed twice. A pair that no class of that simple name claims is asked of fabric8's
 * registry, so that a class whose {@code @Kind} differs from its simple name is still found there; fabric8's own
 * {@code KubernetesList} ({@code kind: List}) is the only such class of the SDK's class path, which a test checks.
 *
 * <p>The class names are read once, from the thread's context class loader and fabric8's, as fabric8 does.
 * Thread-safe.
 */
public final class ModelTypes {
  private static final String SERVICES = "META-INF/services/" + KubernetesResource.class.getName();
  private static final String OPENSHIFT_GROUP = ".openshift.io";

  private final Map<String, List<Listed>> bySimpleName;
  private final Map<Key, Optional<Class<? extends KubernetesResource>>> resolved = new ConcurrentHashMap<>();
  private volatile KubernetesDeserializer registry;

  private ModelTypes(Map<String, List<Listed>> bySimpleName) {
    this.bySimpleName = bySimpleName;
  }

  /** The model types of the class path, read on first use. */
  public static ModelTypes shared() {
    return Holder.SHARED;
  }

  /**
   * The model class for objects of {@code apiVersion} and {@code kind}, or empty when fabric8 has none (such objects
   * are read as {@code GenericKubernetesResource}).
   */
  public Optional<Class<? extends KubernetesResource>> typeOf(String apiVersion, String kind) {
    Key key = Key.of(apiVersion, kind);
    if (key == null) return Optional.empty();
    return resolved.computeIfAbsent(key, this::resolve);
  }

  private Optional<Class<? extends KubernetesResource>> resolve(Key key) {
    // The same registrations fabric8 makes, restricted to the classes that may claim this kind by their name.
    Map<Key, Class<? extends KubernetesResource>> claims = new HashMap<>();
    for (Listed listed : bySimpleName.getOrDefault(key.kind, List.of())) {
      Class<? extends KubernetesResource> type = listed.load();
      if (type != null) register(claims, type);
    }
    Class<? extends KubernetesResource> found = claims.get(key);
    if (found != null) return Optional.of(found);
    return Optional.ofNullable(registry().getRegisteredKind(key.apiVersion(), key.kind));
  }

  private static void register(Map<Key, Class<? extends KubernetesResource>> claims,
      Class<? extends KubernetesResource> type) {
    String group = HasMetadata.getGroup(type);
    String version = HasMetadata.getVersion(type);
    String kind = HasMetadata.getKind(type);
    if (version == null || version.isEmpty()) return;
    boolean grouped = group != null && !group.isEmpty();
    Key key = grouped ? new Key(kind, group, version) : Key.of(version, kind);
    claims.put(key, type);
    if (grouped && group.endsWith(OPENSHIFT_GROUP)) claims.putIfAbsent(new Key(kind, null, version), type);
  }

  private KubernetesDeserializer registry() {
    KubernetesDeserializer current = registry;
    if (current == null) {
      synchronized (this) {
        if (registry == null) registry = new KubernetesDeserializer();
        current = registry;
      }
    }
    return current;
  }

  /** A kind, and the group and version of an apiVersion ({@code v1} has no group), as fabric8 keys them. */
  private static final class Key {
    final String kind;
    final String group;
    final String version;

    Key(String kind, String group, String version) {
      this.kind = kind;
      this.group = group;
      this.version = version;
    }

    static Key of(String apiVersion, String kind) {
      if (apiVersion == null || kind == null) return null;
      if (!apiVersion.contains("/")) return new Key(kind, null, apiVersion);
      String[] parts = apiVersion.split("/", 2);
      return new Key(kind, parts[0], parts[1]);
    }

    String apiVersion() {
      return group == null ? version : group + "/" + version;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key)) return false;
      Key that = (Key) other;
      return kind.equals(that.kind) && Objects.equals(group, that.group) && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, group, version);
    }
  }

  /** A class name listed in a services file, and the class loader that listed it. */
  private static final class Listed {
    final String name;
    final ClassLoader loader;

    Listed(String name, ClassLoader loader) {
      this.name = name;
      this.loader = loader;
    }

    Class<? extends KubernetesResource> load() {
      try {
        Class<?> type = Class.forName(name, false, loader);
        return KubernetesResource.class.isAssignableFrom(type) ? type.asSubclass(KubernetesResource.class) : null;
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
    }
  }

  /** Reads the services files once, in fabric8's order: the context class loader's, then fabric8's. */
  private static final class Holder {
    static final ModelTypes SHARED = read();

    private static ModelTypes read() {
      Set<ClassLoader> loaders = new LinkedHashSet<>();
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null) loaders.add(context);
      loaders.add(KubernetesDeserializer.class.getClassLoader());
      Map<String, List<Listed>> bySimpleName = new HashMap<>();
      for (ClassLoader loader : loaders) {
        Set<String> names = new LinkedHashSet<>();
        try {
          Enumeration<URL> files = loader.getResources(SERVICES);
          while (files.hasMoreElements()) names.addAll(names(files.nextElement()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + SERVICES, e);
        }
        for (String name : names) {
          bySimpleName.computeIfAbsent(simpleName(name), n -> new ArrayList<>()).add(new Listed(name, loader));
        }
      }
      return new ModelTypes(bySimpleName);
    }

    private static List<String> names(URL file) throws IOException {
      List<String> names = new ArrayList<>();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          int comment = line.indexOf('#');
          String name = (comment < 0 ? line : line.substring(0, comment)).trim();
          if (!name.isEmpty()) names.add(name);
        }
      }
      return names;
    }

    private static String simpleName(String className) {
      String name = className.substring(className.lastIndexOf('.') + 1);
      return name.substring(name.lastIndexOf('$') + 1);
    }
  }
}
