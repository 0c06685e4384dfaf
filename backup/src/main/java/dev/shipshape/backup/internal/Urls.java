package dev.shipshape.backup.internal;

/** URLs as messages may quote them: without the user information, which may hold a key. */
public final class Urls {
  private Urls() {}

  /**
   * {@code url} with everything between {@code ://} (or the start) and its last {@code @} replaced, also when it
   * does not parse as a URL: a secret key may hold a {@code /}, which ends the authority of a parsed URL early.
   */
  public static String redacted(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) return url;
    int scheme = url.indexOf("://");
    int start = scheme < 0 || scheme > at ? 0 : scheme + 3;
    return url.substring(0, start) + "(user information not shown)@" + url.substring(at + 1);
  }
}
