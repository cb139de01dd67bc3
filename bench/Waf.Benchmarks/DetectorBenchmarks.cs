using BenchmarkDotNet.Attributes;
using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>
/// Where the core rule group's time goes: each detector over the benign values a typical request
/// gives it (query argument values, JSON body keys and values, cookie values, header values), already
/// transformed as the core rules transform them (decoded and lowercased).
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private static readonly string[] Values =
    [
        "customer", "2", "-created_at", "id,name,price", "blue widget",
        "orderid", "ord-12345", "customer", "id", "cus-981", "name", "jo bloggs", "email", "jo.bloggs@example.com",
        "address", "line1", "12 high street", "line2", "flat 3", "city", "manchester", "postcode", "m1 1aa", "country", "gb",
        "items", "sku", "wid-blue-01", "blue widget", "quantity", "2", "unitprice", "12.5", "options", "colour", "blue", "size", "m",
        "gad-red-07", "red gadget, deluxe", "1", "49.99", "red", "warranty", "2y", "bolt-m6-100", "m6 bolts (box of 100)", "3", "4.2",
        "delivery", "method", "standard", "instructions", "leave with the neighbour at no. 14 if nobody is in - thanks!",
        "payment", "card", "last4", "4242", "currency", "gbp",
        "notes", "gift wrap the gadget please; it's for my dad's birthday & he loves anything red.",
        "marketing", "newsletter", "false", "source", "spring-sale-2025", "createdat", "2025-03-14t09:26:53z", "clientversion", "web-4.18.2",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "dark", "analytics=no&ads=no",
        "mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36 (khtml, like gecko) chrome/131.0.0.0 safari/537.36",
        "application/json, text/plain, */*", "en-gb,en;q=0.9,fr;q=0.8", "https://shop.example.com/orders/12345?tab=items",
    ];

    /// <summary>The detector measured.</summary>
    [Params("SQLi", "XSS", "PathTraversal", "CommandInjection", "KnownBadInput", "BadBot")]
    public string Detector { get; set; } = "SQLi";

    /// <summary>All the values through the detector (divide by the value count for the cost per call).</summary>
    [Benchmark]
    public int AllValues()
    {
        var hits = 0;
        foreach (var value in Values)
        {
            var hit = Detector switch
            {
                "SQLi" => SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false),
                "XSS" => CrossSiteScriptingDetector.IsCrossSiteScripting(value),
                "PathTraversal" => PathTraversalDetector.IsPathTraversal(value),
                "CommandInjection" => CommandInjectionDetector.IsCommandInjection(value),
                "KnownBadInput" => KnownBadInputDetector.IsKnownBadInput(value),
                _ => BadBotDetector.IsBadBot(value),
            };
            hits += hit ? 1 : 0;
        }
        return hits;
    }
}
