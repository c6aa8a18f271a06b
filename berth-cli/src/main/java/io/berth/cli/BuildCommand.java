package io.berth.cli;

import io.berth.client.HttpResponse;
import io.berth.client.JsonLines;
import io.berth.client.JsonWriter;
import io.berth.common.Units;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code build PATH | -}: the Docker CLI's legacy build. The context is tarred here with .dockerignore
 * applied (or read from stdin: a tar, or a lone Dockerfile), sent to {@code POST /build} with the flags as
 * query parameters, and the builder's stream printed; a failed step exits with its code.
 * {@code --secret id=ID,src=FILE} is berth's own: sent in a header for {@code RUN --mount=type=secret}.
 */
final class BuildCommand extends AbstractCommand {
  private final Flag addHost = flags.list(null, "add-host", "list", "Add a custom host-to-IP mapping (\"host:ip\")");
  private final Flag buildArg = flags.list(null, "build-arg", "list", "Set build-time variables");
  private final Flag cacheFrom = flags.list(null, "cache-from", "strings", "Images to consider as cache sources");
  private final Flag cgroupParent = flags.string(null, "cgroup-parent", "string",
      "Set the parent cgroup for the \"RUN\" instructions during build");
  private final Flag compress = flags.bool(null, "compress", "Compress the build context using gzip");
  private final Flag cpuPeriod = flags.integer(null, "cpu-period", "int", "Limit the CPU CFS (Completely Fair Scheduler) period");
  private final Flag cpuQuota = flags.integer(null, "cpu-quota", "int", "Limit the CPU CFS (Completely Fair Scheduler) quota");
  private final Flag cpuShares = flags.integer("c", "cpu-shares", "int", "CPU shares (relative weight)");
  private final Flag cpusetCpus = flags.string(null, "cpuset-cpus", "string", "CPUs in which to allow execution (0-3, 0,1)");
  private final Flag cpusetMems = flags.string(null, "cpuset-mems", "string", "MEMs in which to allow execution (0-3, 0,1)");
  private final Flag file = flags.string("f", "file", "string", "Name of the Dockerfile (Default is \"PATH/Dockerfile\")");
  private final Flag forceRm = flags.bool(null, "force-rm", "Always remove intermediate containers");
  private final Flag iidfile = flags.string(null, "iidfile", "string", "Write the image ID to the file");
  private final Flag isolation = flags.string(null, "isolation", "string", "Container isolation technology");
  private final Flag label = flags.list(null, "label", "list", "Set metadata for an image");
  private final Flag memory = flags.string("m", "memory", "bytes", "Memory limit").convert(FlagValues::memBytes);
  private final Flag memorySwap = flags.string(null, "memory-swap", "bytes",
      "Swap limit equal to memory plus swap: -1 to enable unlimited swap").convert(FlagValues::memSwapBytes);
  private final Flag network = flags.stringDefault(null, "network", "string",
      "Set the networking mode for the RUN instructions during build", "default");
  private final Flag noCache = flags.bool(null, "no-cache", "Do not use cache when building the image");
  private final Flag platform = flags.string(null, "platform", "string", "Set platform if server is multi-platform capable");
  private final Flag pull = flags.bool(null, "pull", "Always attempt to pull a newer version of the image");
  private final Flag quiet = flags.bool("q", "quiet", "Suppress the build output and print image ID on success");
  private final Flag rm = flags.boolDefaultTrue(null, "rm", "Remove intermediate containers after a successful build");
  private final Flag secret = flags.list(null, "secret", "stringArray",
      "Secret to expose to RUN --mount=type=secret (format: \"id=mysecret,src=/local/secret\"; berth only)");
  private final Flag securityOpt = flags.list(null, "security-opt", "strings", "Security options");
  private final Flag shmSize = flags.string(null, "shm-size", "bytes", "Size of \"/dev/shm\"").convert(FlagValues::memBytes);
  private final Flag squash = flags.bool(null, "squash", "Squash newly built layers into a single new layer");
  private final Flag tag = flags.list("t", "tag", "list", "Name and optionally a tag in the \"name:tag\" format")
      .convert(FlagValues::tag);
  private final Flag target = flags.string(null, "target", "string", "Set the target build stage to build.");
  private final Flag ulimit = flags.list(null, "ulimit", "ulimit", "Ulimit options (default [])").convert(FlagValues::ulimit);
  private final Flag contentTrust = ContentTrust.flag(flags);

