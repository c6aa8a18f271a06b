package io.berth.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tags and catalog pagination, the referrers API, and deletes. */
class DiscoveryTest {
  @TempDir
  Path root;

  @Test
  void tagsAndCatalogPaginateWithLinkHeaders() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      for (String tag : new String[] {"c", "a", "b", "d"}) {
        r.pushImage("pages", tag, "same");
      }
      r.pushImage("alpha/one", "x", "1");
      r.pushImage("zeta", "x", "2");
      assertEquals("{\"name\":\"pages\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}", r.get("/v2/pages/tags/list").body());
      HttpResponse<String> first = r.get("/v2/pages/tags/list?n=2");
      assertEquals("{\"name\":\"pages\",\"tags\":[\"a\",\"b\"]}", first.body());
      String link = first.headers().firstValue("Link").orElseThrow();
      assertEquals("</v2/pages/tags/list?last=b&n=2>; rel=\"next\"", link);
      HttpResponse<String> second = r.get(link.substring(1, link.indexOf('>')));
      assertEquals("{\"name\":\"pages\",\"tags\":[\"c\",\"d\"]}", second.body());
      assertTrue(second.headers().firstValue("Link").isEmpty());
      assertEquals("{\"name\":\"pages\",\"tags\":[]}", r.get("/v2/pages/tags/list?n=0").body());

      assertEquals("{\"repositories\":[\"alpha/one\",\"pages\",\"zeta\"]}", r.get("/v2/_catalog").body());
      HttpResponse<String> page = r.get("/v2/_catalog?n=1&last=alpha/one");
      assertEquals("{\"repositories\":[\"pages\"]}", page.body());
      assertEquals("</v2/_catalog?last=pages&n=1>; rel=\"next\"", page.headers().firstValue("Link").orElse(""));
    }
  }

  @Test
  void v1SearchListsMatchingRepositories() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      r.pushImage("team/web-app", "1", "a");
      r.pushImage("team/db", "1", "b");
      r.pushImage("webtools", "1", "c");
      assertEquals(200, r.get("/v1/_ping").statusCode());
      assertEquals("{\"num_results\":2,\"query\":\"WEB\",\"results\":[{\"name\":\"team/web-app\",\"description\":\"\","
          + "\"star_count\":0,\"is_official\":false,\"is_automated\":false},{\"name\":\"webtools\",\"description\":\"\","
          + "\"star_count\":0,\"is_official\":false,\"is_automated\":false}]}", r.get("/v1/search?q=WEB&n=25").body());
      assertTrue(r.get("/v1/search?q=web&n=1").body().startsWith("{\"num_results\":2,\"query\":\"web\",\"results\":[{\"name\":\"team/web-app\""));
      assertEquals(400, r.get("/v1/search?q=web&n=0").statusCode());
    }
  }

  @Test
  void referrersOfASubjectWithArtifactTypeFilter() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      TestRegistry.Pushed subject = r.pushImage("app", "v1", "subject");
      Digest config = r.pushBlob("app", "{\"sig\":1}".getBytes());
      Digest layer = r.pushBlob("app", "signature".getBytes());
      String subjectField = ",\"artifactType\":\"application/vnd.example.sig\",\"subject\":{\"mediaType\":"
          + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject.manifest() + "\",\"size\":"
          + subject.body().length() + "},\"annotations\":{\"k\":\"v\"}";
      String signature = TestRegistry.imageManifest(config, 9, layer, 9, subjectField);
      Digest sigDigest = Digest.sha256(signature.getBytes());
      HttpResponse<String> put = r.call("PUT", "/v2/app/manifests/" + sigDigest, signature.getBytes(),
          "Content-Type", "application/vnd.oci.image.manifest.v1+json");
      assertEquals(201, put.statusCode(), put.body());
      assertEquals(subject.manifest().toString(), put.headers().firstValue("OCI-Subject").orElse(""));

      HttpResponse<String> all = r.get("/v2/app/referrers/" + subject.manifest());
      assertEquals(200, all.statusCode());
      assertEquals("application/vnd.oci.image.index.v1+json", all.headers().firstValue("Content-Type").orElse(""));
      assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
          + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + sigDigest + "\",\"size\":"
          + signature.length() + ",\"artifactType\":\"application/vnd.example.sig\",\"annotations\":{\"k\":\"v\"}}]}",
          all.body());
      HttpResponse<String> filtered = r.get("/v2/app/referrers/" + subject.manifest() + "?artifactType=other/type");
      assertTrue(filtered.body().endsWith("\"manifests\":[]}"), filtered.body());
      assertEquals("artifactType", filtered.headers().firstValue("OCI-Filters-Applied").orElse(""));
      assertTrue(r.get("/v2/app/referrers/" + subject.manifest() + "?artifactType=application/vnd.example.sig")
          .body().contains(sigDigest.toString()));

      assertEquals(202, r.call("DELETE", "/v2/app/manifests/" + sigDigest, null).statusCode());
      assertTrue(r.get("/v2/app/referrers/" + subject.manifest()).body().endsWith("\"manifests\":[]}"));
    }
  }

  @Test
  void deletesOfManifestsTagsAndBlobs() throws Exception {
    try (TestRegistry r = new TestRegistry(root)) {
      TestRegistry.Pushed image = r.pushImage("del", "one", "d");
      r.call("PUT", "/v2/del/manifests/two", image.body().getBytes(), "Content-Type", "application/vnd.oci.image.manifest.v1+json");
      assertEquals(202, r.call("DELETE", "/v2/del/manifests/one", null).statusCode());
      assertEquals(404, r.get("/v2/del/manifests/one").statusCode());
      assertEquals(200, r.get("/v2/del/manifests/two").statusCode());
      assertEquals(202, r.call("DELETE", "/v2/del/manifests/" + image.manifest(), null).statusCode());
      assertEquals(404, r.get("/v2/del/manifests/two").statusCode()); // its tags went with it
      assertEquals(404, r.get("/v2/del/manifests/" + image.manifest()).statusCode());
      assertEquals(404, r.call("DELETE", "/v2/del/manifests/" + image.manifest(), null).statusCode());
      assertEquals(202, r.call("DELETE", "/v2/del/blobs/" + image.layer(), null).statusCode());
      assertEquals(404, r.get("/v2/del/blobs/" + image.layer()).statusCode());
      assertEquals(404, r.call("DELETE", "/v2/del/blobs/" + image.layer(), null).statusCode());
      assertEquals("{\"name\":\"del\",\"tags\":[]}", r.get("/v2/del/tags/list").body());
    }
  }
}
