using System.Text;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>One data row of an API key CSV file (1-based line number for warnings).</summary>
internal sealed record ApiKeyCsvRow(int Line, string? Key, string? Name, string? Description, string? Enabled, IReadOnlyList<string> UsagePlanIds);

/// <summary>
/// API Gateway's API key file: a header row naming <c>Key</c> and <c>Name</c> (required) and
/// optionally <c>Description</c>, <c>Enabled</c>, <c>UsagePlanIds</c> (any case, any order; unknown
/// columns ignored), then one key per row. RFC 4180 quoting. Bounded in rows and field size.
/// </summary>
internal static class ApiKeyCsv
{
    /// <summary>Most keys one import may carry (API Gateway's per-account key quota).</summary>
    public const int MaxRows = 10_000;

    /// <summary>Largest file accepted.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private const int MaxFieldLength = 4096;
    private const int MaxColumns = 32;
    private const int MaxPlansPerRow = 10;

    /// <summary>The rows; 400 for a file that is not such a CSV.</summary>
    public static IReadOnlyList<ApiKeyCsvRow> Parse(string text)
    {
        var records = Records(text).ToList();
        if (records.Count == 0)
        {
            throw ManagementException.BadRequest("Invalid API key file: it is empty");
        }
        var header = records[0].Fields.Select(h => h.Trim().ToUpperInvariant()).ToList();
        int Column(string name) => header.IndexOf(name);
        var (key, name, description, enabled, plans) = (Column("KEY"), Column("NAME"), Column("DESCRIPTION"), Column("ENABLED"), Column("USAGEPLANIDS"));
        if (key < 0 || name < 0)
        {
            throw ManagementException.BadRequest("Invalid API key file: the header must name the Key and Name columns");
        }
        if (records.Count - 1 > MaxRows)
        {
            throw ManagementException.BadRequest($"Invalid API key file: at most {MaxRows} keys may be imported at once");
        }
        var rows = new List<ApiKeyCsvRow>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }
            string? Field(int index) => index >= 0 && index < fields.Count && fields[index].Length > 0 ? fields[index] : null;
            var planIds = (Field(plans) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (planIds.Length > MaxPlansPerRow)
            {
                throw ManagementException.BadRequest($"Invalid API key file: line {line} names more than {MaxPlansPerRow} usage plans");
            }
            rows.Add(new ApiKeyCsvRow(line, Field(key), Field(name), Field(description), Field(enabled), planIds));
        }
        return rows;
    }

    private static IEnumerable<(int Line, List<string> Fields)> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        Append(field, '"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    Append(field, c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    AddField(fields, field);
                    break;
                case '\r':
                    break;
                case '\n':
                    AddField(fields, field);
                    yield return (recordLine, fields);
                    fields = [];
                    recordLine = ++line;
                    break;
                default:
                    Append(field, c);
                    break;
            }
        }
        if (quoted)
        {
            throw ManagementException.BadRequest($"Invalid API key file: unterminated quoted field starting on line {recordLine}");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            AddField(fields, field);
            yield return (recordLine, fields);
        }
    }

    private static void Append(StringBuilder field, char c)
    {
        if (field.Length >= MaxFieldLength)
        {
            throw ManagementException.BadRequest($"Invalid API key file: a field is longer than {MaxFieldLength} characters");
        }
        field.Append(c);
    }

    private static void AddField(List<string> fields, StringBuilder field)
    {
        if (fields.Count >= MaxColumns)
        {
            throw ManagementException.BadRequest($"Invalid API key file: more than {MaxColumns} columns");
        }
        fields.Add(field.ToString());
        field.Clear();
    }
}
