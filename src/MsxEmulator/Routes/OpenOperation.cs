namespace MsxEmulator.Routes;

/// <summary>One operation of a path that needs no user (token endpoints, control API): its method and what it does.</summary>
public readonly record struct OpenOperation(string Method, Func<HttpContext, Task> Run);
