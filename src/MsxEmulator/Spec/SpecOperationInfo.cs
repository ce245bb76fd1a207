using Microsoft.OpenApi;

namespace MsxEmulator.Spec;

/// <summary>What the spec-driven layer does for an operation, from its method and path shape.</summary>
public enum SpecKind
{
    /// <summary>POST to a collection: store a new item.</summary>
    Create,

    /// <summary>GET a collection as the spec's page (an object with <c>contents</c>).</summary>
    Page,

    /// <summary>GET a collection as a bare array (<c>…/list</c>, or an array answer).</summary>
    List,

    /// <summary>GET <c>…/count</c>: how many items the collection holds.</summary>
    Count,

    /// <summary>GET <c>…/{id}</c>.</summary>
    Get,

    /// <summary>PUT <c>…/{id}</c>: replaces the stored item.</summary>
    Replace,

    /// <summary>PATCH <c>…/{id}</c>: merges into the stored item.</summary>
    Merge,

    /// <summary>DELETE <c>…/{id}</c>: removes the item (then 404).</summary>
    Delete,

    /// <summary>GET of a path that is one object, not a collection (a configuration).</summary>
    Singleton,

    /// <summary>PUT of a one-object path: replaces it.</summary>
    SingletonReplace,

    /// <summary>PATCH of a one-object path: merges into it.</summary>
    SingletonMerge,

    /// <summary>PUT of <c>…/x</c> where <c>…/x/list</c> lists: replaces the members.</summary>
    ReplaceMembers,

    /// <summary>Anything else (<c>…/cancel</c>, <c>…/attach</c>, <c>…/process</c>): validated and answered from the spec.</summary>
    Action,
}

/// <summary>An operation of the spec as the generic layer serves it.</summary>
public sealed record SpecOperationInfo(
    string Method,
    string Template,
    string? OperationId,
    OpenApiOperation Model,
    SpecKind Kind,
    string CollectionTemplate,
    int SuccessStatus,
    IOpenApiSchema? SuccessSchema,
    string? SuccessContentType,
    IOpenApiSchema? RequestSchema,
    string? RequestContentType,
    string? Permission)
{
    public string[] Segments { get; } = Template.Trim('/').Split('/');

    /// <summary>The normalized shape of the path (parameters as {}), by which routes are grouped.</summary>
    public string Shape { get; } = SpecDocument.ShapeOf(Template);
}
