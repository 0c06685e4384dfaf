package dev.shipshape.mesh.analysis.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hosts, exact or wildcard, each with a value and in a group (such as the namespace it is exported to), indexed so
 * that the hosts covering a name ({@link Hosts#subsetOf}) or sharing a host with it ({@link Hosts#matches}) are
 * found without comparing the name with every host: a look-up costs, per group asked, one probe for the exact host,
 * one per distinct length of the wildcards' suffixes and, for a wildcard name, one range of the hosts ending in its
 * suffix, however many hosts there are. Not thread-safe: fill it, then look up.
 *
 * @param <V> the value kept for each host
 */
public final class HostIndex<V> {
  /** When a host was added, and its value. */
  private record Added<V>(int order, V value) { }

  /**
   * Exact hosts by group and reversed host, so that the hosts ending in a suffix are one range of keys; each host
   * with its values in the order added.
   */
  private final NavigableMap<String, List<Added<V>>> exact = new TreeMap<>();
  /** Wildcard hosts by group and the reversed suffix after the {@code *}, likewise. */
  private final NavigableMap<String, List<Added<V>>> wildcards = new TreeMap<>();
  private final TreeSet<Integer> suffixLengths = new TreeSet<>();
  private int count;

  /** Adds {@code host} to {@code group} with {@code value}. */
  public void add(String group, String host, V value) {
    Added<V> entry = new Added<>(count++, value);
    if (host.startsWith("*")) {
      String suffix = host.substring(1);
      wildcards.computeIfAbsent(key(group, suffix), k -> new ArrayList<>()).add(entry);
      suffixLengths.add(suffix.length());
    } else {
      exact.computeIfAbsent(key(group, host), k -> new ArrayList<>()).add(entry);
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
      first = earlier(first, firstOf(exact.get(key(group, name))));
      for (int length : suffixLengths) {
        if (length > name.length()) break;
        first = earlier(first, firstOf(wildcards.get(key(group, name.substring(name.length() - length)))));
      }
    }
    return first == null ? Optional.empty() : Optional.of(first.value);
  }

  /** The values of every host of {@code group} that has a host in common with {@code name}, in the order added. */
  public List<V> matching(String group, String name) {
    List<Added<V>> found = new ArrayList<>();
    boolean wildcard = name.startsWith("*");
    String suffix = wildcard ? name.substring(1) : name;
    if (wildcard) {
      // The hosts that end in the name's suffix: exact ones, and wildcards with a suffix at least as long.
      addEndingIn(exact, group, suffix, found);
      addEndingIn(wildcards, group, suffix, found);
    } else {
      found.addAll(exact.getOrDefault(key(group, name), List.of()));
    }
    // The wildcards whose suffix ends the name's; for a wildcard name only the shorter ones, the rest are above.
    for (int length : suffixLengths) {
      if (length > suffix.length() || wildcard && length == suffix.length()) break;
      found.addAll(wildcards.getOrDefault(key(group, suffix.substring(suffix.length() - length)), List.of()));
    }
    found.sort(Comparator.comparingInt(Added::order));
    List<V> values = new ArrayList<>();
    for (Added<V> a : found) values.add(a.value);
    return values;
  }

  private static <V> void addEndingIn(NavigableMap<String, List<Added<V>>> hosts, String group, String suffix,
      List<Added<V>> found) {
    String prefix = key(group, suffix);
    for (Map.Entry<String, List<Added<V>>> e : hosts.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) break;
      found.addAll(e.getValue());
    }
  }

  private static <V> Added<V> firstOf(List<Added<V>> added) {
    return added == null ? null : added.get(0);
  }

  private static <V> Added<V> earlier(Added<V> a, Added<V> b) {
    if (a == null) return b;
    return b == null || a.order < b.order ? a : b;
  }

  private static String key(String group, String host) {
    // Groups (namespaces, *) hold no NUL, so the first one ends the group.
    return group + '\0' + new StringBuilder(host).reverse();
  }
}
