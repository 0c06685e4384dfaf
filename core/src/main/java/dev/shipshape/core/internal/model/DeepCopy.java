package dev.shipshape.core.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Deep copies of fabric8 model objects (and other plain beans) field by field, without serializing them: in a new
 * JVM, Jackson's first copy of a type builds the deserializers of every type it can hold (a Deployment reaches
 * hundreds of classes), which costs far more than the copy itself. Each class met is introspected once: its fields,
 * and its constructor without arguments.
 *
 * <p>Copied: the fields of every class up the hierarchy; lists, sets and maps into {@code ArrayList},
 * {@code LinkedHashSet} and {@code LinkedHashMap} (sorted ones into {@code TreeSet} and {@code TreeMap} with the same
 * comparator); arrays; Jackson trees ({@code deepCopy}). Shared: strings, boxed primitives, {@code BigInteger},
 * {@code BigDecimal}, enums, {@code java.time} values, {@code UUID} and {@code URI}, which cannot change. A copy
 * therefore {@code equals} its original. A value of any other kind — a class without a constructor without
 * arguments, a record, a JDK class not listed above, a proxy, a field that does not accept the copied collection, or
 * nesting deeper than {@value #MAX_DEPTH} levels (a cycle) — makes {@link #of} return empty, and the caller copies
 * the object another way. Thread-safe.
 */
public final class DeepCopy {
  /** Deeper than this, a graph is taken to have a cycle. */
  static final int MAX_DEPTH = 512;
  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
      Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
      UUID.class, URI.class);
  private static final ClassValue<Copier> COPIERS = new ClassValue<>() {
    @Override
    protected Copier computeValue(Class<?> type) {
      return Copier.of(type);
    }
  };

  private DeepCopy() {}

  /** A deep copy of {@code object}, or empty when it holds a value that this class does not copy (see above). */
  @SuppressWarnings("unchecked")
  public static <T> Optional<T> of(T object) {
    try {
      return Optional.ofNullable((T) value(object, 0));
    } catch (NotCopyable e) {
      return Optional.empty();
    }
  }

  private static Object value(Object value, int depth) {
    // Most values of a Kubernetes object are strings: they are shared before any look-up.
    if (value == null || value instanceof String) return value;
    // The classes that fabric8's models hold most are told by identity, the others by a look-up of their class;
    // collections and beans keep the copier of the class they met last, as their values are mostly of one class:
    // under the C1 compiler, hash look-ups of a class and instanceof of an interface cost more than the copy itself.
    Class<?> type = value.getClass();
    if (type == Integer.class || type == Boolean.class || type == Long.class) return value;
    if (type == LinkedHashMap.class || type == ArrayList.class) return container(value, depth, null, 0);
    return COPIERS.get(type).copy(value, depth);
  }

  /** An {@code ArrayList} or {@code LinkedHashMap} copied, with the hint of its elements' copier (may be null). */
  private static Object container(Object value, int depth, Copier[] hints, int slot) {
    if (depth >= MAX_DEPTH) throw NotCopyable.INSTANCE;
    return value.getClass() == ArrayList.class
        ? collection((List<?>) value, new ArrayList<>(((List<?>) value).size()), depth + 1, hints, slot)
        : map((Map<?, ?>) value, depth + 1, hints, slot);
  }

  /** {@code value} copied with {@code last} when that is its class's copier, else as {@link #value}. */
  private static Object value(Object value, int depth, Copier last) {
    return value != null && last != null && last.type == value.getClass() ? last.copy(value, depth)
        : value(value, depth);
  }

  /** The copier of {@code value}'s class, for the next value of a collection or field: {@code last} if it is. */
  private static Copier copierOf(Object value, Copier last) {
    if (value == null || value instanceof String) return last;
    Class<?> type = value.getClass();
    return last != null && last.type == type ? last : COPIERS.get(type);
  }

  private static boolean isShared(Class<?> type) {
    return IMMUTABLE.contains(type) || Enum.class.isAssignableFrom(type)
        || type.getPackageName().equals("java.time");
  }

  private static Collection<Object> collection(Collection<?> from, Collection<Object> to, int depth) {
    return collection(from, to, depth, null, 0);
  }

  /**
   * Copies the elements of {@code from} into {@code to}. When {@code hints} is given, {@code hints[slot]} is the
   * copier of the element class met last in this place (a bean's field), and is left holding the one met last
   * here: the first element of each list then needs no look-up either.
   */
  private static Collection<Object> collection(Collection<?> from, Collection<Object> to, int depth, Copier[] hints,
      int slot) {
    Copier last = hints == null ? null : hints[slot];
    for (Object element : from) {
      last = copierOf(element, last);
      to.add(value(element, depth, last));
    }
    if (hints != null && last != hints[slot]) hints[slot] = last;
    return to;
  }

  private static Map<Object, Object> map(Map<?, ?> from, int depth) {
    return map(from, depth, null, 0);
  }

  /** Copies a map, its values' copier hinted as {@link #collection(Collection, Collection, int, Copier[], int)}'s. */
  @SuppressWarnings("unchecked")
  private static Map<Object, Object> map(Map<?, ?> from, int depth, Copier[] hints, int slot) {
    Map<Object, Object> to = from instanceof SortedMap
        ? new TreeMap<>(((SortedMap<Object, Object>) from).comparator())
        : new LinkedHashMap<>();
    Copier last = hints == null ? null : hints[slot];
    for (Map.Entry<?, ?> entry : from.entrySet()) {
      last = copierOf(entry.getValue(), last);
      to.put(value(entry.getKey(), depth), value(entry.getValue(), depth, last));
    }
    if (hints != null && last != hints[slot]) hints[slot] = last;
    return to;
  }

  private static Object array(Object from, int depth) {
    if (from.getClass().getComponentType().isPrimitive()) return cloneArray(from);
    Object[] copy = ((Object[]) from).clone();
    for (int i = 0; i < copy.length; i++) copy[i] = value(copy[i], depth);
    return copy;
  }

  private static Object cloneArray(Object from) {
    int length = java.lang.reflect.Array.getLength(from);
    Object copy = java.lang.reflect.Array.newInstance(from.getClass().getComponentType(), length);
    System.arraycopy(from, 0, copy, 0, length);
    return copy;
  }

  /** What sort of value a class holds, which says how it is copied. */
  private enum Kind {
    SHARED, TREE, MAP, LIST, SORTED_SET, SET, ARRAY, BEAN
  }

  /**
   * How one class is copied: shared, as a collection or array, or (a bean) as a new instance from its constructor,
   * then every field. A field whose declared type cannot hold anything but a shared value (a primitive, or a final
   * class whose values are shared, such as {@code String}, {@code Integer} or an enum without constant bodies) is
   * assigned as it is, without looking at its value.
   */
  private static final class Copier {
    private final Class<?> type;
    private final Kind kind;
    private final Constructor<?> constructor;
    private final Field[] fields;
    private final boolean[] assigned;
    /**
     * Per field, the copier of the class of the value it held last, and for a field holding a list or map, the
     * copier of the class of the element met last in it. Written without synchronization: a copier's fields are
     * final (which makes it safe to publish by a race), and a stale entry only costs a look-up.
     */
    private final Copier[] lastByField;
    private final Copier[] lastElementByField;

    private Copier(Class<?> type, Kind kind, Constructor<?> constructor, Field[] fields, boolean[] assigned) {
      this.type = type;
      this.kind = kind;
      this.constructor = constructor;
      this.fields = fields;
      this.assigned = assigned;
      this.lastByField = new Copier[fields.length];
      this.lastElementByField = new Copier[fields.length];
    }

    private Copier(Class<?> type, Kind kind) {
      this(type, kind, null, new Field[0], new boolean[0]);
    }

    static Copier of(Class<?> type) {
      if (isShared(type)) return new Copier(type, Kind.SHARED);
      if (JsonNode.class.isAssignableFrom(type)) return new Copier(type, Kind.TREE);
      if (Map.class.isAssignableFrom(type)) return new Copier(type, Kind.MAP);
      if (List.class.isAssignableFrom(type)) return new Copier(type, Kind.LIST);
      if (SortedSet.class.isAssignableFrom(type)) return new Copier(type, Kind.SORTED_SET);
      if (Set.class.isAssignableFrom(type)) return new Copier(type, Kind.SET);
      if (type.isArray()) return new Copier(type, Kind.ARRAY);
      return bean(type);
    }

    private static Copier bean(Class<?> type) {
      String name = type.getName();
      if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isRecord() || type.isHidden()
          || type.isAnonymousClass() || Proxy.isProxyClass(type) || name.startsWith("java.")
          || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
        return new Copier(type, Kind.BEAN);
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) continue;
            field.setAccessible(true);
            fields.add(field);
          }
        }
        boolean[] assigned = new boolean[fields.size()];
        for (int i = 0; i < assigned.length; i++) {
          Class<?> declared = fields.get(i).getType();
          assigned[i] = declared.isPrimitive() || (Modifier.isFinal(declared.getModifiers()) && isShared(declared));
        }
        return new Copier(type, Kind.BEAN, constructor, fields.toArray(new Field[0]), assigned);
      } catch (NoSuchMethodException | RuntimeException e) {
        // No constructor without arguments, or a class of a module that does not open it.
        return new Copier(type, Kind.BEAN);
      }
    }

    /** A copy of {@code value}, a value of this copier's class met {@code depth} levels down. */
    @SuppressWarnings("unchecked")
    Object copy(Object value, int depth) {
      if (kind == Kind.SHARED) return value;
      if (kind == Kind.TREE) return ((JsonNode) value).deepCopy();
      if (depth >= MAX_DEPTH) throw NotCopyable.INSTANCE;
      int next = depth + 1;
      switch (kind) {
        case MAP:
          return map((Map<?, ?>) value, next);
        case LIST:
          return collection((List<?>) value, new ArrayList<>(((List<?>) value).size()), next);
        case SORTED_SET:
          return collection((SortedSet<?>) value, new TreeSet<>(((SortedSet<Object>) value).comparator()), next);
        case SET:
          return collection((Set<?>) value, new LinkedHashSet<>(), next);
        case ARRAY:
          return array(value, next);
        default:
          return bean(value, next);
      }
    }

    private Object bean(Object from, int depth) {
      if (constructor == null) throw NotCopyable.INSTANCE;
      try {
        Object copy = constructor.newInstance();
        for (int i = 0; i < fields.length; i++) {
          Object value = fields[i].get(from);
          if (!assigned[i]) value = field(value, i, depth);
          fields[i].set(copy, value);
        }
        return copy;
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        // A constructor that failed, or a field that does not accept the copied collection.
        throw NotCopyable.INSTANCE;
      }
    }

    /** A copy of the value of field {@code i}, met {@code depth} levels down. */
    private Object field(Object value, int i, int depth) {
      if (value == null || value instanceof String) return value;
      Class<?> type = value.getClass();
      if (type == ArrayList.class || type == LinkedHashMap.class) return container(value, depth, lastElementByField, i);
      Copier last = copierOf(value, lastByField[i]);
      if (last != lastByField[i]) lastByField[i] = last;
      return value(value, depth, last);
    }
  }

  /** Thrown through the recursion when a value cannot be copied here; no stack trace. */
  private static final class NotCopyable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotCopyable INSTANCE = new NotCopyable();

    private NotCopyable() {
      super("not copyable field by field", null, false, false);
    }
  }
}