  @Override
  public int run(CliContext ctx) throws IOException {
    Args.exactly(flags.args(), 1, "build");
    String source = flags.args().getFirst();
    ContentTrust.refuseVerification(contentTrust, ctx.env(), 1);
    if (isRemote(source)) {
      return buildRemote(ctx, source);
    }
    Context context = context(ctx, source);
    java.util.concurrent.atomic.AtomicLong size = new java.util.concurrent.atomic.AtomicLong();
    // the context is tarred while it is sent, so that the daemon reads it as it is written
    try (ContextStream body = new ContextStream(out -> {
      OutputStream counted = new Counting(new BufferedOutputStream(out, 1 << 16), size);
      try (OutputStream tar = compress.isTrue() ? new java.util.zip.GZIPOutputStream(counted, 1 << 16) : counted) {
        context.content().write(tar);
      }
    })) {
      Runnable sent = () -> {
        if (!quiet.isTrue()) {
          ctx.out().println("Sending build context to Docker daemon  " + Units.humanSize(size.get()));
        }
      };
      try {
        send(ctx, body, query(ctx, context.dockerfile()), sent);
      } catch (IOException | RuntimeException e) {
        if (body.writerFailure != null) {
          throw prepareError(body.writerFailure);
        }
        throw e;
      }
    }
    return 0;
  }

  /** The context to send: the Dockerfile's name in it, and what writes its tar. */
  private record Context(String dockerfile, io.berth.common.PipeInputStream.Writer content) {}

  /** The context's tar, written on a thread of its own while the request sends it; its failure kept. */
  private static final class ContextStream extends io.berth.common.PipeInputStream {
    private volatile IOException writerFailure;

    ContextStream(Writer content) throws IOException {
      super(1 << 16);
      start(Thread.ofPlatform().name("berth-build-context"), content);
    }

    @Override
    protected IOException failed(IOException failure) {
      writerFailure = failure;
      return failure;
    }
  }

  /** The bytes of the context as sent (after --compress), counted on their way to the request. */
  private static final class Counting extends java.io.FilterOutputStream {
    private final java.util.concurrent.atomic.AtomicLong count;

    Counting(OutputStream out, java.util.concurrent.atomic.AtomicLong count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count.addAndGet(len);
    }
  }

