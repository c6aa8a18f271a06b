package io.berth.registry.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.berth.common.tls.CertifiedKey;
import io.berth.common.tls.TlsContexts;
import io.berth.common.tls.TlsException;
import java.io.IOException;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running registry: the store opened (and cleaned) under its root, the JDK's HTTP server with one virtual
 * thread per exchange, and the periodic collector when one is configured.
 */
final class RegistryServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  final Store store;
  final Collector collector;

  private RegistryServer(HttpServer http, ExecutorService executor, ScheduledExecutorService timer, Store store,
                         Collector collector) {
    this.http = http;
    this.executor = executor;
    this.timer = timer;
    this.store = store;
    this.collector = collector;
  }

  static RegistryServer start(Settings settings, Log log) throws IOException {
    Store store = Store.open(settings.root());
    Collector collector = new Collector(store, settings.gcGrace());
    HttpServer http = settings.tlsCert() == null ? HttpServer.create(settings.addr(), 256)
        : https(settings);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    http.createContext("/", new Dispatcher(store, collector, auth(settings, store, log), settings.proxies(), log));
    http.start();
    ScheduledExecutorService timer = null;
    long every = settings.gcInterval().toMillis();
    if (every > 0) {
      timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("berth-registry-gc").factory());
      timer.scheduleWithFixedDelay(() -> {
        try {
          Collector.Result r = collector.collect();
          log.info("garbage collection: " + r.blobsRemoved() + " blob(s) removed, " + r.bytesFreed()
              + " bytes freed");
        } catch (IOException | RuntimeException e) {
          log.error("garbage collection failed", e);
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }
    return new RegistryServer(http, executor, timer, store, collector);
  }

  /** An HTTPS server with the certificate and key of the settings, on berth's TLS versions and suites. */
  private static HttpsServer https(Settings settings) throws IOException {
    SSLContext context;
    try {
      CertifiedKey identity = CertifiedKey.parse(Files.readAllBytes(settings.tlsCert()), Files.readAllBytes(settings.tlsKey()));
      context = TlsContexts.create(identity, null, false);
    } catch (TlsException e) {
      throw new SettingsException("could not load X509 key pair (cert: " + settings.tlsCert() + ", key: "
          + settings.tlsKey() + "): " + e.getMessage());
    }
    HttpsServer server = HttpsServer.create(settings.addr(), 256);
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        params.setSSLParameters(TlsContexts.parameters(context));
      }
    });
    return server;
  }

  /** The auth mode the settings ask for, with its files read now so that a bad file stops the start. */
  private static Dispatcher.Security auth(Settings settings, Store store, Log log) throws IOException {
    if (settings.htpasswd() == null) {
      return new Dispatcher.Security(new Auth.Open(), null);
    }
    Htpasswd users = Htpasswd.load(settings.htpasswd());
    if (settings.access() == null) {
      return new Dispatcher.Security(new Auth.Basic(users), null);
    }
    Tokens tokens = Tokens.open(settings.root(), Auth.REALM, store.durable);
    return new Dispatcher.Security(new Auth.Token(tokens),
        new TokenService(tokens, users, Access.load(settings.access()), log));
  }

  InetSocketAddress address() {
    return http.getAddress();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    http.stop(0);
    executor.shutdownNow();
  }
}
