package dev.shipshape.backup.internal;

/** URLs as messages may quote them: scheme and host alone, as the rest may hold a key. */
public final class Urls {
  private Urls() {}

  /**
   * The scheme, host and port of {@code url}, with a mark where user information was: a secret key may sit in the
   * user information (a key may hold a {@code /}, so everything up to the last {@code @} goes, also when the URL
   * does not parse) or in a query ({@code ?secretKey=…}), so the path, query and fragment go too.
   */
  public static String redacted(String url) {
    int at = url.lastIndexOf('@');
    int scheme = url.indexOf("://");
    int start = scheme < 0 || (at >= 0 && scheme > at) ? 0 : scheme + 3;
    String prefix = url.substring(0, start);
    String authority = url.substring(Math.max(start, at + 1));
    int end = 0;
    while (end < authority.length() && "/?#".indexOf(authority.charAt(end)) < 0) end++;
    return prefix + (at < 0 ? "" : "(user information not shown)@") + authority.substring(0, end);
  }
}
