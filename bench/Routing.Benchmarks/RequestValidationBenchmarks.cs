using System.Text;
using BenchmarkDotNet.Attributes;
using NJsonSchema;
using OrleansGateway.Edge.DataPlane.Validation;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// The body validator's cost per request on proxy-bench variant g's POST: the ~0.8 KB pet of
/// <c>bench/fixtures/post-pet.lua</c> against the <c>Pet</c> model of
/// <c>bench/samples/protected-proxy.openapi.json</c> (draft-04, as the edge compiles it).
/// </summary>
[MemoryDiagnoser]
public class RequestValidationBenchmarks
{
    private const string PetModel = """
        {"type": "object", "required": ["name", "type", "owner"], "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100},
         "type": {"type": "string", "enum": ["dog", "cat", "fish", "bird"]}, "age": {"type": "integer", "minimum": 0, "maximum": 100},
         "tags": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 40}},
         "owner": {"type": "object", "required": ["id", "email"], "properties": {"id": {"type": "string", "pattern": "^[a-z0-9-]{8,40}$"},
          "email": {"type": "string", "maxLength": 200}, "address": {"type": "string", "maxLength": 400}}},
         "notes": {"type": "string", "maxLength": 1000}}}
        """;

    private const string Pet = """{"name":"Rex the second","type":"dog","age":4,"tags":["friendly","vaccinated","good-with-kids","house-trained","loves-walks","microchipped"],"owner":{"id":"owner-4f2a9c1e-77aa","email":"jane.doe@example.com","address":"221B Baker Street, Marylebone, London NW1 6XE, United Kingdom"},"notes":"Rex was adopted from the shelter on Elm street in spring. He likes long walks in the park, chasing tennis balls and sleeping on the sofa. Allergic to chicken: feed him lamb or fish only. Vet visits every six months; the last one in March went fine and his weight is stable. Please do not leave him alone for more than four hours a day, and keep the garden gate closed because he follows cats. He knows sit, stay, down, paw and come; use treats sparingly. Brush his coat twice a week in summer."}""";

    private JsonSchema _model = null!;
    private ReadOnlyMemory<byte> _body;

    /// <summary>Compiles the model and encodes the body once; checks that the pet is valid.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = JsonSchema.FromJsonAsync(PetModel).GetAwaiter().GetResult();
        _body = Encoding.UTF8.GetBytes(Pet);
        if (ParseAndValidate() != 0)
        {
            throw new InvalidOperationException("The benchmark's pet must be valid.");
        }
    }

    /// <summary>Reading the buffered body into a token (strict UTF-8, bounded depth).</summary>
    [Benchmark]
    public object? ParseBody() => JsonBodyReader.Read(_body, 32, out _);

    /// <summary>The Newtonsoft reader alone (decode to a string, <c>JsonTextReader</c>): what <see cref="ParseBody"/> did before, and still does for non-strict JSON.</summary>
    [Benchmark]
    public object? ParseBodyWithNewtonsoftReader() => JsonBodyReader.ReadLenient(_body, 32, out _);

    /// <summary>What the middleware does per request: read the body, then validate it against the model (0 = valid).</summary>
    [Benchmark(Baseline = true)]
    public int ParseAndValidate()
    {
        var token = JsonBodyReader.Read(_body, 32, out _);
        return token is null ? -1 : BodySchemaValidator.Validate(_model, token).Count;
    }
}
