namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>A detection category of the core rule group and the detector that decides it.</summary>
public enum WafCategory
{
    SqlInjection,
    CrossSiteScripting,
    PathTraversal,
    CommandInjection,
    KnownBadInput,
}
