namespace MsxEmulator.Data;

/// <summary>The --data file: <c>{ "clients": [...], "users": [...], "roles": [...], "tenants": [...], "sites": [...], "devices": [...], "workflows": [...] }</c>.</summary>
public sealed class DataFile
{
    public List<ClientEntry>? Clients { get; set; }

    public List<UserEntry>? Users { get; set; }

    /// <summary>The role catalog; absent means the built-in one.</summary>
    public List<RoleEntry>? Roles { get; set; }

    public List<TenantEntry>? Tenants { get; set; }

    // Read by their own loaders (ManageDataLoader, WorkflowDataLoader), which check them; declared here so
    // that the strict reading of the file knows them.
    public JsonElement? Sites { get; set; }

    public JsonElement? Devices { get; set; }

    public JsonElement? Workflows { get; set; }

    /// <summary>Items of the spec-driven collections by collection path; read and checked by Spec/SpecDataLoader.</summary>
    public JsonElement? Collections { get; set; }

    /// <summary>Typed, so that the strict reading checks its fields; WorkflowTargetDataLoader applies the rules.</summary>
    public List<WorkflowTargetEntry?>? WorkflowTargets { get; set; }
}

/// <summary>A security client in the seed guide's payload shape; the payload fields the emulator has no use for are accepted and ignored.</summary>
public sealed class ClientEntry
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public List<string>? GrantTypes { get; set; }

    public List<string>? Scopes { get; set; }

    public int? AccessTokenValiditySeconds { get; set; }

    public int? RefreshTokenValiditySeconds { get; set; }

    // The rest of the seed guide's payloads (confidential and public clients): accepted, so that a
    // payload can be pasted as it is, and ignored.
    public JsonElement? MaxTokensPerUser { get; set; }

    public JsonElement? UseSessionTimeout { get; set; }

    public JsonElement? ResourceIds { get; set; }

    public JsonElement? AutoApproveScopes { get; set; }

    public JsonElement? Authorities { get; set; }

    public JsonElement? AdditionalInformation { get; set; }

    public JsonElement? RegisteredRedirectUris { get; set; }
}

/// <summary>A user entry of the data file.</summary>
public sealed class UserEntry
{
    public string? Id { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public List<string>? Roles { get; set; }

    public List<string>? TenantIds { get; set; }

    /// <summary>The spec's "true"/"false" string; a JSON boolean is accepted too.</summary>
    public JsonElement? Status { get; set; }

    public JsonElement? Deleted { get; set; }

    public string? PasswordPolicyName { get; set; }

    public string? Locale { get; set; }
}

/// <summary>A role entry of the data file (the spec's Role shape).</summary>
public sealed class RoleEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<string>? Permissions { get; set; }
}

/// <summary>A tenant entry of the data file (the spec's Tenant shape; numberOfChildren is ignored).</summary>
public sealed class TenantEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Url { get; set; }

    public string? Image { get; set; }

    public string? Email { get; set; }

    public string? ParentId { get; set; }

    public string? ExternalId { get; set; }

    public bool? Suspended { get; set; }

    public string? CreatedOn { get; set; }

    public string? ModifiedOn { get; set; }

    // Accepted so that a Tenant answer can be pasted as it is; the emulator always computes it.
    public JsonElement? NumberOfChildren { get; set; }
}
