package io.berth.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

/**
 * bin/berth-registry: {@code serve [OPTIONS]} runs the registry in this JVM; {@code garbage-collect [--addr
 * HOST:PORT]} asks a running one to collect now. `berth registry ...` execs this.
 */
public final class Main {
  private static final String USAGE = """
      Usage:  berth registry COMMAND

      Manage berth's built-in registry

      Commands:
        garbage-collect Remove blobs no manifest references, while the registry serves
        serve           Run a private registry (the OCI distribution API) on this host

      Run 'berth registry COMMAND --help' for more information on a command.
      """;

  private static final String GC_USAGE = """
      Usage:  berth registry garbage-collect [OPTIONS]

      Remove blobs no manifest references, while the registry serves

      Options:
            --addr string   Address of the running registry, HOST:PORT (default "127.0.0.1:5000")
      """;

  private Main() {}

  public static void main(String[] args) {
    List<String> list = Arrays.asList(args);
    String command = list.isEmpty() ? "" : list.getFirst();
    List<String> rest = list.isEmpty() ? List.of() : list.subList(1, list.size());
    try {
      switch (command) {
        case "serve" -> serve(rest);
        case "garbage-collect" -> System.exit(garbageCollect(rest));
        case "", "-h", "--help" -> {
          System.out.print(USAGE);
          System.exit(command.isEmpty() ? 1 : 0);
        }
        default -> {
          System.err.println("berth registry: '" + command + "' is not a berth registry command.");
          System.err.println("See 'berth registry --help'");
          System.exit(1);
        }
      }
    } catch (SettingsException e) {
      System.err.println("berth registry " + command + ": " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.err.println("berth registry " + command + ": " + e.getMessage());
      System.exit(1);
    }
  }

  private static void serve(List<String> args) throws IOException {
    Settings settings = SettingsParser.parse(args);
    if (settings == null) {
      System.out.print(SettingsParser.USAGE);
      return;
    }
    Log log = new Log(System.err, settings.logLevel());
    RegistryServer server = RegistryServer.start(settings, log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    log.info("listening on " + server.address() + ", root " + settings.root());
  }

  private static int garbageCollect(List<String> args) throws IOException {
    String addr = "127.0.0.1:5000";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-h") || a.equals("--help")) {
        System.out.print(GC_USAGE);
        return 0;
      } else if (a.startsWith("--addr=")) {
        addr = a.substring("--addr=".length());
      } else if (a.equals("--addr") && i + 1 < args.size()) {
        addr = args.get(++i);
      } else {
        throw new SettingsException(a.startsWith("-") ? "unknown flag: " + a : "accepts no arguments");
      }
    }
    Settings.address(addr);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + addr + "/_berth/gc"))
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        String text = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
          System.err.println("berth registry garbage-collect: " + response.statusCode() + " " + text.trim());
          return 1;
        }
        System.out.println(text.trim());
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (java.net.ConnectException e) {
      System.err.println("berth registry garbage-collect: cannot reach a registry at " + addr);
      return 1;
    }
  }
}
