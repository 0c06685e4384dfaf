package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalars as kubectl and the API server read them. Both turn YAML into JSON with sigs.k8s.io/yaml's
 * {@code YAMLToJSON}: a fork of go-yaml v2 (YAML 1.1 resolution, {@code resolve.go} and {@code decoder.scalar} in
 * {@code decode.go}) decodes the document into Go values, {@code convertToJSONableObject} turns map keys into
 * strings, and {@code encoding/json} writes the rest. So, for an untagged plain scalar:
 *
 * <ul>
 *   <li>{@code y Y yes Yes YES true True TRUE on On ON} are true, {@code n N no No NO false False FALSE off Off OFF}
 *       false, and {@code ~ null Null NULL} and the empty scalar null;
 *   <li>a scalar starting with a digit or sign, once every {@code _} is removed, is an integer in Go's syntax
 *       ({@code strconv.ParseInt(s, 0, 64)}: {@code 0x1F}, {@code 0X1F}, {@code 0o17}, {@code 0b101}, {@code 017}
 *       octal, {@code +12}), else an unsigned one up to 2<sup>64</sup>-1, else a float if it matches
 *       {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?} and is finite ({@code 1e3}, {@code 1.},
 *       {@code 09}); sexagesimal {@code 1:20} is a string;
 *   <li>{@code .inf .Inf .INF} (also signed) and {@code .nan .NaN .NAN} are floats, as is a finite
 *       {@code .5e3};
 *   <li>a timestamp such as {@code 2001-12-14} stays the string it was written as (decoding into
 *       {@code interface{}} keeps timestamps as text); everything else is a string.
 * </ul>
 *
 * <p>A float goes into JSON as Go writes it: an integral one below 10<sup>21</sup> without a fraction
 * ({@code 1e3} is the integer 1000); infinity and NaN cannot be written, and the server refuses the document. Keys
 * become strings: booleans {@code "true"}/{@code "false"}, integers in decimal ({@code 0x1F:} is {@code "31"}),
 * floats as Go's {@code strconv.FormatFloat(f, 'g', -1, 32)} ({@code 1e6:} is {@code "1e+06"}, {@code .inf:} is
 * {@code ".inf"}); a null key and an unsigned key above 2<sup>63</sup>-1 are refused. Quoted scalars are strings;
 * a core schema tag ({@code !!str !!bool !!int !!float !!null !!timestamp}) resolves the text and must agree with it
 * ({@code !!float} also takes an integer), {@code !!binary} is base64-decoded, and any other tag leaves the text a
 * string.
 */
