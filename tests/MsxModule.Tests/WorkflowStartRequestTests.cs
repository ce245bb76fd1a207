using System.Text;
using System.Text.Json;
using MsxPowerShell.Client;
using MsxPowerShell.Client.Models;
using Xunit;

namespace MsxPowerShell.Tests;

/// <summary>How -Input becomes the start body, and what is refused before anything is sent.</summary>
public sealed class WorkflowStartRequestTests
{
    // A start configuration as the spec shapes it, with a field the client does not know (kept as it came).
    private const string Config = """
        {
          "input_variables": [
            { "id": "v1", "unique_name": "variable_workflow_device", "schema_id": "s1", "created_by": "aoadmin",
              "properties": { "value": "", "scope": "input", "name": "device", "type": "datatype.string", "is_required": true, "placeholder": "CPE-…" } },
            { "id": "v2", "unique_name": "variable_workflow_count",
              "properties": { "value": 1, "scope": "input", "name": "count", "type": "datatype.integer", "is_required": false } },
            { "id": "v3", "unique_name": "variable_workflow_dry",
              "properties": { "value": false, "scope": "input", "name": "dryRun", "type": "datatype.boolean" } },
            { "id": "v4", "unique_name": "variable_workflow_secret",
              "properties": { "value": "s3cr3t-default", "scope": "input", "name": "password", "type": "datatype.secure_string" } }
          ],
          "type_of_target_needed": null,
          "target_id": "target-1"
        }
        """;

    [Fact]
    public void Given_values_go_into_properties_value_and_everything_else_is_sent_back_as_it_came()
    {
        var request = Build(("device", "\"CPE-1\""), ("count", "\"5\""), ("dryRun", "\"true\""));

        Assert.True(request.IsValid);
        using var body = JsonDocument.Parse(Encoding.UTF8.GetString(request.Body));
        var variables = body.RootElement.GetProperty("input_variables").EnumerateArray().ToList();
        Assert.Equal(4, variables.Count);
        Assert.Equal("CPE-1", variables[0].GetProperty("properties").GetProperty("value").GetString());
        Assert.Equal("CPE-…", variables[0].GetProperty("properties").GetProperty("placeholder").GetString());
        Assert.Equal("aoadmin", variables[0].GetProperty("created_by").GetString());
        Assert.Equal("variable_workflow_device", variables[0].GetProperty("unique_name").GetString());
        Assert.Equal(5, variables[1].GetProperty("properties").GetProperty("value").GetInt64());
        Assert.Equal(JsonValueKind.True, variables[2].GetProperty("properties").GetProperty("value").ValueKind);
        // Not given: the default stays.
        Assert.Equal("s3cr3t-default", variables[3].GetProperty("properties").GetProperty("value").GetString());
        Assert.Equal("target-1", body.RootElement.GetProperty("target_id").GetString());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("type_of_target_needed").ValueKind);
    }

    [Fact]
    public void Names_match_without_case_and_by_unique_name_and_numbers_become_text_for_strings()
    {
        var request = Build(("DEVICE", "42"));
        Assert.True(request.IsValid);
        Assert.Contains("\"value\":\"42\"", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);

        Assert.True(Build(("variable_workflow_device", "\"CPE-2\"")).IsValid);
    }

    [Fact]
    public void An_unknown_name_is_refused_and_the_expected_inputs_are_listed_without_the_secret()
    {
        var request = Build(("device", "\"CPE-1\""), ("devcie", "\"CPE-1\""));

        Assert.False(request.IsValid);
        Assert.Equal(new[] { "devcie" }, request.Unknown);
        Assert.Equal("'devcie' is no input of the workflow", Assert.Single(request.Problems));
        Assert.Equal("device (string, required), count (integer, default 1), dryRun (boolean, default false), password (secure_string, secret, has a default)", request.ExpectedInputs);
        Assert.DoesNotContain("s3cr3t", request.ExpectedInputs, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_input_without_value_or_default_is_missing_also_when_given_empty()
    {
        var none = Build();
        Assert.Equal("device", Assert.Single(none.Missing).Name);
        Assert.Equal("the required input 'device' has no value", Assert.Single(none.Problems));

        Assert.Equal("device", Assert.Single(Build(("device", "\"\"")).Missing).Name);
        Assert.Equal("device", Assert.Single(Build(("device", "null")).Missing).Name);
    }

    [Fact]
    public void A_value_that_cannot_be_the_type_is_refused()
    {
        var request = Build(("device", "\"CPE-1\""), ("count", "\"many\""), ("dryRun", "\"perhaps\""));

        Assert.Equal(2, request.Invalid.Count);
        Assert.Contains("the input 'count' must be a whole number, not \"many\"", request.Invalid);
        Assert.Contains("the input 'dryRun' must be true or false, not \"perhaps\"", request.Invalid);
        Assert.False(request.IsValid);
    }

    [Fact]
    public void A_workflow_without_inputs_says_so()
    {
        var config = JsonSerializer.Deserialize("""{"input_variables":[]}""", WorkflowJsonContext.Default.MsxWorkflowStartConfig)!;
        var request = WorkflowStartRequest.Build(config, new Dictionary<string, JsonElement>());
        Assert.True(request.IsValid);
        Assert.Equal("it takes no inputs", request.ExpectedInputs);
        Assert.Equal("""{"input_variables":[],"type_of_target_needed":null,"target_id":null}""", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public void Secret_variables_show_as_masked_values()
    {
        var config = JsonSerializer.Deserialize(Config, WorkflowJsonContext.Default.MsxWorkflowStartConfig)!;
        var secret = config.InputVariables![3];
        Assert.True(secret.IsSecret);
        Assert.Equal("***", secret.Value);
        Assert.Equal(1L, config.InputVariables[1].Value);
    }

    private static WorkflowStartRequest Build(params (string Name, string Json)[] given)
    {
        var config = JsonSerializer.Deserialize(Config, WorkflowJsonContext.Default.MsxWorkflowStartConfig)!;
        var inputs = given.ToDictionary(g => g.Name, g => JsonDocument.Parse(g.Json).RootElement.Clone(), StringComparer.Ordinal);
        return WorkflowStartRequest.Build(config, inputs);
    }
}
