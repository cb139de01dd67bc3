using SharpYaml.Serialization;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>
/// OWASP CRS regression tests (go-ftw YAML) turned into samples: each test's request is split into the parts the
/// core rule group inspects (path, each query and form argument's name and value, a non-form body whole,
/// cookies, User-Agent, Referer and non-standard headers), each transformed as the rule group does.
/// </summary>
public static class CrsRegressionCorpus
{
    private static readonly HashSet<string> UninspectedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Content-Type", "Content-Length",
        "Connection", "Keep-Alive", "Cache-Control", "Pragma", "Proxy-Connection", "Transfer-Encoding", "Expect",
        "Upgrade-Insecure-Requests", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-Dest", "Origin",
    };

    /// <summary>Samples from the folders of the categories the detectors cover.</summary>
    public static IEnumerable<WafCorpusSample> Samples()
    {
        var root = Path.Combine(WafCorpora.Root, "crs-regression-tests");
        var levels = WafCorpora.CrsParanoiaLevels();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var folderName = Path.GetFileName(folder);
            WafCategory? category = folderName[..Math.Min(11, folderName.Length)] switch
            {
                "REQUEST-930" => WafCategory.PathTraversal,
                "REQUEST-932" => WafCategory.CommandInjection,
                "REQUEST-933" or "REQUEST-934" => WafCategory.KnownBadInput,
                "REQUEST-941" => WafCategory.CrossSiteScripting,
                "REQUEST-942" => WafCategory.SqlInjection,
                _ => null,
            };
            if (category is null)
            {
                continue;
            }
            foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                var relative = folderName + "/" + Path.GetFileName(file);
                var level = levels.TryGetValue(relative, out var pl) ? pl : 1;
                var ruleId = Path.GetFileNameWithoutExtension(file);
                foreach (var sample in FromFile(file, ruleId, category.Value, level))
                {
                    yield return sample;
                }
            }
        }
    }

    private static IEnumerable<WafCorpusSample> FromFile(string file, string ruleId, WafCategory category, int level)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        if (Child(root, "tests") is not YamlSequenceNode tests)
        {
            yield break;
        }
        foreach (var test in tests.Children.OfType<YamlMappingNode>())
        {
            if (Child(test, "stages") is not YamlSequenceNode stages)
            {
                continue;
            }
            foreach (var stage in stages.Children.OfType<YamlMappingNode>())
            {
                var input = Child(stage, "input") as YamlMappingNode;
                var log = (Child(stage, "output") as YamlMappingNode) is { } output ? Child(output, "log") as YamlMappingNode : null;
                if (input is null || log is null)
                {
                    continue;
                }
                bool? attack = Mentions(Child(log, "expect_ids"), ruleId) ? true : Mentions(Child(log, "no_expect_ids"), ruleId) ? false : null;
                if (attack is null)
                {
                    continue;
                }
                yield return new WafCorpusSample("crs", ruleId, category, attack.Value, level, InspectedValues(input));
            }
        }
    }

    private static List<string> InspectedValues(YamlMappingNode input)
    {
        var values = new List<string>();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Child(input, "headers") is YamlMappingNode headerNode)
        {
            foreach (var (key, value) in headerNode.Children)
            {
                headers[((YamlScalarNode)key).Value ?? ""] = (value as YamlScalarNode)?.Value ?? "";
            }
        }

        var uri = Scalar(input, "uri") ?? "/";
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        AddTransformed(values, query < 0 ? uri : uri[..query]);
        if (query >= 0)
        {
            AddArguments(values, uri[(query + 1)..]);
        }

        var body = Scalar(input, "data");
        if (!string.IsNullOrEmpty(body))
        {
            headers.TryGetValue("Content-Type", out var contentType);
            var isForm = contentType is null
                ? body.Contains('=', StringComparison.Ordinal) && !body.TrimStart().StartsWith('<') && !body.TrimStart().StartsWith('{')
                : contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
            if (isForm)
            {
                AddArguments(values, body.TrimEnd('\n', '\r'));
            }
            else
            {
                AddTransformed(values, body);
            }
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var cookie in value.Split(';'))
                {
                    var eq = cookie.IndexOf('=', StringComparison.Ordinal);
                    AddTransformed(values, eq < 0 ? cookie.Trim() : cookie[..eq].Trim());
                    if (eq >= 0)
                    {
                        AddTransformed(values, cookie[(eq + 1)..]);
                    }
                }
            }
            else if (!UninspectedHeaders.Contains(name))
            {
                values.Add(CoreRuleTransforms.Apply(value));
            }
        }
        return values;
    }

    private static void AddArguments(List<string> values, string encoded)
    {
        foreach (var pair in encoded.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            AddTransformed(values, eq < 0 ? pair : pair[..eq]);
            if (eq >= 0)
            {
                AddTransformed(values, pair[(eq + 1)..]);
            }
        }
    }

    private static void AddTransformed(List<string> values, string encoded)
    {
        if (encoded.Length > 0)
        {
            values.Add(CoreRuleTransforms.Apply(CoreRuleTransforms.UrlDecode(encoded)));
        }
    }

    private static bool Mentions(YamlNode? ids, string ruleId) =>
        ids is YamlSequenceNode sequence && sequence.Children.OfType<YamlScalarNode>().Any(id => id.Value == ruleId);

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
