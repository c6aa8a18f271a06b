package io.berth.client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What a request carries: nothing, bytes of known length, or a stream sent chunked. */
public sealed interface RequestBody {
  String contentType();

  RequestBody NONE = new Empty();

  static RequestBody json(Object value) {
    return new Bytes(JsonWriter.write(value).getBytes(StandardCharsets.UTF_8), "application/json");
  }

  static RequestBody stream(InputStream in, String contentType) {
    return new Stream(in, contentType);
  }

  record Empty() implements RequestBody {
    @Override
    public String contentType() {
      return null;
    }
  }

  record Bytes(byte[] data, String contentType) implements RequestBody {}

  record Stream(InputStream in, String contentType) implements RequestBody {}
}
