package dev.shipshape.core.embedded;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD dispatcher, except that requests with {@code dryRun=All} persist nothing, as on a real API server:
 * a dry-run create or update answers with the object sent, a dry-run patch or delete with the stored object (or
 * its 404).
 */
final class DryRunDispatcher extends KubernetesCrudDispatcher {
  private static final Pattern DRY_RUN = Pattern.compile("[?&]dryRun=All(&|$)");

  DryRunDispatcher() {
    super(List.of());
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    return isDryRun(request.getPath()) ? echo(201, request) : super.handleCreate(request);
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    return isDryRun(request.getPath()) ? echo(200, request) : super.handleUpdate(request);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    return isDryRun(request.getPath()) ? handleGet(withoutQuery(request.getPath())) : super.handlePatch(request);
  }

  @Override
  public MockResponse handleDelete(String path) {
    return isDryRun(path) ? handleGet(withoutQuery(path)) : super.handleDelete(path);
  }

  private static boolean isDryRun(String path) {
    return DRY_RUN.matcher(path).find();
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static MockResponse echo(int code, RecordedRequest request) {
    return new MockResponse().setResponseCode(code).setBody(request.getUtf8Body());
  }
}
