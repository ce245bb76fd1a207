namespace MsxEmulator.Routes;

/// <summary>One operation of an API path: its method, the permission it needs (null: any signed-in user) and what it does.</summary>
public readonly record struct AccessOperation(string Method, string? Permission, Func<HttpContext, User, AccessTokenRecord, Task> Run);
