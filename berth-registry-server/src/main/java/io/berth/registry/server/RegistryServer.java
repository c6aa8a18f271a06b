package io.berth.registry.server;

import io.berth.common.tls.CertifiedKey;
import io.berth.common.tls.TlsContexts;
import io.berth.common.tls.TlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The running registry: the store opened (and cleaned) under its root, Jetty's HTTP/1.1 server with one
 * virtual thread per request, and the periodic collector when one is configured. Jetty rather than the JDK's
 * server: a TLS ClientHello sent to the plain port (Docker tries HTTPS first for an insecure registry) must be
 * answered at once with a 400, as Go's server does, and the JDK's server waits for a line end that never
 * comes, so every push and pull stalled until the client's 10 s handshake timeout.
 */
final class RegistryServer implements AutoCloseable {
  /** How long a connection may sit with no byte moving before it is closed (Go's server has no limit). */
  private static final Duration IDLE = Duration.ofMinutes(5);

  private final Server http;
  private final ScheduledExecutorService timer;
  final Store store;
  final Collector collector;

  private RegistryServer(Server http, ScheduledExecutorService timer, Store store, Collector collector) {
    this.http = http;
    this.timer = timer;
    this.store = store;
    this.collector = collector;
  }

  static RegistryServer start(Settings settings, Log log) throws IOException {
    Store store = Store.open(settings.root());
    Collector collector = new Collector(store, settings.gcGrace());
    Dispatcher dispatcher = new Dispatcher(store, collector, auth(settings, store, log), settings.proxies(), log);
    boolean tls = settings.tlsCert() != null;
    Server http = new Server(new VirtualThreadPool(), null, bufferPool());
    ServerConnector connector = connector(http, settings, tls);
    http.addConnector(connector);
    http.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        dispatcher.handle(new Call(request, response, callback, tls));
        return true;
      }
    });
    try {
      http.start();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
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
    return new RegistryServer(http, timer, store, collector);
  }

  /**
   * Jetty's buffer pool, told to keep the 1 MiB direct buffers blob bodies are sent through (by default it
   * pools none above 64 KiB, so each GET allocated one that only a GC returned: 120 MB resident after a
   * 1 GiB pull) and to hold at most 16 MiB of each kind.
   */
  private static ArrayByteBufferPool bufferPool() {
    return new ArrayByteBufferPool(0, 0, Call.COPY_BUFFER, -1, 16L << 20, 16L << 20);
  }

  /** The listening connector: HTTP/1.1, over TLS with the settings' certificate and key when they name one. */
  private static ServerConnector connector(Server http, Settings settings, boolean tls) {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setRequestHeaderSize(64 * 1024); // bearer tokens can be long
    // the raw path reaches the router as sent: names are checked there, with the spec's NAME_INVALID
    config.setUriCompliance(UriCompliance.UNSAFE);
    HttpConnectionFactory http11 = new HttpConnectionFactory(config);
    ServerConnector connector = tls
        ? new ServerConnector(http, new SslConnectionFactory(sslContextFactory(settings), http11.getProtocol()), http11)
        : new ServerConnector(http, http11);
    connector.setHost(settings.addr().getHostString());
    connector.setPort(settings.addr().getPort());
    connector.setAcceptQueueSize(256);
    connector.setIdleTimeout(IDLE.toMillis());
    return connector;
  }

  /** berth's TLS versions and suites over the certificate and key of the settings. */
  private static SslContextFactory.Server sslContextFactory(Settings settings) {
    SSLContext context;
    try {
      CertifiedKey identity = CertifiedKey.parse(Files.readAllBytes(settings.tlsCert()), Files.readAllBytes(settings.tlsKey()));
      context = TlsContexts.create(identity, null, false);
    } catch (TlsException | IOException e) {
      throw new SettingsException("could not load X509 key pair (cert: " + settings.tlsCert() + ", key: "
          + settings.tlsKey() + "): " + e.getMessage());
    }
    SSLParameters parameters = TlsContexts.parameters(context);
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(context);
    factory.setExcludeProtocols();
    factory.setExcludeCipherSuites();
    factory.setIncludeProtocols(parameters.getProtocols());
    factory.setIncludeCipherSuites(parameters.getCipherSuites());
    return factory;
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
    ServerConnector connector = (ServerConnector) http.getConnectors()[0];
    return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    try {
      http.stop();
    } catch (Exception e) {
      // stopping: nothing is left to serve either way
    }
  }
}