  private static CliError prepareError(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new CliError("unable to prepare context: " + e.getMessage() + ": no such file or directory", 1);
    }
    return new CliError("unable to prepare context: " + e.getMessage(), 1);
  }

  /**
   * A git repository or an http(s) URL that is not a local directory: the daemon fetches the context itself
   * ({@code remote=}, as docker-py sends it); where the Docker CLI fetches it first, the result is the same.
   */
  private static boolean isRemote(String source) {
    boolean address = source.startsWith("http://") || source.startsWith("https://") || source.startsWith("git://")
        || source.startsWith("git@") || source.startsWith("github.com/");
    return address && !Files.isDirectory(Path.of(source));
  }

  private int buildRemote(CliContext ctx, String source) throws IOException {
    if (file.string().equals("-")) {
      throw new CliError("unable to prepare context: the Dockerfile cannot come from stdin with a remote context "
          + source, 1);
    }
    Map<String, List<String>> query = query(ctx, file.string().isEmpty() ? "Dockerfile" : file.string());
    query.put("remote", List.of(source));
    send(ctx, InputStream.nullInputStream(), query, () -> { });
    return 0;
  }

  /** Sends the build request, shows its output ({@code sent} first: the body is all sent by then), writes --iidfile. */
  private void send(CliContext ctx, InputStream body, Map<String, List<String>> query, Runnable sent)
      throws IOException {
    try (HttpResponse response = ctx.client().build(body, query, headers())) {
      sent.run();
      String id = display(ctx, response.body());
      if (!iidfile.string().isEmpty() && id != null) {
        Files.writeString(Path.of(iidfile.string()), id);
      }
    }
  }

  /**
   * Checks the context and the Dockerfile and decides the Dockerfile's name in the context; the tar itself is
   * written later, as it is sent.
   */
  private Context context(CliContext ctx, String source) throws IOException {
    String dockerfileFlag = file.string();
    if (source.equals("-")) {
      if (dockerfileFlag.equals("-")) {
        throw new CliError("invalid argument: can't use stdin for both build context and dockerfile", 1);
      }
      String name = dockerfileFlag.isEmpty() ? "Dockerfile" : dockerfileFlag;
      byte[] head = ctx.in().readNBytes(512);
      if (BuildContext.isArchive(head, head.length)) {
        return new Context(name, out -> {
          try (InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), ctx.in())) {
            all.transferTo(out);
          }
        });
      }
      byte[] rest = ctx.in().readAllBytes();
      byte[] text = new byte[head.length + rest.length];
      System.arraycopy(head, 0, text, 0, head.length);
      System.arraycopy(rest, 0, text, head.length, rest.length);
      return new Context(name, out -> BuildContext.writeDockerfileOnly(name, text, out));
    }
    Path dir = Path.of(source).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new CliError("unable to prepare context: path \"" + source + "\" not found", 1);
    }
    if (dockerfileFlag.equals("-")) {
      String name = randomName();
      byte[] dockerfile = ctx.in().readAllBytes();
      return new Context(name, out -> BuildContext.writeDirectory(dir, name, true, name, dockerfile, out));
    }
    Path df = dockerfileFlag.isEmpty() ? dir.resolve("Dockerfile") : Path.of(dockerfileFlag).toAbsolutePath().normalize();
    if (!Files.exists(df) && dockerfileFlag.isEmpty() && Files.exists(dir.resolve("dockerfile"))) {
      df = dir.resolve("dockerfile");
    }
    if (!Files.exists(df)) {
      throw new CliError("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat " + df
          + ": no such file or directory", 1);
    }
    if (!df.startsWith(dir)) { // a Dockerfile outside the context travels inside it under a name of its own
      String name = randomName();
      byte[] dockerfile = Files.readAllBytes(df);
      return new Context(name, out -> BuildContext.writeDirectory(dir, name, true, name, dockerfile, out));
    }
    String rel = dir.relativize(df).toString();
    return new Context(rel, out -> BuildContext.writeDirectory(dir, rel, false, null, null, out));
  }

  private static String randomName() {
    byte[] random = new byte[10];
    new java.security.SecureRandom().nextBytes(random);
    return ".dockerfile." + HexFormat.of().formatHex(random);
  }

  /** The query the Docker CLI's imageBuildOptionsToQuery sends. */
  private Map<String, List<String>> query(CliContext ctx, String dockerfile) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    q.put("t", tag.list());
    q.put("securityopt", securityOpt.list());
    q.put("extrahosts", addHost.list());
    if (quiet.isTrue()) {
      q.put("q", List.of("1"));
    }
    if (noCache.isTrue()) {
      q.put("nocache", List.of("1"));
    }
    q.put("rm", List.of(rm.isTrue() ? "1" : "0"));
    if (forceRm.isTrue()) {
      q.put("forcerm", List.of("1"));
    }
    if (pull.isTrue()) {
      q.put("pull", List.of("1"));
    }
    if (squash.isTrue()) {
      q.put("squash", List.of("1"));
    }
    if (!isolation.string().isEmpty() && !isolation.string().equalsIgnoreCase("default")) {
      q.put("isolation", List.of(isolation.string()));
    }
    q.put("cpusetcpus", List.of(cpusetCpus.string()));
    q.put("networkmode", List.of(network.string()));
    q.put("cpusetmems", List.of(cpusetMems.string()));
    q.put("cpushares", List.of(number(cpuShares)));
    q.put("cpuquota", List.of(number(cpuQuota)));
    q.put("cpuperiod", List.of(number(cpuPeriod)));
    q.put("memory", List.of(memory.string().isEmpty() ? "0" : memory.string()));
    q.put("memswap", List.of(memorySwap.string().isEmpty() ? "0" : memorySwap.string()));
    q.put("cgroupparent", List.of(cgroupParent.string()));
    q.put("shmsize", List.of(shmSize.string().isEmpty() ? "0" : shmSize.string()));
    q.put("dockerfile", List.of(dockerfile));
    q.put("target", List.of(target.string()));
    q.put("ulimits", List.of(JsonWriter.write(ResourceSpecs.ulimits(ulimit.list()))));
    Map<String, Object> args = new LinkedHashMap<>();
    for (String a : buildArg.list()) {
      int eq = a.indexOf('=');
      if (eq >= 0) {
        args.put(a.substring(0, eq), a.substring(eq + 1));
      } else {
        args.put(a, ctx.env().get(a)); // no value: the variable of the client's environment, or none
      }
    }
    q.put("buildargs", List.of(JsonWriter.write(args)));
    Map<String, Object> labels = new LinkedHashMap<>();
    for (String l : label.list()) {
      int eq = l.indexOf('=');
      labels.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
    }
    q.put("labels", List.of(JsonWriter.write(labels)));
    q.put("cachefrom", List.of(JsonWriter.write(new ArrayList<Object>(cacheFrom.list()))));
    if (!platform.string().isEmpty()) {
      q.put("platform", List.of(platform.string().toLowerCase(java.util.Locale.ROOT)));
    }
    q.put("version", List.of("1"));
    return q;
  }

  private static String number(Flag f) {
    return f.string().isEmpty() ? "0" : f.string();
  }

  private Map<String, String> headers() throws IOException {
    if (secret.list().isEmpty()) {
      return Map.of();
    }
    Map<String, Object> secrets = new LinkedHashMap<>();
    for (String spec : secret.list()) {
      String id = "";
      String src = "";
      for (String field : spec.split(",")) {
        int eq = field.indexOf('=');
        String key = eq < 0 ? field : field.substring(0, eq);
        String value = eq < 0 ? "" : field.substring(eq + 1);
        switch (key) {
          case "id" -> id = value;
          case "src", "source" -> src = value;
          case "type" -> {
            if (!value.equals("file")) {
              throw new CliError("unsupported secret type " + value + ": berth sends file secrets only", 1);
            }
          }
          default -> throw new CliError("unexpected key '" + key + "' in '" + field + "'", 1);
        }
      }
      if (id.isEmpty()) {
        id = Path.of(src).getFileName().toString();
      }
      if (src.isEmpty()) {
        throw new CliError("secret " + id + ": no source (src=) given", 1);
      }
      secrets.put(id, Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(src))));
    }
    return Map.of("X-Berth-Build-Secrets", Base64.getEncoder().encodeToString(
        JsonWriter.write(secrets).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Prints the stream as jsonmessage does; returns the image ID (aux, or -q's line); a failure exits. */
  private String display(CliContext ctx, InputStream body) throws IOException {
    String id = null;
    try (JsonLines lines = new JsonLines(body)) {
      Map<String, Object> m;
      while ((m = lines.next()) != null) {
        if (m.get("errorDetail") instanceof Map<?, ?> detail) {
          ctx.out().flush();
          int code = detail.get("code") instanceof Number n && n.intValue() != 0 ? n.intValue() : 1;
          throw new CliError(String.valueOf(detail.get("message")), code);
        }
        if (m.get("error") instanceof String error) {
          ctx.out().flush();
          throw new CliError(error, 1);
        }
        if (m.get("aux") instanceof Map<?, ?> aux && aux.get("ID") instanceof String auxId) {
          id = auxId;
        } else if (m.get("stream") instanceof String stream) {
          ctx.out().print(stream);
          if (quiet.isTrue() && stream.startsWith("sha256:")) {
            id = stream.strip();
          }
        }
        ctx.out().flush();
      }
    }
    return id;
  }
}
