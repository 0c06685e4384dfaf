package dev.shipshape.mesh.analysis.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hosts, exact or wildcard, each with a value and in a group (such as the namespace it is exported to), indexed so
 * that the hosts covering a name ({@link Hosts#subsetOf}) are found without comparing the name with every host: a
 * look-up costs, per group asked, one probe for the exact host and one per distinct length of the wildcards'
 * suffixes, however many hosts there are. Not thread-safe: fill it, then look up.
 *
 * @param <V> the value kept for each host
 */
public final class HostIndex<V> {
  /** When a host was added first, and its value. */
  private record Added<V>(int order, V value) { }

  private final Map<String, Added<V>> exact = new HashMap<>();
  /** Wildcard hosts by group and the suffix after the {@code *}. */
  private final Map<String, Added<V>> wildcards = new HashMap<>();
  private final TreeSet<Integer> suffixLengths = new TreeSet<>();
  private int count;

  /** Adds {@code host} to {@code group} with {@code value}, unless that group holds the host already. */
  public void add(String group, String host, V value) {
    Added<V> entry = new Added<>(count++, value);
    if (host.startsWith("*")) {
      String suffix = host.substring(1);
      wildcards.putIfAbsent(key(group, suffix), entry);
      suffixLengths.add(suffix.length());
    } else {
      exact.putIfAbsent(key(group, host), entry);
    }
  }

  /**
   * The value of the host added first, among those of {@code groups}, that covers {@code name}: every host of
   * {@code name} is one of its hosts.
   */
  public Optional<V> firstCovering(Collection<String> groups, String name) {
    Added<V> first = null;
    for (String group : groups) {
      // Exact hosts hold no wildcard, so a wildcard name finds none there, as none of them covers it.
      first = earlier(first, exact.get(key(group, name)));
      for (int length : suffixLengths) {
        if (length > name.length()) break;
        first = earlier(first, wildcards.get(key(group, name.substring(name.length() - length))));
      }
    }
    return first == null ? Optional.empty() : Optional.of(first.value);
  }

  private static <V> Added<V> earlier(Added<V> a, Added<V> b) {
    if (a == null) return b;
    return b == null || a.order < b.order ? a : b;
  }

  private static String key(String group, String host) {
    // Groups (namespaces, *) hold no NUL, so the first one ends the group.
    return group + '\0' + host;
  }
}
