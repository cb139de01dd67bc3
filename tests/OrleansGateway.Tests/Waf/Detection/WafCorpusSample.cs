namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>
/// One labelled sample of a corpus: the values the core rule group would inspect (one for a bare parameter
/// value, several for a whole request), already transformed as the rule group transforms them.
/// </summary>
/// <param name="Corpus">Which corpus (libinjection, httpparams, crs).</param>
/// <param name="Subset">File or rule the sample comes from, for the per-file table.</param>
/// <param name="Category">The category the sample is labelled with.</param>
/// <param name="IsAttack">True for an attack (must be detected), false for a benign sample (must not be).</param>
/// <param name="ParanoiaLevel">The CRS paranoia level of the rule the sample targets (1 outside CRS).</param>
/// <param name="Values">The transformed values to run the detector over.</param>
public sealed record WafCorpusSample(string Corpus, string Subset, WafCategory Category, bool IsAttack, int ParanoiaLevel, IReadOnlyList<string> Values);
