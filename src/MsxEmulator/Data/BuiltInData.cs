namespace MsxEmulator.Data;

/// <summary>The data used when no --data file is given (the seed guide's clients and tenants, plus three users).</summary>
public static class BuiltInData
{
    public const string PrivateClientId = "my-test-private-client";
    public const string PrivateClientSecret = "make-up-a-private-client-secret-and-keep-it-safe";
    public const string RefreshClientId = "my-test-refresh-client";
    public const string RefreshClientSecret = "make-up-another-client-secret-and-keep-it-safe";

    public const string SwitchTenantGrant = "urn:cisco:nfv:oauth:grant-type:switch-tenant";
    public const string SwitchUserGrant = "urn:cisco:nfv:oauth:grant-type:switch-user";

    public static readonly Guid DandelionAndBurdock = Guid.Parse("1817ec68-e182-4865-8d83-fc13035b4811");
    public static readonly Guid Coke = Guid.Parse("133815cb-2335-474d-8c10-3e635aba94fd");
    public static readonly Guid Sprite = Guid.Parse("8b06bda7-61a0-41cf-9aaa-61af86aeaec5");
    public static readonly Guid Pepsi = Guid.Parse("838a148f-1175-4a11-8ac2-4e4ee0a8e048");

    private static readonly string[] Scopes =
        ["address", "read", "phone", "openid", "profile", "write", "email", "tenant_hierarchy", "token_details"];

    public static IReadOnlyList<Client> Clients() =>
    [
        new Client(
            PrivateClientId,
            PrivateClientSecret,
            new HashSet<string>(["password", SwitchTenantGrant, SwitchUserGrant], StringComparer.Ordinal),
            Scopes,
            9000,
            18000),
        new Client(
            RefreshClientId,
            RefreshClientSecret,
            new HashSet<string>(["password", SwitchTenantGrant, SwitchUserGrant, "refresh_token"], StringComparer.Ordinal),
            Scopes,
            9000,
            18000),
    ];

    public static IReadOnlyList<User> Users() =>
    [
        NewUser("superuser", "FrmedealY((!1[ps=wCBwG!E[%|]Ob7=", "Super", "User", Roles.SuperUser, DandelionAndBurdock),
        NewUser("tenantadmin", "Tenant-Admin-Pa55!", "Tenant", "Admin", Roles.TenantAdmin, Coke, Sprite),
        NewUser("consumer", "Consumer-Pa55!", "Consumer", "User", Roles.Consumer, Pepsi),
    ];

    /// <summary>The four top-level tenants, in creation order (timestamps are assigned by the loader).</summary>
    public static IReadOnlyList<TenantSeed> Tenants() =>
    [
        TenantSeed.TopLevel(DandelionAndBurdock, "Dandelion and Burdock"),
        TenantSeed.TopLevel(Coke, "Coke"),
        TenantSeed.TopLevel(Sprite, "Sprite"),
        TenantSeed.TopLevel(Pepsi, "Pepsi"),
    ];

    private static User NewUser(string username, string password, string first, string last, string role, params Guid[] tenants) =>
        new(Roles.StableId("msx-emulator-user:" + username), username, password, first, last, username + "@example.com", [role], tenants);
}
