namespace MsxEmulator.Data;

/// <summary>The data the emulator starts with (and returns to on reset).</summary>
public sealed record EmulatorData(
    IReadOnlyList<Client> Clients,
    IReadOnlyList<User> Users,
    IReadOnlyList<Tenant> Tenants,
    RoleCatalog Roles);
