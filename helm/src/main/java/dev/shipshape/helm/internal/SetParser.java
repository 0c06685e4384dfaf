package dev.shipshape.helm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Helm's {@code --set} syntax, read as Helm's {@code strvals} package reads it ({@code ParseInto}, and {@code
 * ParseIntoString} for {@code --set-string}): {@code PATH=VALUE} assignments separated by {@code ,}; a path of keys
 * joined by {@code .} and list indexes ({@code hosts[0].name}); a value {@code {a,b}} is a list; a backslash takes the
 * next character as it is ({@code \,}, {@code \.}, {@code \\}). Values are typed as Helm types them: {@code true} and
 * {@code false} (any case) are booleans, {@code null} (any case) is null, which deletes the key from the chart's
 * defaults, {@code 0} and base-10 integers that fit 64 bits and do not start with {@code 0} are {@link Long}s;
 * anything else, and every value of {@code --set-string}, is a string. Helm's quirks are kept: {@code a=} sets an
 * empty string, {@code a={}} a list of one empty string, an assignment with an empty key sets nothing, and input that
 * ends inside a path ({@code a.}, {@code a[1}, {@code a[0]}) ends the expression without an error.
 *
 * <p>Maps are {@link LinkedHashMap}s and lists {@link ArrayList}s, changed in place as Helm changes its own.
 */
public final class SetParser {
  /** The largest list index Helm allows. */
  private static final int MAX_INDEX = 65536;
  /** The deepest path Helm allows, in keys after the first. */
  private static final int MAX_NESTED_NAME_LEVEL = 30;
  private static final int END = -1;
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  /** Why a path cannot go on: what it goes into is not a map. */
  static final String NOT_A_MAP = "the path goes into a value that is not a map";
  /** Why a path cannot go on: what it indexes is not a list. */
  static final String NOT_A_LIST = "the path indexes a value that is not a list";

  private final int[] runes;
  private final boolean strings;
  private int next;
  private boolean reachedEnd;

  /**
   * {@code value} escaped so that an expression reads it as one scalar: backslashes and commas escaped, and a first
   * brace, which would start a list.
   */
  public static String literal(String value) {
    String escaped = value.replace("\\", "\\\\").replace(",", "\\,");
    return escaped.startsWith("{") ? "\\" + escaped : escaped;
  }

  private SetParser(String expression, boolean strings) {
    this.runes = expression.codePoints().toArray();
    this.strings = strings;
  }

  /**
   * Sets the values of {@code expression} into {@code data}, as Helm's {@code ParseInto} (or {@code ParseIntoString}
   * when {@code strings}) does.
   *
   * @throws SetSyntaxException where Helm reports an error; {@code data} may then hold part of the expression
   */
  static void parseInto(String expression, Map<String, Object> data, boolean strings) {
    SetParser parser = new SetParser(expression, strings);
    boolean ended;
    do {
      ended = parser.key(data, 0);
    } while (!ended);
  }

  /** One assignment into {@code data}, from its key on; true when the expression ended. */
  private boolean key(Map<String, Object> data, int nestedNameLevel) {
    Until key = until('=', '[', ',', '.');
    if (key.last == END) {
      if (key.text.isEmpty()) return true;
      throw error("the key has no value");
    }
    switch (key.last) {
      case '[': {
        Integer index = keyIndex();
        if (index == null) return true;
        List<Object> list = data.containsKey(key.text) ? list(data.get(key.text)) : new ArrayList<>();
        Item item = listItem(list, index, nestedNameLevel);
        set(data, key.text, item.list);
        return item.ended;
      }
      case '=':
        if (atEnd()) {
          set(data, key.text, "");
          return true;
        }
        set(data, key.text, value());
        return false;
      case ',':
        throw error("the key before ',' has no value");
      default:
        if (nestedNameLevel + 1 > MAX_NESTED_NAME_LEVEL) {
          throw error("the path is nested deeper than " + MAX_NESTED_NAME_LEVEL + " keys");
        }
        Map<String, Object> inner = data.containsKey(key.text) ? map(data.get(key.text)) : new LinkedHashMap<>();
        boolean ended = key(inner, nestedNameLevel + 1);
        if (!ended && inner.isEmpty()) throw error("the key before '.' has no value");
        if (!inner.isEmpty()) set(data, key.text, inner);
        return ended;
    }
  }

  /** The index of {@code list[index]...} and what follows it, set into {@code list}. */
  private Item listItem(List<Object> list, int index, int nestedNameLevel) {
    if (index < 0) throw error("the list index is negative");
    Until rest = until('[', '.', '=');
    if (!rest.text.isEmpty()) throw error("unexpected text after the list index");
    if (rest.last == END) return new Item(list, true);
    switch (rest.last) {
      case '=':
        return new Item(setIndex(list, index, atEnd() ? "" : value()), false);
      case '[': {
        Integer nextIndex = keyIndex();
        if (nextIndex == null) return new Item(list, true);
        List<Object> nested = new ArrayList<>();
        if (list.size() > index && list.get(index) != null) nested = list(list.get(index));
        Item item = listItem(nested, nextIndex, nestedNameLevel);
        return item.ended ? new Item(list, true) : new Item(setIndex(list, index, item.list), false);
      }
      default: {
        Map<String, Object> inner = new LinkedHashMap<>();
        if (list.size() > index) {
          if (list.get(index) instanceof Map) {
            inner = map(list.get(index));
          } else {
            list.set(index, inner);
          }
        }
        if (key(inner, nestedNameLevel)) return new Item(list, true);
        return new Item(setIndex(list, index, inner), false);
      }
    }
  }

  /** The value after {@code =}: a list when it starts with {@code {}, else the text up to {@code ,}, typed. */
  private Object value() {
    if (read() != '{') {
      unread();
      return typed(until(',').text);
    }
    List<Object> list = new ArrayList<>();
    while (true) {
      Until item = until(',', '}');
      if (item.last == END) throw error("the list has no closing '}'");
      list.add(typed(item.text));
      if (item.last == '}') {
        int after = read();
        if (after != END && after != ',') unread();
        return list;
      }
    }
  }

  /** The number before {@code ]}; null when the expression ended first. */
  private Integer keyIndex() {
    Until index = until(']');
    if (index.last == END) return null;
    if (!INTEGER.matcher(index.text).matches()) throw error("the list index is not a number");
    try {
      return Integer.valueOf(index.text);
    } catch (NumberFormatException e) {
      throw error("the list index is out of range");
    }
  }

  private List<Object> setIndex(List<Object> list, int index, Object value) {
    if (index > MAX_INDEX) throw error("the list index is greater than " + MAX_INDEX);
    while (list.size() <= index) list.add(null);
    list.set(index, value);
    return list;
  }

  private static void set(Map<String, Object> data, String key, Object value) {
    if (!key.isEmpty()) data.put(key, value);
  }

  private Object typed(String value) {
    if (strings) return value;
    if (value.equalsIgnoreCase("true")) return Boolean.TRUE;
    if (value.equalsIgnoreCase("false")) return Boolean.FALSE;
    if (value.equalsIgnoreCase("null")) return null;
    if (value.equals("0")) return 0L;
    if (!value.isEmpty() && value.charAt(0) != '0' && INTEGER.matcher(value).matches()) {
      try {
        return Long.valueOf(value);
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object value) {
    if (!(value instanceof List)) throw error(NOT_A_LIST);
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value) {
    if (!(value instanceof Map)) throw error(NOT_A_MAP);
    return (Map<String, Object>) value;
  }

  /** The text up to the first of {@code stops} not escaped by a backslash, and that stop ({@link #END} at the end). */
  private Until until(int... stops) {
    StringBuilder text = new StringBuilder();
    while (true) {
      int rune = read();
      if (rune == END) return new Until(text.toString(), END);
      for (int stop : stops) {
        if (rune == stop) return new Until(text.toString(), rune);
      }
      if (rune == '\\') {
        rune = read();
        if (rune == END) return new Until(text.toString(), END);
      }
      text.appendCodePoint(rune);
    }
  }

  private boolean atEnd() {
    return next == runes.length;
  }

  private int read() {
    if (next == runes.length) {
      reachedEnd = true;
      return END;
    }
    return runes[next++];
  }

  private void unread() {
    next--;
  }

  private SetSyntaxException error(String reason) {
    return new SetSyntaxException(reachedEnd ? 0 : next, reason);
  }

  /** Text read up to a stop. */
  private static final class Until {
    final String text;
    final int last;

    Until(String text, int last) {
      this.text = text;
      this.last = last;
    }
  }

  /** A list after an index was read into it, and whether the expression ended there. */
  private static final class Item {
    final List<Object> list;
    final boolean ended;

    Item(List<Object> list, boolean ended) {
      this.list = list;
      this.ended = ended;
    }
  }
}