final class GoYamlScalars {
  static final String CORE_TAG = "tag:yaml.org,2002:";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  /** go-yaml v2's {@code resolveMapList}. */
  private static final Map<String, JsonNode> WORDS = words();
  /** go-yaml v2's {@code yamlStyleFloat}. */
  private static final Pattern YAML_STYLE_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  /** What Go's {@code strconv.ParseFloat} takes of a scalar that starts with a point (signs and words aside). */
  private static final Pattern POINT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
  /** go-yaml v2's {@code allowedTimestampFormats}, as Go's {@code time.Parse} reads those layouts. */
  private static final Pattern TIMESTAMP = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:"
      + "[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))"
      + "| ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?)?");
  private static final double JSON_EXPONENT_BELOW = 1e-6;
  private static final double JSON_EXPONENT_FROM = 1e21;
  private static final int G_EXPONENT_FROM = 6;
  private static final int G_EXPONENT_BELOW = -4;

  private GoYamlScalars() {}

  /**
   * The scalar as go-yaml v2 decodes it into a Go {@code interface{}}, before conversion to JSON: a null, boolean,
   * integer (a {@code BigIntegerNode} only for an unsigned value above 2<sup>63</sup>-1), float
   * ({@code DoubleNode}, infinity and NaN included) or text node.
   *
   * @param tag the scalar's explicit tag, if any
   * @throws IllegalArgumentException when a tag does not fit the text, without the text (it may be a secret)
   */
  static JsonNode decoded(String text, boolean plain, Optional<String> tag) {
    if (tag.isEmpty()) return plain ? resolve(text, "") : NODES.textNode(text);
    if (!tag.get().startsWith(CORE_TAG)) return NODES.textNode(text);
    String core = tag.get().substring(CORE_TAG.length());
    switch (core) {
      case "str":
        return NODES.textNode(text);
      case "binary":
        return NODES.textNode(base64(text));
      case "bool":
      case "int":
      case "float":
      case "null":
      case "timestamp":
        return resolve(text, core);
      default:
        return NODES.textNode(text);
    }
  }

  /** The decoded scalar as {@code encoding/json} writes it, read back as JSON. */
  static JsonNode json(JsonNode decoded) {
    if (!decoded.isDouble()) return decoded;
    double value = decoded.doubleValue();
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("a value is infinity or NaN (a plain .inf or .nan), which JSON cannot "
          + "hold, so Kubernetes refuses the document — quote it if it is a string");
    }
    double magnitude = Math.abs(value);
    boolean exponent = magnitude != 0 && (magnitude < JSON_EXPONENT_BELOW || magnitude >= JSON_EXPONENT_FROM);
    if (exponent || value != Math.rint(value)) return decoded;
    return integer(value == 0 ? BigInteger.ZERO : shortest(value, false).toBigIntegerExact());
  }

  /** The decoded scalar as a JSON object's key, as {@code convertToJSONableObject} makes it. */
  static String key(JsonNode decoded) {
    if (decoded.isNull()) {
      throw new IllegalArgumentException("a key is null (~, null or nothing), which Kubernetes refuses as a key — "
          + "quote it ('~') if it is a string, or remove the entry");
    }
    if (decoded.isBigInteger()) {
      throw new IllegalArgumentException("the key " + decoded.asText() + " is an integer above 2^63-1, which "
          + "Kubernetes refuses as a key — quote it");
    }
    if (decoded.isDouble()) return floatKey(decoded.doubleValue());
    return decoded.asText();
  }

  /** True when an untagged plain scalar of {@code text} is a string to Kubernetes. */
  static boolean isString(String text) {
    return resolve(text, "").isTextual();
  }

  /**
   * go-yaml v2's {@code resolve(tag, in)} for the untagged scalar ({@code tag} empty) and the core tags it
   * resolves, with its check that the resolved type is the tag's. A timestamp comes back as its text.
   */
  private static JsonNode resolve(String text, String tag) {
    JsonNode resolved = NODES.textNode(text);
    String resolvedTag = "str";
    char hint = text.isEmpty() ? 'N' : hint(text.charAt(0));
    if (hint != 0 && WORDS.containsKey(text)) {
      resolved = WORDS.get(text);
      resolvedTag = tagOf(resolved);
    } else if (hint == '.') {
      Optional<Double> number = finite(text, POINT_FLOAT);
      if (number.isPresent()) {
        resolved = NODES.numberNode(number.get());
        resolvedTag = "float";
      }
    } else if (hint == 'D' || hint == 'S') {
      if (tag.equals("timestamp") && isTimestamp(text)) return NODES.textNode(text);
      String digits = text.replace("_", "");
      Optional<BigInteger> integer = goInteger(digits);
      Optional<Double> number = integer.isPresent() ? Optional.empty() : finite(digits, YAML_STYLE_FLOAT);
      if (integer.isPresent()) {
        resolved = integer(integer.get());
        resolvedTag = "int";
      } else if (number.isPresent()) {
        resolved = NODES.numberNode(number.get());
        resolvedTag = "float";
      }
    }
    if (tag.isEmpty() || tag.equals(resolvedTag)) return resolved;
    if (tag.equals("float") && resolvedTag.equals("int") && !resolved.isBigInteger()) {
      return NODES.numberNode(resolved.doubleValue());
    }
    throw new IllegalArgumentException("a value tagged !!" + tag + " is a !!" + resolvedTag + " as Kubernetes "
        + "reads it (go-yaml: cannot decode it as a !!" + tag + ") — fix the value or remove the tag");
  }

  /** go-yaml v2's {@code resolveTable}: which first characters may start something other than a string. */
  private static char hint(char first) {
    if (first == '+' || first == '-') return 'S';
    if (first >= '0' && first <= '9') return 'D';
    if ("yYnNtTfFoO~".indexOf(first) >= 0) return 'M';
    return first == '.' ? '.' : 0;
  }

  private static String tagOf(JsonNode word) {
    if (word.isNull()) return "null";
    return word.isBoolean() ? "bool" : "float";
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code strconv.ParseUint(s, 0, 64)} (which takes no sign). */
  private static Optional<BigInteger> goInteger(String text) {
    boolean signed = text.startsWith("+") || text.startsWith("-");
    String body = signed ? text.substring(1) : text;
    int radix = 10;
    String digits = body;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char prefix = body.charAt(1);
      radix = prefix == 'x' || prefix == 'X' ? 16 : prefix == 'b' || prefix == 'B' ? 2 : 8;
      boolean letter = prefix == 'x' || prefix == 'X' || prefix == 'b' || prefix == 'B' || prefix == 'o'
          || prefix == 'O';
      digits = body.substring(letter ? 2 : 1);
    }
    if (digits.isEmpty()) return Optional.empty();
    for (int i = 0; i < digits.length(); i++) {
      if (asciiDigit(digits.charAt(i), radix) < 0) return Optional.empty();
    }
    BigInteger value = new BigInteger(digits, radix);
    if (text.startsWith("-")) value = value.negate();
    boolean int64 = value.compareTo(INT64_MIN) >= 0 && value.compareTo(INT64_MAX) <= 0;
    boolean uint64 = !signed && value.compareTo(UINT64_MAX) <= 0;
    return int64 || uint64 ? Optional.of(value) : Optional.empty();
  }

  private static int asciiDigit(char c, int radix) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z'
        ? c - 'A' + 10 : -1;
    return digit < radix ? digit : -1;
  }

  /** The float {@code text} holds when it matches {@code syntax} and Go's {@code ParseFloat} does not overflow. */
  private static Optional<Double> finite(String text, Pattern syntax) {
    if (!syntax.matcher(text).matches()) return Optional.empty();
    double value = Double.parseDouble(text);
    return Double.isInfinite(value) ? Optional.empty() : Optional.of(value);
  }

  /** Whether Go's {@code time.Parse} takes {@code text} in one of go-yaml v2's timestamp layouts. */
  private static boolean isTimestamp(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) return false;
    int month = Integer.parseInt(m.group(2));
    if (month < 1 || month > 12) return false;
    int day = Integer.parseInt(m.group(3));
    if (day < 1 || day > YearMonth.of(Integer.parseInt(m.group(1)), month).lengthOfMonth()) return false;
    int time = m.group(4) != null ? 4 : 9;
    if (m.group(time) == null) return true;
    boolean clock = Integer.parseInt(m.group(time)) < 24 && Integer.parseInt(m.group(time + 1)) < 60
        && Integer.parseInt(m.group(time + 2)) < 60;
    boolean zone = m.group(7) == null || (Integer.parseInt(m.group(7)) <= 24 && Integer.parseInt(m.group(8)) <= 60);
    return clock && zone;
  }

  /** Go's {@code base64.StdEncoding.DecodeString} (padding required, line breaks skipped), bytes read as UTF-8. */
  private static String base64(String text) {
    String encoded = text.replace("\r", "").replace("\n", "");
    try {
      if (encoded.length() % 4 != 0) throw new IllegalArgumentException("not padded");
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a value tagged !!binary is not base64 — fix the value or remove the "
          + "tag", e);
    }
  }

  /** Go's {@code strconv.FormatFloat(f, 'g', -1, 32)}, with sigs.k8s.io/yaml's names for infinity and NaN. */
  private static String floatKey(double value) {
    float single = (float) value;
    if (Float.isNaN(single)) return ".nan";
    if (Float.isInfinite(single)) return single > 0 ? ".inf" : "-.inf";
    if (single == 0) return Float.floatToRawIntBits(single) < 0 ? "-0" : "0";
    BigDecimal digits = shortest(single, true);
    int exponent = digits.precision() - digits.scale() - 1;
    if (exponent >= G_EXPONENT_BELOW && exponent < G_EXPONENT_FROM) return digits.toPlainString();
    String mantissa = digits.unscaledValue().abs().toString();
    StringBuilder out = new StringBuilder(digits.signum() < 0 ? "-" : "").append(mantissa.charAt(0));
    if (mantissa.length() > 1) out.append('.').append(mantissa, 1, mantissa.length());
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    return out.append(magnitude < 10 ? "0" : "").append(magnitude).toString();
  }

  /**
   * The shortest decimal that reads back as {@code value} at Go's {@code float32} or {@code float64} precision,
   * the nearest of those if several (what Go's shortest formatting chooses), without trailing zeros.
   */
  private static BigDecimal shortest(double value, boolean single) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; ; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      boolean readsBack = single ? candidate.floatValue() == (float) value : candidate.doubleValue() == value;
      if (readsBack) return candidate.stripTrailingZeros();
    }
  }

  private static JsonNode integer(BigInteger value) {
    if (value.bitLength() < 32) return NODES.numberNode(value.intValue());
    if (value.bitLength() < 64) return NODES.numberNode(value.longValue());
    return NODES.numberNode(value);
  }

  private static Map<String, JsonNode> words() {
    Map<String, JsonNode> words = new HashMap<>();
    for (String word : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
      words.put(word, NODES.booleanNode(true));
    }
    for (String word : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
      words.put(word, NODES.booleanNode(false));
    }
    for (String word : new String[] {"", "~", "null", "Null", "NULL"}) words.put(word, NODES.nullNode());
    for (String word : new String[] {".nan", ".NaN", ".NAN"}) words.put(word, NODES.numberNode(Double.NaN));
    for (String word : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
      words.put(word, NODES.numberNode(Double.POSITIVE_INFINITY));
    }
    for (String word : new String[] {"-.inf", "-.Inf", "-.INF"}) {
      words.put(word, NODES.numberNode(Double.NEGATIVE_INFINITY));
    }
    return Map.copyOf(words);
  }
}
