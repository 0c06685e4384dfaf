package dev.shipshape.backup.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * S3 bucket names, as the {@code aws} object store plugin (AWS S3 and S3-compatible stores) needs them: AWS's
 * general purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html),
 * and no dot next to a hyphen, which MinIO refuses as not DNS-compatible (minio-go's {@code s3utils}
 * {@code checkBucketNameCommon}, whose IP address pattern this class shares).
 */
public final class BucketNames {
  /** The shortest name S3 takes. */
  public static final int MIN_LENGTH = 3;
  /** The longest name S3 takes. */
  public static final int MAX_LENGTH = 63;
  /**
   * The longest name of a bucket made in us-east-1 before 1 March 2018, when S3 still took names with uppercase
   * letters and underscores, of up to this length; such buckets are still in use.
   */
  private static final int MAX_LEGACY_LENGTH = 255;

  private static final Pattern IP_ADDRESS = Pattern.compile("(\\d+\\.){3}\\d+");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  /**
   * The reserved suffixes and what S3 reserves them for. {@code -s3alias} is not among them although S3 reserves
   * it too: an access point alias stands in for a bucket name in every object operation Velero makes.
   */
  private static final Map<String, String> RESERVED_SUFFIXES = suffixes();

  private BucketNames() {}

  /**
   * Every rule {@code bucket} breaks, each as a phrase such as {@code "is 2 characters long (3 to 63 allowed)"};
   * empty when it follows them all.
   */
  public static List<String> violations(String bucket) {
    return violations(bucket, false);
  }

  /**
   * True when {@code bucket} breaks only rules that S3 did not have for buckets made in us-east-1 before 1 March
   * 2018: uppercase letters, underscores, up to 255 characters.
   */
  public static boolean legacyName(String bucket) {
    return !violations(bucket).isEmpty() && violations(bucket, true).isEmpty();
  }

  private static List<String> violations(String bucket, boolean legacy) {
    List<String> broken = new ArrayList<>();
    int max = legacy ? MAX_LEGACY_LENGTH : MAX_LENGTH;
    if (bucket.length() < MIN_LENGTH || bucket.length() > max) {
      broken.add("is " + bucket.length() + " characters long (" + MIN_LENGTH + " to " + max + " allowed)");
    }
    Set<String> invalid = bucket.codePoints().filter(c -> !allowed(c) && !(legacy && legacyAllowed(c)))
        .mapToObj(Character::toString)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (!invalid.isEmpty()) {
      broken.add("has characters other than lowercase letters, digits, dots and hyphens: "
          + invalid.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")));
    }
    // Other characters at either end are reported above already.
    if (!bucket.isEmpty() && punctuation(bucket.charAt(0))) {
      broken.add("begins with '" + bucket.charAt(0) + "', not a letter or digit");
    }
    if (bucket.length() > 1 && punctuation(bucket.charAt(bucket.length() - 1))) {
      broken.add("ends with '" + bucket.charAt(bucket.length() - 1) + "', not a letter or digit");
    }
    if (bucket.contains("..")) broken.add("has two adjacent dots");
    if (bucket.contains(".-") || bucket.contains("-.")) {
      broken.add("has a dot next to a hyphen, which is no DNS name (MinIO refuses it)");
    }
    if (IP_ADDRESS.matcher(bucket).matches()) broken.add("is formatted as an IP address");
    RESERVED_PREFIXES.stream().filter(bucket::startsWith).forEach(p -> broken.add("begins with '" + p + "', a"
        + " prefix S3 reserves"));
    RESERVED_SUFFIXES.forEach((suffix, use) -> {
      if (bucket.endsWith(suffix)) broken.add("ends with '" + suffix + "', a suffix S3 reserves for " + use);
    });
    return broken;
  }

  private static boolean allowed(int c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || punctuation(c);
  }

  private static boolean legacyAllowed(int c) {
    return c >= 'A' && c <= 'Z' || c == '_';
  }

  private static boolean punctuation(int c) {
    return c == '.' || c == '-';
  }

  private static Map<String, String> suffixes() {
    Map<String, String> suffixes = new LinkedHashMap<>();
    // Velero writes backups, which an Object Lambda Access Point never does.
    suffixes.put("--ol-s3", "Object Lambda Access Point aliases, through which Velero cannot write");
    suffixes.put(".mrap", "Multi-Region Access Points");
    suffixes.put("--x-s3", "directory buckets");
    suffixes.put("--table-s3", "table buckets");
    return Collections.unmodifiableMap(suffixes);
  }
}
