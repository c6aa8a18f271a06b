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

  public boolean hasBasic() {
    return !username.isEmpty() || !password.isEmpty();
  }

  public boolean anonymous() {
    return !hasBasic() && identityToken.isEmpty() && registryToken.isEmpty();
  }
}
