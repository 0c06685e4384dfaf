package dev.shipshape.core.apply;

import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The requests a mock server received, for asserting what an executor sent. */
final class Requests {
  private Requests() {}

  /** Takes every request recorded so far (and not taken before), in arrival order. */
  static List<RecordedRequest> drain(DefaultMockServer server) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
        r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
      requests.add(r);
    }
    return requests;
  }

  /** The requests that can change state: everything but GET. */
  static List<RecordedRequest> writes(List<RecordedRequest> requests) {
    return requests.stream().filter(r -> !r.getMethod().equals("GET")).collect(Collectors.toList());
  }

  /** {@code METHOD path} of each request, for readable assertion failures. */
  static List<String> lines(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.getMethod() + " " + r.getPath()).collect(Collectors.toList());
  }
}
