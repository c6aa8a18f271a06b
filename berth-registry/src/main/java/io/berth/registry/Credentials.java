package io.berth.registry;

/**
 * What a client gives to authenticate against one registry, as Docker's AuthConfig carries it:
 * a user name and password, or an identity (refresh) token, or a ready registry token.
 */
public record Credentials(String username, String password, String identityToken, String registryToken) {
  public static final Credentials ANONYMOUS = new Credentials("", "", "", "");

  public Credentials {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    identityToken = identityToken == null ? "" : identityToken;
    registryToken = registryToken == null ? "" : registryToken;
  }

  /**
   * From Docker's AuthConfig fields: an {@code auth} field (base64 "user:password") stands for the user name
   * and password when those are empty.
   */
  public static Credentials fromAuthConfig(String username, String password, String auth, String identityToken,
      String registryToken) {
    String user = username == null ? "" : username;
    String pass = password == null ? "" : password;
    if (user.isEmpty() && pass.isEmpty() && auth != null && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(java.util.Base64.getDecoder().decode(auth), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new io.berth.common.BerthException.InvalidParameter("invalid auth configuration file");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new io.berth.common.BerthException.InvalidParameter("invalid auth configuration file");
      }
      user = decoded.substring(0, colon);
      pass = decoded.substring(colon + 1);
    }
    return new Credentials(user, pass, identityToken, registryToken);
  }

  public boolean hasBasic() {
    return !username.isEmpty() || !password.isEmpty();
  }

  public boolean anonymous() {
    return !hasBasic() && identityToken.isEmpty() && registryToken.isEmpty();
  }
}
