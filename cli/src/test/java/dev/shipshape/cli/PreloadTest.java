package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which runs start the preloading thread. */
class PreloadTest {
  @Test
  void commandsThatMayLoadASpecPreload() {
    assertThat(Preload.worthIt("plan", "spec.jsh")).isTrue();
    assertThat(Preload.worthIt("render", "--out", "dir", "spec.jsh")).isTrue();
    assertThat(Preload.worthIt("audit", "manifests/")).isTrue();
    assertThat(Preload.worthIt("shell")).isTrue();
  }

  @Test
  void helpVersionCompletionAndNoCommandDoNot() {
    assertThat(Preload.worthIt()).isFalse();
    assertThat(Preload.worthIt("--help")).isFalse();
    assertThat(Preload.worthIt("plan", "--help")).isFalse();
    assertThat(Preload.worthIt("render", "-h")).isFalse();
    assertThat(Preload.worthIt("version")).isFalse();
    assertThat(Preload.worthIt("--version")).isFalse();
    assertThat(Preload.worthIt("completion")).isFalse();
    assertThat(Preload.worthIt("help", "plan")).isFalse();
  }
}
